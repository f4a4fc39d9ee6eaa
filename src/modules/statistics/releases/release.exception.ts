import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../../core/http/domain.exception';

export enum ReleaseErrorCode {
  /** No release has this id. */
  NotFound = 'release-not-found',
  /** The period is the current one or in the future: only closed periods are released. */
  PeriodNotClosed = 'period-not-closed',
  /** A new version would differ from the last by fewer than k somewhere: it waits (docs/statistics.md). */
  RevisionDeferred = 'revision-deferred',
  /** A new version would publish exactly what the last one does: nothing to revise. */
  RevisionUnchanged = 'revision-unchanged',
  /**
   * The period's release is final: a dp release (a second draw of noise for the same period would
   * spend its budget again and let the two be averaged), or one of the other mode (exact tables next
   * to noisy ones).
   */
  ReleaseFinal = 'release-final',
  /** No release is published yet: requests are answered against the latest release's snapshot. */
  NoRelease = 'no-release',
  /** The table would make the published tables' dimension sets cyclic (hidden joint cells would bound withheld ones). */
  Cyclic = 'cyclic',
  /** Too many small cells for its protection to be checked. */
  TooDetailed = 'too-detailed',
  /** Protecting it would need an entry published earlier withheld. */
  Unprotectable = 'unprotectable',
  /** Differential-privacy mode: requests would spend budget the release did not plan. */
  DpMode = 'dp-mode',
  /** The Commission made as many requests this month as allowed (refused ones count). */
  MonthlyRequestsSpent = 'monthly-requests-spent',
}

export class ReleaseException extends DomainException<ReleaseErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case ReleaseErrorCode.NotFound:
        return HttpStatus.NOT_FOUND;
      case ReleaseErrorCode.RevisionDeferred:
      case ReleaseErrorCode.RevisionUnchanged:
      case ReleaseErrorCode.ReleaseFinal:
        return HttpStatus.CONFLICT;
      case ReleaseErrorCode.MonthlyRequestsSpent:
        return HttpStatus.TOO_MANY_REQUESTS;
      case ReleaseErrorCode.PeriodNotClosed:
      case ReleaseErrorCode.NoRelease:
      case ReleaseErrorCode.Cyclic:
      case ReleaseErrorCode.TooDetailed:
      case ReleaseErrorCode.Unprotectable:
      case ReleaseErrorCode.DpMode:
        return HttpStatus.UNPROCESSABLE_ENTITY;
    }
  }
}
