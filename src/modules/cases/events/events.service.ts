import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { RequestContext } from '../../../core/database/request-context';
import { CaseAccess, EVENT_CHANGE_TABLE, EventChanges, eventChange, OWNER_ONLY } from '../case-records';
import type { FieldSealer } from '../../../core/crypto/record-sealer';
import type { CaseKeyScope, EventChangeFacts, TraffickingEvent } from '../case-records';
import { AddEventDto, CorrectEventDto, RemoveEventDto } from './dto/event.dto';
import { EventChangeView, EventRecordView, toEventChangeView, toEventRecordView } from './event-views';
import { eventNotFound, eventRecordFailure, staleEvent } from './events.exception';
import { EventsRepository } from './events.repository';

const EVENT_TABLE = 'trafficking_event';
const CITY = 'city';
const DESCRIPTION = 'description';

/** An event's encrypted fields in clear. */
interface EventText {
  city: string | null;
  description: string | null;
}

function openText(sealer: FieldSealer, event: TraffickingEvent): EventText {
  return {
    city: sealer.open(CITY, event.id, event.city),
    description: sealer.open(DESCRIPTION, event.id, event.description),
  };
}

/** Only the owner changes what happened; a sharing organisation reads the events in its view of the case. */
const OWNER_KEY = { ...OWNER_ONLY, read: 'key', failures: eventRecordFailure } as const;

