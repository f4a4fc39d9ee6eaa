import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../http/domain.exception';

export enum AuthErrorCode {
  InvalidCredentials = 'invalid_credentials',
  TotpRequired = 'totp_required',
  TotpInvalid = 'totp_invalid',
  TooManyAttempts = 'too_many_attempts',
  TotpNotPending = 'totp_not_pending',
  TotpAlreadyEnabled = 'totp_already_enabled',
  WeakPassword = 'weak_password',
  CurrentPasswordWrong = 'current_password_wrong',
  TotpCodeMismatch = 'totp_code_mismatch',
}

/** Authentication failures. Messages never say whether a username exists. */
export class AuthException extends DomainException<AuthErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case AuthErrorCode.InvalidCredentials:
      case AuthErrorCode.TotpRequired:
      case AuthErrorCode.TotpInvalid:
        return HttpStatus.UNAUTHORIZED;
      case AuthErrorCode.TooManyAttempts:
        return HttpStatus.TOO_MANY_REQUESTS;
      case AuthErrorCode.TotpNotPending:
      case AuthErrorCode.TotpAlreadyEnabled:
        return HttpStatus.CONFLICT;
      case AuthErrorCode.WeakPassword:
      case AuthErrorCode.CurrentPasswordWrong:
      case AuthErrorCode.TotpCodeMismatch:
        return HttpStatus.BAD_REQUEST;
    }
  }
}
