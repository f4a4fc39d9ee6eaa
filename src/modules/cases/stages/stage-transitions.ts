import type { CaseStage } from '../code-lists';

/** Who may make a transition: any staff of the owning organisation, or only its manager. */
export type TransitionActor = 'staff' | 'org_manager';

export interface StageTransition {
  from: CaseStage;
  to: CaseStage;
  by: TransitionActor;
}

/**
 * The NRM's allowed stage changes: the one table the service enforces and docs/nrm.md draws (a test
 * keeps the diagram equal to it). The status decision and closure need the organisation's manager;
 * closure is open from every stage. Sending the first referral moves an `identified` case to
 * `referred` by itself.
 */
export const STAGE_TRANSITIONS: readonly StageTransition[] = [
  { from: 'identified', to: 'referred', by: 'staff' },
  { from: 'identified', to: 'reflection', by: 'staff' },
  { from: 'referred', to: 'reflection', by: 'staff' },
  { from: 'reflection', to: 'status_decided', by: 'org_manager' },
  { from: 'status_decided', to: 'assistance', by: 'staff' },
  { from: 'assistance', to: 'reintegration', by: 'staff' },
  { from: 'assistance', to: 'follow_up', by: 'staff' },
  { from: 'reintegration', to: 'follow_up', by: 'staff' },
  ...(
    ['identified', 'referred', 'reflection', 'status_decided', 'assistance', 'reintegration', 'follow_up'] as const
  ).map((from): StageTransition => ({ from, to: 'closed', by: 'org_manager' })),
];

/** The transition from `from` to `to`, if the table allows it. */
export function transitionOf(from: CaseStage, to: CaseStage): StageTransition | undefined {
  return STAGE_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The stages a case at `from` may move to, in table order. */
export function nextStages(from: CaseStage): CaseStage[] {
  return STAGE_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/** The table as a Mermaid state diagram (docs/nrm.md holds this text). */
export function stageDiagram(): string {
  const lines = ['stateDiagram-v2', '  [*] --> identified'];
  for (const t of STAGE_TRANSITIONS) {
    lines.push(`  ${t.from} --> ${t.to}${t.by === 'org_manager' ? ': manager' : ''}`);
  }
  lines.push('  closed --> [*]');
  return lines.join('\n');
}
