import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { RequestContext } from '../../core/database/request-context';
import { CaseAccess } from '../cases/case-records';
import type { CaseKeyScope } from '../cases/case-records';
import { OrganisationsService, oversightNamed } from '../organisations';
import { AssistanceErrorCode, AssistanceException } from './assistance.exception';
import { AssistanceRepository } from './assistance.repository';
import { ASSISTANCE_NEED, checkSchedule } from './assistance-rules';
import { AssistanceItemView, toAssistanceItemView } from './assistance-views';
import { CreateAssistanceItemDto, UpdateAssistanceItemDto } from './dto/assistance.dto';
import { AssistanceItem } from './entities/assistance-item.entity';

const TABLE = 'assistance_item';
const NOTES = 'notes';

/**
 * The support plan of a case. The owning organisation (full view) plans and changes every item; an
 * organisation with a live share in the referral view sees, adds and changes only the items it
 * provides itself. The investigation view holds no support plan: assistance never depends on
 * cooperating with the police, and law enforcement learns nothing of it here.
 */
@Injectable()
export class AssistanceService {
  constructor(
    private readonly items: AssistanceRepository,
    private readonly access: CaseAccess,
    private readonly organisations: OrganisationsService,
    private readonly requestContext: RequestContext,
  ) {}

  async list(actor: AuthenticatedUser, caseId: string): Promise<AssistanceItemView[]> {
    const plan = await this.access.require(actor, caseId, ASSISTANCE_NEED);
    const items = await this.items.itemsOf(caseId, providerOf(actor, plan));
    const views = plan.seal(TABLE, (sealer) =>
      items.map((item) => toAssistanceItemView(item, sealer.open(NOTES, item.id, item.notes))),
    );
    this.requestContext.recordAccess({
      view: plan.view,
      fields: views.length > 0 ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  async add(actor: AuthenticatedUser, caseId: string, dto: CreateAssistanceItemDto): Promise<AssistanceItemView> {
    const plan = await this.access.require(actor, caseId, ASSISTANCE_NEED);
    const provider = dto.providerOrganisationId?.toLowerCase() ?? actor.organisationId;
    const onlyProvider = providerOf(actor, plan);
    if (onlyProvider && provider !== onlyProvider) {
      throw new AssistanceException(
        AssistanceErrorCode.ProviderOnly,
        'An organisation the case is shared with records only the assistance it provides itself',
        'providerOrganisationId',
      );
    }
    if (provider !== actor.organisationId) {
      const named = await this.organisations.requireNamed(provider, 'providerOrganisationId');
      if (named.kind !== 'service') {
        throw new AssistanceException(
          AssistanceErrorCode.ProviderNotService,
          oversightNamed('providerOrganisationId'),
          'providerOrganisationId',
        );
      }
    }
    const schedule = {
      status: dto.status ?? 'planned',
      plannedStart: dto.plannedStart ?? null,
      plannedEnd: dto.plannedEnd ?? null,
      actualStart: dto.actualStart ?? null,
      actualEnd: dto.actualEnd ?? null,
    };
    checkSchedule(schedule);
    const id = randomUUID();
    const now = new Date();
    const item: AssistanceItem = {
      id,
      caseId,
      ownerOrganisationId: plan.ownerOrganisationId,
      type: dto.type,
      providerOrganisationId: provider,
      ...schedule,
      notes: dto.notes === undefined ? null : plan.seal(TABLE, (s) => s.seal(NOTES, id, dto.notes ?? null)),
      createdBy: actor.userId,
      createdAt: now,
      updatedBy: actor.userId,
      updatedAt: now,
      version: 1,
    };
    await this.items.insert(item);
    this.requestContext.recordAccess({
      view: plan.view,
      fields: Object.keys(dto).map((f) => `set:${f}`),
      detail: { itemId: id, type: item.type, status: item.status },
    });
    return toAssistanceItemView(item, dto.notes ?? null);
  }

  async update(
    actor: AuthenticatedUser,
    caseId: string,
    itemId: string,
    dto: UpdateAssistanceItemDto,
  ): Promise<AssistanceItemView> {
    const plan = await this.access.require(actor, caseId, ASSISTANCE_NEED);
    this.requestContext.recordAccess({ detail: { itemId } });
    const item = await this.items.findItem(caseId, itemId, { provider: providerOf(actor, plan), lock: true });
    if (!item) {
      throw new AssistanceException(AssistanceErrorCode.ItemNotFound, 'No such assistance item on this case', 'itemId');
    }
    if (item.version !== dto.version) throw staleVersion();
    const changes: Partial<AssistanceItem> = {};
    for (const name of ['status', 'plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const) {
      if (dto[name] !== undefined) Object.assign(changes, { [name]: dto[name] });
    }
    checkSchedule({ ...item, ...changes });
    if (dto.notes !== undefined) {
      changes.notes = plan.seal(TABLE, (s) => s.seal(NOTES, itemId, dto.notes ?? null));
    }
    const changed = Object.keys(changes);
    Object.assign(changes, { updatedBy: actor.userId, updatedAt: new Date() });
    if (!(await this.items.updateAtVersion(itemId, dto.version, changes))) throw staleVersion();
    const updated = { ...item, ...changes, version: dto.version + 1 } as AssistanceItem;
    this.requestContext.recordAccess({
      view: plan.view,
      fields: changed.map((f) => `changed:${f}`),
      detail: { itemId, type: item.type, status: updated.status },
    });
    return plan.seal(TABLE, (s) => toAssistanceItemView(updated, s.open(NOTES, itemId, updated.notes)));
  }
}

/** Undefined for the owner (every item); the caller's organisation for a sharing organisation. */
function providerOf(actor: AuthenticatedUser, plan: CaseKeyScope): string | undefined {
  return plan.view === 'full' ? undefined : actor.organisationId;
}

function staleVersion(): AssistanceException {
  return new AssistanceException(
    AssistanceErrorCode.VersionConflict,
    'The item was changed since you read it; read it again and reapply your change',
    'version',
  );
}
