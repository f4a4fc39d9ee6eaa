import { HttpStatus } from '@nestjs/common';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../../core/http/common-error-codes';
import type { RecordFailureAnswer } from '../../../core/crypto/record-errors';
import { DomainException } from '../../../core/http/domain.exception';

const OWN = {
  /** The case does not exist, or the caller may not know that it does: the same answer for both. */
  NotFound: 'case_not_found',
  /** The caller sees the case through a share, which does not allow this. */
  ReadOnly: 'case_read_only',
  ConsentNotFound: 'consent_not_found',
  ConsentAlreadyWithdrawn: 'consent_already_withdrawn',
  ConsentRecipient: 'consent_recipient_mismatch',
  UnknownIndicator: 'screening_unknown_indicator',
  /** The case's person was erased (crypto-shredded): nothing identifying is left to show. */
  PersonErased: 'case_person_erased',
  ReferencesExhausted: 'case_references_exhausted',
  /** The owner named is not an active caseworker or manager of the case's organisation. */
  OwnerNotEligible: 'case_owner_not_eligible',
} as const;

/** The case's codes, with the ones every domain shares (`case_integrity_failure`, ...). */
export const CaseErrorCode = appendCommonCodes('case', OWN);
export type CaseErrorCode = CodeOf<typeof CaseErrorCode>;

export class CaseException extends DomainException<CaseErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(CaseErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.NotFound:
    case OWN.ConsentNotFound:
      return HttpStatus.NOT_FOUND;
    case OWN.ReadOnly:
      return HttpStatus.FORBIDDEN;
    case OWN.ConsentRecipient:
    case OWN.UnknownIndicator:
      return HttpStatus.BAD_REQUEST;
    case OWN.ConsentAlreadyWithdrawn:
      return HttpStatus.CONFLICT;
    case OWN.OwnerNotEligible:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case OWN.PersonErased:
      return HttpStatus.GONE;
    case OWN.ReferencesExhausted:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

/** A case record that fails its check or needs a key the service lacks, in the case's codes. */
export const caseRecordFailure: RecordFailureAnswer = (failure, message) =>
  new CaseException(CaseErrorCode[failure], message);

/** The one answer for a case the caller may not see, or that does not exist. */
export function caseNotFound(): CaseException {
  return new CaseException(CaseErrorCode.NotFound, 'No such case', 'id');
}
