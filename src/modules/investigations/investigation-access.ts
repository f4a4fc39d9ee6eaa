import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CaseAccess, CaseView } from '../../core/access/case-access.service';
import { CaseAccessErrorCode, CaseAccessException } from '../../core/access/case-access.exception';
import { Role } from '../../core/access/role';
import { FieldSealer, RecordSealer } from '../../core/crypto/record-sealer';
import { INTEGRITY_MESSAGE, KEY_UNAVAILABLE_MESSAGE, recordErrorOf } from '../../core/crypto/record-errors';
import { CaseKeyReader, CaseKeyRow } from '../cases/case-records/case-key.reader';
import { InvestigationErrorCode, InvestigationException } from './investigations.exception';

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

/** What a service needs once the caller is let in: the case's organisation and a way to its data key. */
export interface InvestigationScope {
  caseId: string;
  view: CaseView;
  caseKey: CaseKeyRow;
}

@Injectable()
export class InvestigationAccess {
  constructor(
    private readonly access: CaseAccess,
    private readonly caseKeys: CaseKeyReader,
    private readonly sealer: RecordSealer,
  ) {}

  /** 404 when the caller may not see the case at all (CaseAccess), 403 when it sees it but not this. */
  async require(actor: AuthenticatedUser, caseId: string, use: InvestigationUse): Promise<InvestigationScope> {
    const view = await this.access.requireView(actor, caseId);
    if (!mayReachInvestigation(actor.role, view, use)) {
      throw new InvestigationException(
        InvestigationErrorCode.Restricted,
        use === 'read'
          ? "Investigation records are for investigators with the person's consent and the owning organisation's manager"
          : "Investigation records are written by investigators with the person's consent",
      );
    }
    const caseKey = await this.caseKeys.read(caseId);
    // Visible to CaseAccess but not to the row-level-security policies: answer as for no case at all.
    if (!caseKey) throw new CaseAccessException(CaseAccessErrorCode.NotFound, 'No such case', 'id');
    return { caseId, view, caseKey };
  }

  /** Runs `work` with the case's data key open for `table`; a damaged record or missing key: a clear 409/503. */
  withSealer<T>(scope: InvestigationScope, table: string, work: (sealer: FieldSealer) => T): T {
    try {
      return this.sealer.with(scope.caseKey.dataKey, table, work);
    } catch (error) {
      throw recordErrorOf(error, `${table} of case ${scope.caseId}`, {
        integrity: () => new InvestigationException(InvestigationErrorCode.IntegrityFailure, INTEGRITY_MESSAGE),
        keyUnavailable: () =>
          new InvestigationException(InvestigationErrorCode.KeyUnavailable, KEY_UNAVAILABLE_MESSAGE),
      });
    }
  }
}
