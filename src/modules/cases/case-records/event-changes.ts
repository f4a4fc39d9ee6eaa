import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FieldSealer } from '../../../core/crypto/record-sealer';
import { RequestContext } from '../../../core/database/request-context';
import { TraffickingEventChange } from './entities/trafficking-event-change.entity';
import type { TraffickingEventChangeKind } from './entities/trafficking-event-change.entity';
import type { TraffickingEvent } from './entities/trafficking-event.entity';

/** The history's table: its city and reason are sealed bound to `trafficking_event_change|column|id`. */
export const EVENT_CHANGE_TABLE = 'trafficking_event_change';

/**
 * The one writer of `trafficking_event_change`: every addition, correction and removal of a
 * trafficking event, written in the transaction of the change itself. The event's city is in clear
 * here only for the moment it is sealed again under the change's own binding.
 */
@Injectable()
export class EventChanges {
  constructor(private readonly requestContext: RequestContext) {}

  /** Appends change rows built by `eventChange` (sealed while the case's key was open). */
  async append(...rows: TraffickingEventChange[]): Promise<void> {
    if (rows.length > 0) await this.requestContext.manager.getRepository(TraffickingEventChange).insert(rows);
  }
}

export interface EventChangeFacts {
  kind: TraffickingEventChangeKind;
  /** The event's city and description as they are now, in clear. */
  city: string | null;
  description: string | null;
  reason: string | null;
  by: string;
  at: Date;
}

/** The change row that records `event` as it is now (at its version) after a change of `change.kind`. */
export function eventChange(
  sealer: FieldSealer,
  event: TraffickingEvent,
  change: EventChangeFacts,
): TraffickingEventChange {
  const id = randomUUID();
  return {
    id,
    eventId: event.id,
    caseId: event.caseId,
    ownerOrganisationId: event.ownerOrganisationId,
    kind: change.kind,
    eventVersion: event.version,
    type: event.type,
    occurredOn: event.occurredOn,
    country: event.country,
    city: sealer.seal('city', id, change.city),
    description: sealer.seal('description', id, change.description),
    reason: sealer.seal('reason', id, change.reason),
    changedBy: change.by,
    changedAt: change.at,
  };
}
