import { PROCEEDING_OUTCOMES_BY_KIND } from '../cases/code-lists';
import type { ProceedingKind, ProceedingOutcome } from '../cases/code-lists';
import { InvestigationErrorCode, InvestigationException } from './investigations.exception';

/** A step is closed on or after the day it was opened, and its outcome fits its kind (400 naming the field). */
export function checkProceeding(step: {
  kind: ProceedingKind;
  openedOn: string;
  closedOn: string | null;
  outcome: ProceedingOutcome | null;
}): void {
  if (step.closedOn && step.closedOn < step.openedOn) {
    throw new InvestigationException(
      InvestigationErrorCode.Inconsistent,
      'closedOn must not be before openedOn',
      'closedOn',
    );
  }
  const fitting = PROCEEDING_OUTCOMES_BY_KIND[step.kind];
  if (step.outcome && !fitting.includes(step.outcome)) {
    throw new InvestigationException(
      InvestigationErrorCode.Inconsistent,
      `The outcome of a ${step.kind} is one of: ${fitting.join(', ')}`,
      'outcome',
    );
  }
}
