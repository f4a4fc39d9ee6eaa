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
  // A request to a route that needs a session: no bearer token, or one that is not (or no longer) live.
  AuthenticationRequired = 'authentication_required',
  InvalidToken = 'invalid_token',
  SessionExpired = 'session_expired',
  SessionIdle = 'session_idle',
  SessionEnded = 'session_ended',
  // A page's form sent without the token of the page's session: a cross-site request, or a stale page.
  FormTokenRefused = 'form_token_refused',
  // The account has a security key and no TOTP: POST /auth/login cannot take its second factor.
  SecondFactorRequired = 'second_factor_required',
  // A pending sign-in that is unknown, used already or past its five minutes.
  SignInExpired = 'sign_in_expired',
  WebAuthnInvalid = 'webauthn_invalid',
  RecoveryCodeInvalid = 'recovery_code_invalid',
  // Adding or removing a second factor of an account that has one needs a session opened with one
  // (401 with RFC 9470's insufficient_user_authentication: the token is good, the sign-in too weak).
  SecondFactorSessionRequired = 'second_factor_session_required',
  ChallengeInvalid = 'challenge_invalid',
  RegistrationInvalid = 'registration_invalid',
  CredentialAlreadyRegistered = 'credential_already_registered',
  CredentialNotFound = 'credential_not_found',
  // DELETE /auth/sessions/:id for a session that is not the caller's, or has ended.
  SessionNotFound = 'session_not_found',
  // An administrator reset the password or the second factor: the session may only change the password.
  PasswordChangeRequired = 'password_change_required',
}

/** RFC 6750's challenge for each refusal of a bearer token (fixed texts: nothing of the request). */
const BEARER_CHALLENGES: Partial<Record<AuthErrorCode, string>> = {
  [AuthErrorCode.AuthenticationRequired]: 'Bearer realm="Panoh"',
  [AuthErrorCode.InvalidToken]: bearerError('The access token is not valid'),
  [AuthErrorCode.SessionExpired]: bearerError('The session has expired'),
  [AuthErrorCode.SessionIdle]: bearerError('The session ended after a period without activity'),
  [AuthErrorCode.SessionEnded]: bearerError('The session has ended'),
  // RFC 9470 (step-up authentication): the session is live but was opened without a second factor.
  [AuthErrorCode.SecondFactorSessionRequired]:
    'Bearer realm="Panoh", error="insufficient_user_authentication", error_description="This needs a session opened with a second factor"',
};

function bearerError(description: string): string {
  return `Bearer realm="Panoh", error="invalid_token", error_description="${description}"`;
}

/** Authentication failures. Messages never say whether a username exists. */
export class AuthException extends DomainException<AuthErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case AuthErrorCode.InvalidCredentials:
      case AuthErrorCode.TotpRequired:
      case AuthErrorCode.TotpInvalid:
      case AuthErrorCode.AuthenticationRequired:
      case AuthErrorCode.InvalidToken:
      case AuthErrorCode.SessionExpired:
      case AuthErrorCode.SessionIdle:
      case AuthErrorCode.SessionEnded:
      case AuthErrorCode.SecondFactorRequired:
      case AuthErrorCode.SignInExpired:
      case AuthErrorCode.WebAuthnInvalid:
      case AuthErrorCode.RecoveryCodeInvalid:
      case AuthErrorCode.SecondFactorSessionRequired:
        return HttpStatus.UNAUTHORIZED;
      case AuthErrorCode.CredentialNotFound:
      case AuthErrorCode.SessionNotFound:
        return HttpStatus.NOT_FOUND;
      case AuthErrorCode.TooManyAttempts:
        return HttpStatus.TOO_MANY_REQUESTS;
      case AuthErrorCode.TotpNotPending:
      case AuthErrorCode.TotpAlreadyEnabled:
      case AuthErrorCode.CredentialAlreadyRegistered:
        return HttpStatus.CONFLICT;
      case AuthErrorCode.WeakPassword:
      case AuthErrorCode.CurrentPasswordWrong:
      case AuthErrorCode.TotpCodeMismatch:
      case AuthErrorCode.ChallengeInvalid:
      case AuthErrorCode.RegistrationInvalid:
        return HttpStatus.BAD_REQUEST;
      case AuthErrorCode.FormTokenRefused:
      case AuthErrorCode.PasswordChangeRequired:
        return HttpStatus.FORBIDDEN;
    }
  }

  override get headers(): Record<string, string> {
    const challenge = BEARER_CHALLENGES[this.code];
    return challenge ? { 'WWW-Authenticate': challenge } : {};
  }
}
