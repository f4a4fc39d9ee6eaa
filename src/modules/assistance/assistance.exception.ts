import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../core/http/domain.exception';

export enum AssistanceErrorCode {
  /** The caller sees the case in the investigation view, which holds no support plan. */
  NotInView = 'assistance_not_in_view',
  /** A sharing organisation records only the assistance it provides itself. */
  ProviderOnly = 'assistance_provider_only',
  /** No such item on this case, or not one the caller's organisation may see. */
  ItemNotFound = 'assistance_item_not_found',
  VersionConflict = 'assistance_item_version_conflict',
  /** Dates out of order, or a status its dates contradict. */
  Inconsistent = 'assistance_item_inconsistent',
  UnknownOrganisation = 'unknown_organisation',
  /** The named provider is an oversight body, which provides no service to a case. */
  ProviderNotService = 'assistance_provider_not_service',
  IntegrityFailure = 'assistance_integrity_failure',
  KeyUnavailable = 'assistance_key_unavailable',
}

export class AssistanceException extends DomainException<AssistanceErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case AssistanceErrorCode.NotInView:
      case AssistanceErrorCode.ProviderOnly:
        return HttpStatus.FORBIDDEN;
      case AssistanceErrorCode.ItemNotFound:
        return HttpStatus.NOT_FOUND;
      case AssistanceErrorCode.VersionConflict:
      case AssistanceErrorCode.IntegrityFailure:
        return HttpStatus.CONFLICT;
      case AssistanceErrorCode.Inconsistent:
      case AssistanceErrorCode.UnknownOrganisation:
      case AssistanceErrorCode.ProviderNotService:
        return HttpStatus.BAD_REQUEST;
      case AssistanceErrorCode.KeyUnavailable:
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
  }
}
