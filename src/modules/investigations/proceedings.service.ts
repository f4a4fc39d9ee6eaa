import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { FieldSealer } from '../../core/crypto/record-sealer';
import { RequestContext } from '../../core/database/request-context';
import { CaseAccess } from '../cases/case-records';
import type { CaseKeyScope } from '../cases/case-records';
import { CreateProceedingDto, UpdateProceedingDto } from './dto/proceeding.dto';
import { Proceeding } from './entities/proceeding.entity';
import { investigationNeed } from './investigation-access';
import { ProceedingView, toProceedingView } from './investigation-views';
import { InvestigationErrorCode, InvestigationException, staleVersion } from './investigations.exception';
import { InvestigationsRepository } from './investigations.repository';
import { checkProceeding } from './proceeding-rules';

const TABLE = 'proceeding';
const SEALED = { referenceNumber: 'reference_number', notes: 'notes' } as const;
const CODES = ['openedOn', 'closedOn', 'outcome', 'perpetratorIds'] as const;

/** The steps of the criminal proceedings of a case (investigation-access.ts says who). */
@Injectable()
export class ProceedingsService {
  constructor(
    private readonly records: InvestigationsRepository,
    private readonly access: CaseAccess,
    private readonly requestContext: RequestContext,
  ) {}

  async list(actor: AuthenticatedUser, caseId: string): Promise<ProceedingView[]> {
    const scope = await this.access.require(actor, caseId, investigationNeed('read'));
    const records = await this.records.proceedingsOf(caseId);
    const views = scope.seal(TABLE, (sealer) => records.map((r) => viewOf(sealer, r)));
    this.requestContext.recordAccess({
      view: scope.view,
      fields: views.length > 0 ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  async add(actor: AuthenticatedUser, caseId: string, dto: CreateProceedingDto): Promise<ProceedingView> {
    const scope = await this.access.require(actor, caseId, investigationNeed('write'));
    const step = {
      kind: dto.kind,
      openedOn: dto.openedOn,
      closedOn: dto.closedOn ?? null,
      outcome: dto.outcome ?? null,
      perpetratorIds: (dto.perpetratorIds ?? []).map((id) => id.toLowerCase()),
    };
    checkProceeding(step);
    await this.requireCasePerpetrators(caseId, step.perpetratorIds);
    const id = randomUUID();
    const now = new Date();
    const record: Proceeding = {
      id,
      caseId,
      ownerOrganisationId: scope.ownerOrganisationId,
      recordedByOrganisationId: actor.organisationId,
      ...step,
      referenceNumber: null,
      notes: null,
      ...this.seal(scope, id, { referenceNumber: dto.referenceNumber ?? null, notes: dto.notes ?? null }),
      createdBy: actor.userId,
      createdAt: now,
      updatedBy: actor.userId,
      updatedAt: now,
      version: 1,
    };
    await this.records.insert(Proceeding, record);
    this.requestContext.recordAccess({
      view: scope.view,
      fields: Object.keys(dto).map((f) => `set:${f}`),
      detail: { proceedingId: id, kind: record.kind, outcome: record.outcome },
    });
    return scope.seal(TABLE, (sealer) => viewOf(sealer, record));
  }

  async update(
    actor: AuthenticatedUser,
    caseId: string,
    proceedingId: string,
    dto: UpdateProceedingDto,
  ): Promise<ProceedingView> {
    const scope = await this.access.require(actor, caseId, investigationNeed('write'));
    this.requestContext.recordAccess({ detail: { proceedingId } });
    const record = await this.records.findForUpdate(Proceeding, caseId, proceedingId);
    if (!record) {
      throw new InvestigationException(
        InvestigationErrorCode.ProceedingNotFound,
        'No such proceeding on this case',
        'proceedingId',
      );
    }
    if (record.version !== dto.version) throw staleVersion();
    const changes: Partial<Proceeding> = {};
    for (const name of CODES) if (dto[name] !== undefined) Object.assign(changes, { [name]: dto[name] });
    if (changes.perpetratorIds) changes.perpetratorIds = changes.perpetratorIds.map((id) => id.toLowerCase());
    checkProceeding({ ...record, ...changes });
    if (changes.perpetratorIds) await this.requireCasePerpetrators(caseId, changes.perpetratorIds);
    const sealed: { referenceNumber?: string | null; notes?: string | null } = {};
    if (dto.referenceNumber !== undefined) sealed.referenceNumber = dto.referenceNumber;
    if (dto.notes !== undefined) sealed.notes = dto.notes;
    Object.assign(changes, this.seal(scope, proceedingId, sealed));
    const changed = Object.keys(changes);
    Object.assign(changes, { updatedBy: actor.userId, updatedAt: new Date() });
    if (!(await this.records.updateAtVersion(Proceeding, proceedingId, dto.version, changes))) throw staleVersion();
    const updated: Proceeding = { ...record, ...changes, version: dto.version + 1 };
    this.requestContext.recordAccess({
      view: scope.view,
      fields: changed.map((f) => `changed:${f}`),
      detail: { proceedingId, kind: updated.kind, outcome: updated.outcome },
    });
    return scope.seal(TABLE, (sealer) => viewOf(sealer, updated));
  }

  private seal(
    scope: CaseKeyScope,
    id: string,
    values: { referenceNumber?: string | null; notes?: string | null },
  ): Partial<Pick<Proceeding, 'referenceNumber' | 'notes'>> {
    return scope.seal(TABLE, (sealer) => {
      const sealed: Partial<Pick<Proceeding, 'referenceNumber' | 'notes'>> = {};
      for (const name of ['referenceNumber', 'notes'] as const) {
        const value = values[name];
        if (value !== undefined) sealed[name] = sealer.seal(SEALED[name], id, value);
      }
      return sealed;
    });
  }

  private async requireCasePerpetrators(caseId: string, ids: string[]): Promise<void> {
    if ((await this.records.unknownPerpetrators(caseId, ids)).length > 0) {
      throw new InvestigationException(
        InvestigationErrorCode.UnknownPerpetrator,
        'Every perpetrator named must be one recorded on this case',
        'perpetratorIds',
      );
    }
  }
}

function viewOf(sealer: FieldSealer, record: Proceeding): ProceedingView {
  return toProceedingView(record, {
    referenceNumber: sealer.open(SEALED.referenceNumber, record.id, record.referenceNumber),
    notes: sealer.open(SEALED.notes, record.id, record.notes),
  });
}
