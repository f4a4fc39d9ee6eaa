import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { RequestContext } from '../../core/database/request-context';
import { CaseAccess } from '../cases/case-records';
import { CreatePerpetratorDto, UpdatePerpetratorDto } from './dto/perpetrator.dto';
import { Perpetrator } from './entities/perpetrator.entity';
import { investigationNeed } from './investigation-access';
import { PerpetratorView, toPerpetratorView } from './investigation-views';
import { InvestigationErrorCode, InvestigationException, staleVersion } from './investigations.exception';
import { InvestigationsRepository } from './investigations.repository';
import { openPerpetrator, PERPETRATOR_DETAILS, PERPETRATOR_TABLE, sealPerpetrator } from './perpetrator-codec';

const CODES = ['roles', 'gender', 'nationality'] as const;

/** Perpetrators of a case, recorded by law enforcement (investigation-access.ts says who). */
@Injectable()
export class PerpetratorsService {
  constructor(
    private readonly records: InvestigationsRepository,
    private readonly access: CaseAccess,
    private readonly requestContext: RequestContext,
  ) {}

  async list(actor: AuthenticatedUser, caseId: string): Promise<PerpetratorView[]> {
    const scope = await this.access.require(actor, caseId, investigationNeed('read'));
    const records = await this.records.perpetratorsOf(caseId);
    const views = scope.seal(PERPETRATOR_TABLE, (sealer) =>
      records.map((r) => toPerpetratorView(r, openPerpetrator(sealer, r))),
    );
    this.requestContext.recordAccess({
      view: scope.view,
      fields: views.length > 0 ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  async add(actor: AuthenticatedUser, caseId: string, dto: CreatePerpetratorDto): Promise<PerpetratorView> {
    const scope = await this.access.require(actor, caseId, investigationNeed('write'));
    const id = randomUUID();
    const now = new Date();
    const sealed = scope.seal(PERPETRATOR_TABLE, (sealer) => sealPerpetrator(sealer, id, dto));
    const record: Perpetrator = {
      id,
      caseId,
      ownerOrganisationId: scope.ownerOrganisationId,
      recordedByOrganisationId: actor.organisationId,
      roles: dto.roles,
      gender: dto.gender ?? null,
      nationality: dto.nationality ?? null,
      name: null,
      aliases: null,
      dateOfBirth: null,
      identityDocuments: null,
      roleDetails: null,
      description: null,
      ...sealed,
      createdBy: actor.userId,
      createdAt: now,
      updatedBy: actor.userId,
      updatedAt: now,
      version: 1,
    };
    await this.records.insert(Perpetrator, record);
    this.requestContext.recordAccess({
      view: scope.view,
      fields: Object.keys(dto).map((f) => `set:${f}`),
      detail: { perpetratorId: id, roles: record.roles },
    });
    return scope.seal(PERPETRATOR_TABLE, (sealer) => toPerpetratorView(record, openPerpetrator(sealer, record)));
  }

  async update(
    actor: AuthenticatedUser,
    caseId: string,
    perpetratorId: string,
    dto: UpdatePerpetratorDto,
  ): Promise<PerpetratorView> {
    const scope = await this.access.require(actor, caseId, investigationNeed('write'));
    this.requestContext.recordAccess({ detail: { perpetratorId } });
    const record = await this.records.findForUpdate(Perpetrator, caseId, perpetratorId);
    if (!record) {
      throw new InvestigationException(
        InvestigationErrorCode.PerpetratorNotFound,
        'No such perpetrator on this case',
        'perpetratorId',
      );
    }
    if (record.version !== dto.version) throw staleVersion();
    const changes: Partial<Perpetrator> = {};
    for (const name of CODES) if (dto[name] !== undefined) Object.assign(changes, { [name]: dto[name] });
    const details = Object.fromEntries(PERPETRATOR_DETAILS.filter((n) => dto[n] !== undefined).map((n) => [n, dto[n]]));
    Object.assign(
      changes,
      scope.seal(PERPETRATOR_TABLE, (sealer) => sealPerpetrator(sealer, perpetratorId, details)),
    );
    const changed = Object.keys(changes);
    Object.assign(changes, { updatedBy: actor.userId, updatedAt: new Date() });
    if (!(await this.records.updateAtVersion(Perpetrator, perpetratorId, dto.version, changes))) throw staleVersion();
    const updated: Perpetrator = { ...record, ...changes, version: dto.version + 1 };
    this.requestContext.recordAccess({
      view: scope.view,
      fields: changed.map((f) => `changed:${f}`),
      detail: { perpetratorId, roles: updated.roles },
    });
    return scope.seal(PERPETRATOR_TABLE, (sealer) => toPerpetratorView(updated, openPerpetrator(sealer, updated)));
  }
}
