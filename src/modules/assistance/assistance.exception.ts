import { HttpStatus } from '@nestjs/common';
import type { RecordFailureAnswer } from '../../core/crypto/record-errors';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../core/http/common-error-codes';
import { DomainException } from '../../core/http/domain.exception';

const OWN = {
  /** The caller sees the case in the investigation view, which holds no support plan. */
  NotInView: 'assistance_not_in_view',
  /** A sharing organisation records only the assistance it provides itself. */
  ProviderOnly: 'assistance_provider_only',
  /** No such item on this case, or not one the caller's organisation may see. */
  ItemNotFound: 'assistance_item_not_found',
  /** Dates out of order, or a status its dates contradict. */
  Inconsistent: 'assistance_item_inconsistent',
  /** The named provider is an oversight body, which provides no service to a case. */
  ProviderNotService: 'assistance_provider_not_service',
} as const;

/** The support plan's codes, with the ones every domain shares (`assistance_integrity_failure`, ...). */
export const AssistanceErrorCode = {
  ...appendCommonCodes('assistance', OWN),
  /** A change raced another: named after the item, as clients have always read it. */
  VersionConflict: 'assistance_item_version_conflict',
} as const;
export type AssistanceErrorCode = CodeOf<typeof AssistanceErrorCode>;

export class AssistanceException extends DomainException<AssistanceErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(AssistanceErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.NotInView:
    case OWN.ProviderOnly:
      return HttpStatus.FORBIDDEN;
    case OWN.ItemNotFound:
      return HttpStatus.NOT_FOUND;
    case OWN.Inconsistent:
    case OWN.ProviderNotService:
      return HttpStatus.BAD_REQUEST;
  }
}

/** A support plan record that fails its check or needs a key the service lacks, in the plan's codes. */
export const assistanceRecordFailure: RecordFailureAnswer = (failure, message) =>
  new AssistanceException(AssistanceErrorCode[failure], message);
