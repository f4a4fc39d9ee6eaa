import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../core/http/domain.exception';

export enum OrganisationErrorCode {
  NameTaken = 'organisation_name_taken',
  /** The organisation an address names (a path, a user's organisation) does not exist. */
  NotFound = 'organisation_not_found',
  /** An organisation named in a request's body (a recipient, a provider) does not exist. */
  Unknown = 'unknown_organisation',
}

export class OrganisationException extends DomainException<OrganisationErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case OrganisationErrorCode.NameTaken:
        return HttpStatus.CONFLICT;
      case OrganisationErrorCode.NotFound:
        return HttpStatus.NOT_FOUND;
      case OrganisationErrorCode.Unknown:
        return HttpStatus.BAD_REQUEST;
    }
  }
}