/**
 * Trafficking events learned after the case was opened: added, corrected and removed by the owning
 * organisation, each change at the event's version and recorded in its history in the same
 * transaction. A removed event leaves every view of the case (panoh_case_content reads only the
 * events that stand) and so everything computed from one; its history keeps it.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly changes: EventChanges,
    private readonly access: CaseAccess,
    private readonly requestContext: RequestContext,
  ) {}

  /** The events that stand, with their versions: for the owner, who corrects them. */
  async list(actor: AuthenticatedUser, caseId: string): Promise<EventRecordView[]> {
    const scope = await this.access.require(actor, caseId, OWNER_KEY);
    const events = await this.events.current(caseId);
    const views = scope.seal(EVENT_TABLE, (s) => events.map((e) => toEventRecordView(e, openText(s, e))));
    this.requestContext.recordAccess({
      view: scope.view,
      fields: views.length > 0 ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  async add(actor: AuthenticatedUser, caseId: string, dto: AddEventDto): Promise<EventRecordView> {
    const scope = await this.access.require(actor, caseId, { ...OWNER_KEY, lock: 'share' });
    const id = randomUUID();
    const now = new Date();
    const text: EventText = { city: dto.city ?? null, description: dto.description ?? null };
    const sealed = scope.seal(EVENT_TABLE, (s) => ({
      city: s.seal(CITY, id, text.city),
      description: s.seal(DESCRIPTION, id, text.description),
    }));
    const event: TraffickingEvent = {
      id,
      caseId,
      ownerOrganisationId: scope.ownerOrganisationId,
      type: dto.type as TraffickingEvent['type'],
      occurredOn: dto.occurredOn ?? null,
      country: dto.country ?? null,
      ...sealed,
      createdBy: actor.userId,
      createdAt: now,
      version: 1,
      updatedBy: null,
      updatedAt: null,
      removedBy: null,
      removedAt: null,
    };
    await this.events.insert(event);
    await this.appendChange(scope, event, { kind: 'added', ...text, reason: null, by: actor.userId, at: now });
    this.requestContext.recordAccess({
      view: scope.view,
      fields: Object.keys(dto).map((f) => `set:${f}`),
      detail: { eventId: id, type: event.type },
    });
    return toEventRecordView(event, text);
  }

  async correct(
    actor: AuthenticatedUser,
    caseId: string,
    eventId: string,
    dto: CorrectEventDto,
  ): Promise<EventRecordView> {
    const scope = await this.access.require(actor, caseId, { ...OWNER_KEY, lock: 'share' });
    this.requestContext.recordAccess({ detail: { eventId } });
    const event = await this.events.find(caseId, eventId, { lock: true });
    if (!event) throw eventNotFound();
    if (event.version !== dto.version) throw staleEvent();
    const now = new Date();
    const changes: Partial<TraffickingEvent> = {};
    if (dto.type !== undefined) changes.type = dto.type as TraffickingEvent['type'];
    if (dto.occurredOn !== undefined) changes.occurredOn = dto.occurredOn;
    if (dto.country !== undefined) changes.country = dto.country;
    if (dto.city !== undefined) changes.city = scope.seal(EVENT_TABLE, (s) => s.seal(CITY, eventId, dto.city ?? null));
    if (dto.description !== undefined) {
      changes.description = scope.seal(EVENT_TABLE, (s) => s.seal(DESCRIPTION, eventId, dto.description ?? null));
    }
    const changed = Object.keys(changes);
    Object.assign(changes, { updatedBy: actor.userId, updatedAt: now });
    if (!(await this.events.updateAtVersion(eventId, dto.version, changes))) throw staleEvent();
    const updated: TraffickingEvent = { ...event, ...changes, version: dto.version + 1 };
    const text = scope.seal(EVENT_TABLE, (s) => openText(s, updated));
    await this.appendChange(scope, updated, {
      kind: 'corrected',
      ...text,
      reason: dto.reason ?? null,
      by: actor.userId,
      at: now,
    });
    this.requestContext.recordAccess({
      view: scope.view,
      fields: changed.map((f) => `changed:${f}`),
      detail: { eventId, type: updated.type, version: updated.version },
    });
    return toEventRecordView(updated, text);
  }

  /** Marks the event removed (it leaves every view of the case); the reason goes into its history. */
  async remove(actor: AuthenticatedUser, caseId: string, eventId: string, dto: RemoveEventDto): Promise<void> {
    const scope = await this.access.require(actor, caseId, { ...OWNER_KEY, lock: 'share' });
    this.requestContext.recordAccess({ detail: { eventId } });
    const event = await this.events.find(caseId, eventId, { lock: true });
    if (!event) throw eventNotFound();
    if (event.version !== dto.version) throw staleEvent();
    const now = new Date();
    const changes = { removedBy: actor.userId, removedAt: now, updatedBy: actor.userId, updatedAt: now };
    if (!(await this.events.updateAtVersion(eventId, dto.version, changes))) throw staleEvent();
    const removed: TraffickingEvent = { ...event, ...changes, version: dto.version + 1 };
    const text = scope.seal(EVENT_TABLE, (s) => openText(s, event));
    await this.appendChange(scope, removed, {
      kind: 'removed',
      ...text,
      reason: dto.reason,
      by: actor.userId,
      at: now,
    });
    this.requestContext.recordAccess({
      view: scope.view,
      fields: ['changed:removedAt'],
      detail: { eventId, type: event.type, version: removed.version },
    });
  }

  /** Every change of an event, removed ones included, oldest first: for the owner. */
  async history(
    actor: AuthenticatedUser,
    caseId: string,
    eventId: string,
  ): Promise<{ event: EventRecordView & { removed: boolean }; changes: EventChangeView[] }> {
    const scope = await this.access.require(actor, caseId, OWNER_KEY);
    this.requestContext.recordAccess({ detail: { eventId } });
    const event = await this.events.find(caseId, eventId, { removed: true });
    if (!event) throw eventNotFound();
    const changes = await this.events.changesOf(eventId);
    const text = scope.seal(EVENT_TABLE, (s) => openText(s, event));
    const views = scope.seal(EVENT_CHANGE_TABLE, (s) =>
      changes.map((c) =>
        toEventChangeView(c, {
          city: s.open('city', c.id, c.city),
          description: s.open('description', c.id, c.description),
          reason: s.open('reason', c.id, c.reason),
        }),
      ),
    );
    this.requestContext.recordAccess({
      view: scope.view,
      fields: views.length > 0 ? Object.keys(views[0]) : [],
      detail: { eventId, returned: views.length },
    });
    return { event: { ...toEventRecordView(event, text), removed: event.removedAt !== null }, changes: views };
  }

  private async appendChange(scope: CaseKeyScope, event: TraffickingEvent, facts: EventChangeFacts): Promise<void> {
    await this.changes.append(scope.seal(EVENT_CHANGE_TABLE, (s) => eventChange(s, event, facts)));
  }
}
