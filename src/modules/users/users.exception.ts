import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../core/http/domain.exception';

export enum UserErrorCode {
  UsernameTaken = 'username_taken',
  NotFound = 'user_not_found',
  WeakPassword = 'weak_password',
  SelfLockout = 'self_lockout',
  /** The role does not fit the kind of the user's organisation (organisation-kinds.ts). */
  RoleDoesNotFitOrganisation = 'user_role_organisation_kind',
}

export class UserException extends DomainException<UserErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case UserErrorCode.UsernameTaken:
        return HttpStatus.CONFLICT;
      case UserErrorCode.NotFound:
        return HttpStatus.NOT_FOUND;
      case UserErrorCode.WeakPassword:
      case UserErrorCode.RoleDoesNotFitOrganisation:
        return HttpStatus.BAD_REQUEST;
      case UserErrorCode.SelfLockout:
        return HttpStatus.CONFLICT;
    }
  }
}
