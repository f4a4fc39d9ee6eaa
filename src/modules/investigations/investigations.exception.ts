import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../core/http/domain.exception';

export enum InvestigationErrorCode {
  /**
   * The caller sees the case, but not its investigation records: they are for investigators with a
   * live law-enforcement share and for the owning organisation's manager.
   */
  Restricted = 'investigation_restricted',
  PerpetratorNotFound = 'perpetrator_not_found',
  ProceedingNotFound = 'proceeding_not_found',
  VersionConflict = 'investigation_version_conflict',
  /** Dates out of order, or an outcome that does not fit the kind of step. */
  Inconsistent = 'proceeding_inconsistent',
  /** A perpetrator named in a proceeding is not one of this case. */
  UnknownPerpetrator = 'proceeding_unknown_perpetrator',
  IntegrityFailure = 'investigation_integrity_failure',
  KeyUnavailable = 'investigation_key_unavailable',
}

export class InvestigationException extends DomainException<InvestigationErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case InvestigationErrorCode.Restricted:
        return HttpStatus.FORBIDDEN;
      case InvestigationErrorCode.PerpetratorNotFound:
      case InvestigationErrorCode.ProceedingNotFound:
        return HttpStatus.NOT_FOUND;
      case InvestigationErrorCode.VersionConflict:
      case InvestigationErrorCode.IntegrityFailure:
        return HttpStatus.CONFLICT;
      case InvestigationErrorCode.Inconsistent:
      case InvestigationErrorCode.UnknownPerpetrator:
        return HttpStatus.BAD_REQUEST;
      case InvestigationErrorCode.KeyUnavailable:
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
  }
}

export function staleVersion(): InvestigationException {
  return new InvestigationException(
    InvestigationErrorCode.VersionConflict,
    'The record was changed since you read it; read it again and reapply your change',
    'version',
  );
}
