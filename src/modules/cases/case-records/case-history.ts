import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { RequestContext } from '../../../core/database/request-context';
import type { CaseStage } from '../code-lists';
import type { CaseKeyScope } from './case-access.service';
import type { CaseWithKeys } from './case.repository';
import { CaseSealer } from './case-sealer';
import { StageChange } from './entities/stage-change.entity';

/** The history's table: its reasons are sealed bound to `stage_change|reason|id`. */
const TABLE = 'stage_change';

/** One entry of a case's history, reason in clear. */
export interface HistoryEntry {
  id: string;
  kind: 'stage' | 'transfer';
  fromStage: string;
  toStage: string;
  traffickingStatus: string | null;
  statusDecidedBy: string | null;
  decidingOrganisationId: string | null;
  reflectionWaived: boolean;
  fromOrganisationId: string | null;
  toOrganisationId: string | null;
  reason: string | null;
  reasonCode: string | null;
  changedBy: string;
  changedByOrganisationId: string;
  changedByRole: string;
  changedAt: string;
}

/** What one stage change records besides who and when: the status decision, a reason or the service's code. */
export type StageChangeFacts = Partial<
  Pick<
    StageChange,
    'traffickingStatus' | 'statusDecidedBy' | 'decidingOrganisationId' | 'reflectionWaived' | 'reasonCode'
  >
> & { reason?: string };

/**
 * A case's history: the one writer of `stage_change` in the service (its opening, each stage change),
 * and its reader. Transfers are written by panoh_accept_referral with the move itself. A reason is
 * sealed under the case's data key, so that erasing the case shreds it too.
 */
@Injectable()
export class CaseHistory {
  constructor(
    private readonly requestContext: RequestContext,
    private readonly keys: CaseSealer,
  ) {}

  /** The first entry of a new case: opened at `identified`, by whom and when. */
  async opened(caseId: string, actor: AuthenticatedUser): Promise<void> {
    const opening = { id: caseId, organisationId: actor.organisationId, dataKey: null };
    await this.append(actor, opening, 'identified', 'identified', { reasonCode: 'case_opened' }, new Date());
  }

  /** Writes the move of case `record` from `from` to `to` at `at`; the entry with its reason in clear. */
  async append(
    actor: AuthenticatedUser,
    record: Pick<CaseWithKeys, 'id' | 'organisationId' | 'dataKey'>,
    from: CaseStage,
    to: CaseStage,
    facts: StageChangeFacts,
    at: Date,
  ): Promise<HistoryEntry> {
    const id = randomUUID();
    const reason = facts.reason;
    const entry: StageChange = {
      id,
      caseId: record.id,
      ownerOrganisationId: record.organisationId,
      kind: 'stage',
      fromStage: from,
      toStage: to,
      traffickingStatus: facts.traffickingStatus ?? null,
      statusDecidedBy: facts.statusDecidedBy ?? null,
      decidingOrganisationId: facts.decidingOrganisationId ?? null,
      reflectionWaived: facts.reflectionWaived ?? false,
      fromOrganisationId: null,
      toOrganisationId: null,
      reason: reason
        ? this.keys.seal(record.id, record.dataKey, TABLE, (sealer) => sealer.seal('reason', id, reason))
        : null,
      reasonCode: facts.reasonCode ?? null,
      changedBy: actor.userId,
      changedByOrganisationId: actor.organisationId,
      changedByRole: actor.role,
      changedAt: at,
    };
    await this.requestContext.manager.getRepository(StageChange).insert(entry);
    return { ...toEntry(entry), reason: reason ?? null };
  }

  /** Every entry of the case in `scope`, oldest first, reasons opened. */
  async entries(scope: CaseKeyScope): Promise<HistoryEntry[]> {
    const rows = await this.requestContext.manager
      .getRepository(StageChange)
      .find({ where: { caseId: scope.caseId }, order: { changedAt: 'ASC', id: 'ASC' } });
    const reasons = rows.some((r) => r.reason)
      ? scope.seal(TABLE, (sealer) => rows.map((r) => sealer.open('reason', r.id, r.reason)))
      : rows.map(() => null);
    return rows.map((row, i) => ({ ...toEntry(row), reason: reasons[i] ?? null }));
  }
}

function toEntry(row: StageChange): HistoryEntry {
  return {
    id: row.id,
    kind: row.kind,
    fromStage: row.fromStage,
    toStage: row.toStage,
    traffickingStatus: row.traffickingStatus,
    statusDecidedBy: row.statusDecidedBy,
    decidingOrganisationId: row.decidingOrganisationId,
    reflectionWaived: row.reflectionWaived,
    fromOrganisationId: row.fromOrganisationId,
    toOrganisationId: row.toOrganisationId,
    reason: null,
    reasonCode: row.reasonCode,
    changedBy: row.changedBy,
    changedByOrganisationId: row.changedByOrganisationId,
    changedByRole: row.changedByRole,
    changedAt: row.changedAt.toISOString(),
  };
}
