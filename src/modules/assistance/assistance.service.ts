import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CaseAccess, CaseView } from '../../core/access/case-access.service';
import { CaseAccessErrorCode, CaseAccessException } from '../../core/access/case-access.exception';
import { FieldSealer, RecordSealer } from '../../core/crypto/record-sealer';
import { INTEGRITY_MESSAGE, KEY_UNAVAILABLE_MESSAGE, recordErrorOf } from '../../core/crypto/record-errors';
import { RequestContext } from '../../core/database/request-context';
import { AssistanceErrorCode, AssistanceException } from './assistance.exception';
import { CaseKeyReader, CaseKeyRow } from '../cases/case-records/case-key.reader';
import { AssistanceRepository } from './assistance.repository';
import { checkSchedule } from './assistance-rules';
import { AssistanceItemView, toAssistanceItemView } from './assistance-views';
import { CreateAssistanceItemDto, UpdateAssistanceItemDto } from './dto/assistance.dto';
import { AssistanceItem } from './entities/assistance-item.entity';
import { oversightNamed } from '../organisations/organisation-kinds';

const TABLE = 'assistance_item';
const NOTES = 'notes';

/** How far the caller reaches into a case's support plan. */
interface Reach {
  caseId: string;
  view: Extract<CaseView, 'full' | 'referral'>;
  /** Undefined for the owner (every item); the caller's organisation for a sharing organisation. */
  provider: string | undefined;
  caseKey: CaseKeyRow;
}

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
    private readonly caseKeys: CaseKeyReader,
    private readonly sealer: RecordSealer,
    private readonly requestContext: RequestContext,
  ) {}

  async list(actor: AuthenticatedUser, caseId: string): Promise<AssistanceItemView[]> {
    const reach = await this.reach(actor, caseId);
    const items = await this.items.itemsOf(caseId, reach.provider);
    const views = this.withSealer(reach, (sealer) =>
      items.map((item) => toAssistanceItemView(item, sealer.open(NOTES, item.id, item.notes))),
    );
    this.requestContext.recordAccess({
      view: reach.view,
      fields: views.length > 0 ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  async add(actor: AuthenticatedUser, caseId: string, dto: CreateAssistanceItemDto): Promise<AssistanceItemView> {
    const reach = await this.reach(actor, caseId);
    const provider = dto.providerOrganisationId?.toLowerCase() ?? actor.organisationId;
    if (reach.provider && provider !== reach.provider) {
      throw new AssistanceException(
        AssistanceErrorCode.ProviderOnly,
        'An organisation the case is shared with records only the assistance it provides itself',
        'providerOrganisationId',
      );
    }
    if (provider !== actor.organisationId) {
      const kind = await this.items.organisationKind(provider);
      if (!kind) {
        throw new AssistanceException(
          AssistanceErrorCode.UnknownOrganisation,
          'No such organisation',
          'providerOrganisationId',
        );
      }
      if (kind !== 'service') {
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
      ownerOrganisationId: reach.caseKey.ownerOrganisationId,
      type: dto.type,
      providerOrganisationId: provider,
      ...schedule,
      notes: dto.notes === undefined ? null : this.withSealer(reach, (s) => s.seal(NOTES, id, dto.notes ?? null)),
      createdBy: actor.userId,
      createdAt: now,
      updatedBy: actor.userId,
      updatedAt: now,
      version: 1,
    };
    await this.items.insert(item);
    this.requestContext.recordAccess({
      view: reach.view,
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
    const reach = await this.reach(actor, caseId);
    this.requestContext.recordAccess({ detail: { itemId } });
    const item = await this.items.findItem(caseId, itemId, { provider: reach.provider, lock: true });
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
      changes.notes = this.withSealer(reach, (s) => s.seal(NOTES, itemId, dto.notes ?? null));
    }
    const changed = Object.keys(changes);
    Object.assign(changes, { updatedBy: actor.userId, updatedAt: new Date() });
    if (!(await this.items.updateAtVersion(itemId, dto.version, changes))) throw staleVersion();
    const updated = { ...item, ...changes, version: dto.version + 1 } as AssistanceItem;
    this.requestContext.recordAccess({
      view: reach.view,
      fields: changed.map((f) => `changed:${f}`),
      detail: { itemId, type: item.type, status: updated.status },
    });
    return this.withSealer(reach, (s) => toAssistanceItemView(updated, s.open(NOTES, itemId, updated.notes)));
  }

  /**
   * The caller's reach into the plan: 404 when it may not see the case (CaseAccess), 403 in the
   * investigation view; the case's organisation and data key, read under the caller's policies.
   */
  private async reach(actor: AuthenticatedUser, caseId: string): Promise<Reach> {
    const view = await this.access.requireView(actor, caseId);
    if (view === 'investigation') {
      throw new AssistanceException(
        AssistanceErrorCode.NotInView,
        'The support plan is not part of the investigation view',
      );
    }
    const caseKey = await this.caseKeys.read(caseId);
    // Visible to CaseAccess but not to the row-level-security policies: answer as for no case at all.
    if (!caseKey) throw new CaseAccessException(CaseAccessErrorCode.NotFound, 'No such case', 'id');
    return { caseId, view, provider: view === 'full' ? undefined : actor.organisationId, caseKey };
  }

  private withSealer<T>(reach: Reach, work: (sealer: FieldSealer) => T): T {
    try {
      return this.sealer.with(reach.caseKey.dataKey, TABLE, work);
    } catch (error) {
      throw recordErrorOf(error, `assistance of case ${reach.caseId}`, {
        integrity: () => new AssistanceException(AssistanceErrorCode.IntegrityFailure, INTEGRITY_MESSAGE),
        keyUnavailable: () => new AssistanceException(AssistanceErrorCode.KeyUnavailable, KEY_UNAVAILABLE_MESSAGE),
      });
    }
  }
}

function staleVersion(): AssistanceException {
  return new AssistanceException(
    AssistanceErrorCode.VersionConflict,
    'The item was changed since you read it; read it again and reapply your change',
    'version',
  );
}
