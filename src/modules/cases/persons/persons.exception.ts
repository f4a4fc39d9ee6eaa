import { HttpStatus } from '@nestjs/common';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../../core/http/common-error-codes';
import { DomainException } from '../../../core/http/domain.exception';

const OWN = {
  NotFound: 'person_not_found',
  Erased: 'person_erased',
  NothingToCompare: 'duplicate_check_nothing_to_compare',
  TooManyChecks: 'duplicate_check_too_many',
  /** Another organisation holds a case of this person (transferred to it): the person stays as it is. */
  HeldElsewhere: 'person_held_elsewhere',
} as const;

/** The person's codes, with the ones every domain shares (`person_integrity_failure`, ...). */
export const PersonErrorCode = appendCommonCodes('person', OWN);
export type PersonErrorCode = CodeOf<typeof PersonErrorCode>;

export class PersonException extends DomainException<PersonErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(PersonErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.NotFound:
      return HttpStatus.NOT_FOUND;
    case OWN.Erased:
      return HttpStatus.GONE;
    case OWN.HeldElsewhere:
      return HttpStatus.CONFLICT;
    case OWN.NothingToCompare:
      return HttpStatus.BAD_REQUEST;
    case OWN.TooManyChecks:
      return HttpStatus.TOO_MANY_REQUESTS;
  }
}
