import type { ProceedingKind } from './lists/proceeding-kind';
import type { ProceedingOutcome } from './lists/proceeding-outcome';

export { PERPETRATOR_ROLES } from './lists/perpetrator-role';
export type { PerpetratorRole } from './lists/perpetrator-role';
export { PROCEEDING_KINDS } from './lists/proceeding-kind';
export type { ProceedingKind } from './lists/proceeding-kind';
export { PROCEEDING_OUTCOMES } from './lists/proceeding-outcome';
export type { ProceedingOutcome } from './lists/proceeding-outcome';

export const PROCEEDING_OUTCOMES_BY_KIND: Readonly<Record<ProceedingKind, readonly ProceedingOutcome[]>> = {
  investigation: ['charged', 'discontinued', 'other'],
  prosecution: ['indicted', 'discontinued', 'other'],
  trial: ['convicted', 'acquitted', 'discontinued', 'other'],
  verdict: ['convicted', 'acquitted', 'appealed', 'other'],
};
