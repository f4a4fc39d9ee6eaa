import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CaseAccess } from '../../../core/access/case-access.service';
import { CaseAccessErrorCode, CaseAccessException } from '../../../core/access/case-access.exception';
import { Role } from '../../../core/access/role';
import { nrmConfig } from '../../../core/config';
import { RequestContext } from '../../../core/database/request-context';
import { CaseKeyReader } from '../case-records/case-key.reader';
import { CaseKeys } from '../case-records/case-keys';
import { CaseRepository, CaseWithKeys } from '../case-records/case.repository';
import { CaseErrorCode, CaseException } from '../case-records/cases.exception';
import { VictimCase } from '../case-records/entities/victim-case.entity';
import type { CaseStage } from '../code-lists/code-lists';
import { ChangeStageDto } from './dto/change-stage.dto';
import { StageChange } from './stage-change.entity';
import { nextStages, transitionOf } from './stage-transitions';
import { StageErrorCode, StageException } from './stages.exception';

const DAY_MS = 24 * 60 * 60 * 1000;
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

export interface StageAnswer {
  caseId: string;
  stage: CaseStage;
  traffickingStatus: string;
  version: number;
  /** Where the case may go from here. */
  nextStages: CaseStage[];
  change: HistoryEntry;
}

/**
 * The case's path through the NRM: stage changes by the table in stage-transitions.ts, the status
 * decision after the recovery and reflection period, closure, and the history of all of it. Only the
 * owning organisation moves a case; nothing here asks whether the person cooperates with the police.
 */
