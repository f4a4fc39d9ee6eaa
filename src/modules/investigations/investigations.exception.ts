import { HttpStatus } from '@nestjs/common';
import type { RecordFailureAnswer } from '../../core/crypto/record-errors';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../core/http/common-error-codes';
import { DomainException } from '../../core/http/domain.exception';

const OWN = {
  /**
   * The caller sees the case, but not its investigation records: they are for investigators with a
   * live law-enforcement share and for the owning organisation's manager.
   */
  Restricted: 'investigation_restricted',
  PerpetratorNotFound: 'perpetrator_not_found',
  ProceedingNotFound: 'proceeding_not_found',
  /** Dates out of order, or an outcome that does not fit the kind of step. */
  Inconsistent: 'proceeding_inconsistent',
  /** A perpetrator named in a proceeding is not one of this case. */
  UnknownPerpetrator: 'proceeding_unknown_perpetrator',
} as const;

/** The investigation track's codes, with the ones every domain shares (`investigation_integrity_failure`, ...). */
export const InvestigationErrorCode = appendCommonCodes('investigation', OWN);
export type InvestigationErrorCode = CodeOf<typeof InvestigationErrorCode>;

export class InvestigationException extends DomainException<InvestigationErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(InvestigationErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.Restricted:
      return HttpStatus.FORBIDDEN;
    case OWN.PerpetratorNotFound:
    case OWN.ProceedingNotFound:
      return HttpStatus.NOT_FOUND;
    case OWN.Inconsistent:
    case OWN.UnknownPerpetrator:
      return HttpStatus.BAD_REQUEST;
  }
}

/** An investigation record that fails its check or needs a key the service lacks, in the track's codes. */
export const investigationRecordFailure: RecordFailureAnswer = (failure, message) =>
  new InvestigationException(InvestigationErrorCode[failure], message);

export function staleVersion(): InvestigationException {
  return new InvestigationException(
    InvestigationErrorCode.VersionConflict,
    'The record was changed since you read it; read it again and reapply your change',
    'version',
  );
}
