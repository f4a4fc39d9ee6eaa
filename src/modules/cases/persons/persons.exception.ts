import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../../core/http/domain.exception';

export enum PersonErrorCode {
  NotFound = 'person_not_found',
  Erased = 'person_erased',
  IntegrityFailure = 'person_integrity_failure',
  KeyUnavailable = 'person_key_unavailable',
  NothingToCompare = 'duplicate_check_nothing_to_compare',
  TooManyChecks = 'duplicate_check_too_many',
  /** Another organisation holds a case of this person (transferred to it): the person stays as it is. */
  HeldElsewhere = 'person_held_elsewhere',
}

export class PersonException extends DomainException<PersonErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case PersonErrorCode.NotFound:
        return HttpStatus.NOT_FOUND;
      case PersonErrorCode.Erased:
        return HttpStatus.GONE;
      case PersonErrorCode.HeldElsewhere:
        return HttpStatus.CONFLICT;
      case PersonErrorCode.IntegrityFailure:
        // The stored record contradicts its keys: nothing is returned; the request may not be repeated to effect.
        return HttpStatus.CONFLICT;
      case PersonErrorCode.KeyUnavailable:
        return HttpStatus.SERVICE_UNAVAILABLE;
      case PersonErrorCode.NothingToCompare:
        return HttpStatus.BAD_REQUEST;
      case PersonErrorCode.TooManyChecks:
        return HttpStatus.TOO_MANY_REQUESTS;
    }
  }
}