@Injectable()
export class StagesService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly keys: CaseKeys,
    private readonly caseKeys: CaseKeyReader,
    private readonly requestContext: RequestContext,
    @Inject(nrmConfig.KEY) private readonly config: ConfigType<typeof nrmConfig>,
  ) {}

  async change(actor: AuthenticatedUser, caseId: string, dto: ChangeStageDto): Promise<StageAnswer> {
    await this.access.requireOwner(actor, caseId);
    const record = await this.locked(caseId);
    if (record.version !== dto.version) {
      throw new CaseException(
        CaseErrorCode.VersionConflict,
        'The case was changed since you read it; read it again and reapply your change',
        'version',
      );
    }
    const transition = transitionOf(record.stage, dto.to);
    if (!transition) {
      const allowed = nextStages(record.stage);
      throw new StageException(
        StageErrorCode.TransitionNotAllowed,
        `A case at stage ${record.stage} cannot move to ${dto.to}; allowed next stages: ${allowed.join(', ') || 'none'}`,
        'to',
      );
    }
    if (transition.by === 'org_manager' && actor.role !== Role.OrgManager) {
      throw new StageException(
        StageErrorCode.ManagerRequired,
        `Moving a case to ${dto.to} needs the organisation's manager`,
      );
    }
    const decision = await this.decisionOf(record, dto);
    this.requestContext.recordAccess({ detail: { fromStage: record.stage, toStage: dto.to } });
    return this.apply(actor, record, dto.to, { ...decision, reason: dto.reason });
  }

  /**
   * Moves the locked case `record` to `to` and writes the history entry; for the service's own
   * moves (`reasonCode`), without a reason text.
   */
  async apply(
    actor: AuthenticatedUser,
    record: CaseWithKeys,
    to: CaseStage,
    change: Partial<
      Pick<
        StageChange,
        'traffickingStatus' | 'statusDecidedBy' | 'decidingOrganisationId' | 'reflectionWaived' | 'reasonCode'
      >
    > & {
      reason?: string;
    },
  ): Promise<StageAnswer> {
    const at = new Date();
    const updates: Partial<VictimCase> = { stage: to, stageChangedAt: at, updatedAt: at };
    if (change.traffickingStatus) {
      updates.traffickingStatus = change.traffickingStatus;
      updates.statusDecidedBy = change.statusDecidedBy ?? null;
      updates.statusDecidingOrganisationId = change.decidingOrganisationId ?? null;
    }
    if (!(await this.cases.updateAtVersion(record.id, record.version, updates))) {
      throw new CaseException(
        CaseErrorCode.VersionConflict,
        'The case was changed at the same time; try again',
        'version',
      );
    }
    const id = randomUUID();
    const entry: StageChange = {
      id,
      caseId: record.id,
      ownerOrganisationId: record.organisationId,
      kind: 'stage',
      fromStage: record.stage,
      toStage: to,
      traffickingStatus: change.traffickingStatus ?? null,
      statusDecidedBy: change.statusDecidedBy ?? null,
      decidingOrganisationId: change.decidingOrganisationId ?? null,
      reflectionWaived: change.reflectionWaived ?? false,
      fromOrganisationId: null,
      toOrganisationId: null,
      reason: change.reason
        ? this.keys.use(record.id, record.dataKey, TABLE, (sealer) => sealer.seal('reason', id, change.reason!))
        : null,
      reasonCode: change.reasonCode ?? null,
      changedBy: actor.userId,
      changedByOrganisationId: actor.organisationId,
      changedByRole: actor.role,
      changedAt: at,
    };
    await this.requestContext.manager.getRepository(StageChange).insert(entry);
    return {
      caseId: record.id,
      stage: to,
      traffickingStatus: updates.traffickingStatus ?? record.traffickingStatus,
      version: record.version + 1,
      nextStages: nextStages(to),
      change: { ...toEntry(entry), reason: change.reason ?? null },
    };
  }

  /** Every change of the case, oldest first, with who, when and why: for the owning organisation. */
  async history(actor: AuthenticatedUser, caseId: string): Promise<{ items: HistoryEntry[] }> {
    await this.access.requireOwner(actor, caseId);
    const record = await this.caseKeys.read(caseId);
    if (!record) throw new CaseAccessException(CaseAccessErrorCode.NotFound, 'No such case', 'id');
    const rows = await this.requestContext.manager
      .getRepository(StageChange)
      .find({ where: { caseId }, order: { changedAt: 'ASC', id: 'ASC' } });
    const reasons = rows.some((r) => r.reason)
      ? this.keys.use(caseId, record.dataKey, TABLE, (sealer) => rows.map((r) => sealer.open('reason', r.id, r.reason)))
      : rows.map(() => null);
    return { items: rows.map((row, i) => ({ ...toEntry(row), reason: reasons[i] ?? null })) };
  }

  /** The case, row-locked for the change. */
  async locked(caseId: string): Promise<CaseWithKeys> {
    const [record] = await this.cases.findWithKeys([caseId], { lock: true });
    if (!record) throw new CaseAccessException(CaseAccessErrorCode.NotFound, 'No such case', 'id');
    return record;
  }

  /**
   * The status decision that moving to `status_decided` carries, checked: complete, after the
   * reflection period (or at the person's request), and nothing of it on other moves.
   */
  private async decisionOf(
    record: VictimCase,
    dto: ChangeStageDto,
  ): Promise<
    Partial<Pick<StageChange, 'traffickingStatus' | 'statusDecidedBy' | 'decidingOrganisationId' | 'reflectionWaived'>>
  > {
    if (dto.to !== 'status_decided') {
      for (const field of [
        'traffickingStatus',
        'statusDecidedBy',
        'decidingOrganisationId',
        'reflectionWaived',
      ] as const) {
        if (dto[field] !== undefined) {
          throw new StageException(StageErrorCode.StatusDecision, `${field} belongs to a status decision only`, field);
        }
      }
      return {};
    }
    for (const field of ['traffickingStatus', 'statusDecidedBy', 'decidingOrganisationId'] as const) {
      if (dto[field] === undefined) {
        throw new StageException(StageErrorCode.StatusDecision, `A status decision needs ${field}`, field);
      }
    }
    if (!(await this.cases.organisationExists(dto.decidingOrganisationId!))) {
      throw new CaseException(CaseErrorCode.UnknownOrganisation, 'No such organisation', 'decidingOrganisationId');
    }
    const ends = new Date(record.stageChangedAt.getTime() + this.config.reflectionPeriodDays * DAY_MS);
    if (Date.now() < ends.getTime() && !dto.reflectionWaived) {
      throw new StageException(
        StageErrorCode.ReflectionPeriod,
        `The recovery and reflection period runs until ${ends.toISOString().slice(0, 10)}; ` +
          "a decision before then needs reflectionWaived, at the person's request, with that request as the reason",
        'reflectionWaived',
      );
    }
    return {
      traffickingStatus: dto.traffickingStatus,
      statusDecidedBy: dto.statusDecidedBy,
      decidingOrganisationId: dto.decidingOrganisationId,
      reflectionWaived: Date.now() < ends.getTime(),
    };
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
