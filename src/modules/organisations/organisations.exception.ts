import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../core/http/domain.exception';

export enum OrganisationErrorCode {
  NameTaken = 'organisation_name_taken',
  NotFound = 'organisation_not_found',
}

export class OrganisationException extends DomainException<OrganisationErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case OrganisationErrorCode.NameTaken:
        return HttpStatus.CONFLICT;
      case OrganisationErrorCode.NotFound:
        return HttpStatus.NOT_FOUND;
    }
  }
}
