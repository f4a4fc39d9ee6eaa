const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the recovery and reflection period of a case ends: `days` (PANOH_REFLECTION_PERIOD_DAYS) after
 * the case reached the `reflection` stage. A status decision before then needs the person's request.
 */
export function reflectionPeriodEnd(reachedReflectionAt: Date, days: number): Date {
  return new Date(reachedReflectionAt.getTime() + days * DAY_MS);
}

/** A case still at `reflection` after its period ended: the status decision is due. */
export function statusDecisionDue(stage: string, stageChangedAt: Date, days: number, now = Date.now()): boolean {
  return stage === 'reflection' && reflectionPeriodEnd(stageChangedAt, days).getTime() <= now;
}
