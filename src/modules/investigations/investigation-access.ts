import { Role } from '../../core/access/role';
import type { CaseNeed, CaseView } from '../cases/case-records';
import { InvestigationErrorCode, InvestigationException, investigationRecordFailure } from './investigations.exception';

export type InvestigationUse = 'read' | 'write';

/**
 * Who reaches the investigation records of a case, given the view CaseAccess gives the caller:
 * an investigator whose organisation has a live law-enforcement share (the `investigation` view)
 * reads and writes; the owning organisation's org_manager (`full` view) reads. Everyone else who
 * sees the case — the owner's caseworkers, other staff of a law-enforcement organisation, an
 * organisation with a referral — is refused with 403: they know the case exists, and the refusal
 * says nothing of whether investigation records do.
 */
export function mayReachInvestigation(role: Role, view: CaseView, use: InvestigationUse): boolean {
  if (role === Role.Investigator && view === 'investigation') return true;
  return use === 'read' && role === Role.OrgManager && view === 'full';
}

/** What the investigation track asks of CaseAccess for `use`: the rule above, the case's key, its codes. */
export function investigationNeed(use: InvestigationUse) {
  return {
    may: (view, actor) => mayReachInvestigation(actor.role, view, use),
    refusal: () =>
      new InvestigationException(
        InvestigationErrorCode.Restricted,
        use === 'read'
          ? "Investigation records are for investigators with the person's consent and the owning organisation's manager"
          : "Investigation records are written by investigators with the person's consent",
      ),
    read: 'key',
    failures: investigationRecordFailure,
  } as const satisfies CaseNeed;
}
