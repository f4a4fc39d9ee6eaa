import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { Role } from '../../../core/access/role';
import { nrmConfig } from '../../../core/config';
import { RequestContext } from '../../../core/database/request-context';
import {
  CaseAccess,
  CaseErrorCode,
  CaseException,
  CaseHistory,
  CaseRepository,
  OWNER_ONLY,
  StageChange,
  VictimCase,
} from '../case-records';
import type { CaseWithKeys, HistoryEntry, StageChangeFacts } from '../case-records';
import type { CaseStage } from '../code-lists';
import { OrganisationsService } from '../../organisations';
import { ChangeStageDto } from './dto/change-stage.dto';
import { reflectionPeriodEnd } from '../case-records';
import { nextStages, STAGE_TRANSITIONS, transitionOf } from './stage-transitions';
import { StageErrorCode, StageException } from './stages.exception';

/** A stage answer carries its history entry (kept by CaseHistory in the cases module). */
export type { HistoryEntry };

export interface StageAnswer {
  caseId: string;
  stage: CaseStage;
  traffickingStatus: string;
  version: number;
  /** Where the case may go from here. */
  nextStages: CaseStage[];
  change: HistoryEntry;
}

/** Where a case stands, for the page that moves it: nothing decrypted. */
export interface StagePosition {
  caseId: string;
  stage: CaseStage;
  traffickingStatus: string;
  version: number;
  /** The moves the caller may make from here (the manager's moves only for a manager). */
  nextStages: CaseStage[];
  /** At `reflection`: the day the recovery and reflection period ends; otherwise null. */
  reflectionEndsOn: string | null;
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
    private readonly caseHistory: CaseHistory,
    private readonly organisations: OrganisationsService,
    private readonly requestContext: RequestContext,
    @Inject(nrmConfig.KEY) private readonly config: ConfigType<typeof nrmConfig>,
  ) {}

  async change(actor: AuthenticatedUser, caseId: string, dto: ChangeStageDto): Promise<StageAnswer> {
    const { record } = await this.access.require(actor, caseId, { ...OWNER_ONLY, read: 'record' });
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

  /** Where the case stands and where the caller may move it: for the owning organisation. */
  async position(actor: AuthenticatedUser, caseId: string): Promise<StagePosition> {
    const { content } = await this.access.require(actor, caseId, { ...OWNER_ONLY, read: 'content' });
    const { record } = this.cases.caseFromContent(content);
    const position: StagePosition = {
      caseId,
      stage: record.stage,
      traffickingStatus: record.traffickingStatus,
      version: record.version,
      nextStages: STAGE_TRANSITIONS.filter(
        (t) => t.from === record.stage && (t.by === 'staff' || actor.role === Role.OrgManager),
      ).map((t) => t.to),
      reflectionEndsOn: record.stage === 'reflection' ? this.reflectionEnds(record).toISOString().slice(0, 10) : null,
    };
    this.requestContext.recordAccess({ view: 'full', fields: Object.keys(position) });
    return position;
  }

  /**
   * Moves the locked case `record` to `to` and writes the history entry; for the service's own
   * moves (`reasonCode`), without a reason text.
   */
  async apply(
    actor: AuthenticatedUser,
    record: CaseWithKeys,
    to: CaseStage,
    change: StageChangeFacts,
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
    const entry = await this.caseHistory.append(actor, record, record.stage, to, change, at);
    return {
      caseId: record.id,
      stage: to,
      traffickingStatus: updates.traffickingStatus ?? record.traffickingStatus,
      version: record.version + 1,
      nextStages: nextStages(to),
      change: entry,
    };
  }

  /** Every change of the case, oldest first, with who, when and why: for the owning organisation. */
  async history(actor: AuthenticatedUser, caseId: string): Promise<{ items: HistoryEntry[] }> {
    const scope = await this.access.require(actor, caseId, { ...OWNER_ONLY, read: 'key' });
    return { items: await this.caseHistory.entries(scope) };
  }

  /** The end of the recovery and reflection period of a case that entered its stage at stageChangedAt. */
  private reflectionEnds(record: VictimCase): Date {
    return reflectionPeriodEnd(record.stageChangedAt, this.config.reflectionPeriodDays);
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
    await this.organisations.requireNamed(dto.decidingOrganisationId!, 'decidingOrganisationId');
    const ends = this.reflectionEnds(record);
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
