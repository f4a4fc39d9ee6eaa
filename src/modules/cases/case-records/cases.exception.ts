import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../../core/http/domain.exception';

export enum CaseErrorCode {
  /** The case was changed since the caller read it (optimistic concurrency). */
  VersionConflict = 'case_version_conflict',
  /** The caller sees the case through a share, which does not allow changing it. */
  ReadOnly = 'case_read_only',
  ConsentNotFound = 'consent_not_found',
  ConsentAlreadyWithdrawn = 'consent_already_withdrawn',
  ConsentRecipient = 'consent_recipient_mismatch',
  UnknownIndicator = 'screening_unknown_indicator',
  /** The case's person was erased (crypto-shredded): nothing identifying is left to show. */
  PersonErased = 'case_person_erased',
  /** A named organisation does not exist. */
  UnknownOrganisation = 'unknown_organisation',
  IntegrityFailure = 'case_integrity_failure',
  KeyUnavailable = 'case_key_unavailable',
  ReferencesExhausted = 'case_references_exhausted',
}

export class CaseException extends DomainException<CaseErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case CaseErrorCode.VersionConflict:
        return HttpStatus.CONFLICT;
      case CaseErrorCode.ReadOnly:
        return HttpStatus.FORBIDDEN;
      case CaseErrorCode.ConsentRecipient:
      case CaseErrorCode.UnknownIndicator:
      case CaseErrorCode.UnknownOrganisation:
        return HttpStatus.BAD_REQUEST;
      case CaseErrorCode.ConsentNotFound:
        return HttpStatus.NOT_FOUND;
      case CaseErrorCode.ConsentAlreadyWithdrawn:
        return HttpStatus.CONFLICT;
      case CaseErrorCode.IntegrityFailure:
        return HttpStatus.CONFLICT;
      case CaseErrorCode.PersonErased:
        return HttpStatus.GONE;
      case CaseErrorCode.KeyUnavailable:
      case CaseErrorCode.ReferencesExhausted:
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
  }
}
