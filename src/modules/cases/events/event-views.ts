import { ApiProperty } from '@nestjs/swagger';
import { TRAFFICKING_EVENT_TYPES } from '../code-lists';
import type { TraffickingEvent, TraffickingEventChange } from '../case-records';

const KINDS = ['added', 'corrected', 'removed'];

/** An event as its owner manages it: what the case's full view shows, with its version and times. */
export class EventRecordView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: TRAFFICKING_EVENT_TYPES }) type: string;
  @ApiProperty({ type: String, nullable: true }) occurredOn: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'In clear; stored encrypted' }) city: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'HTCDS hte_Description; stored encrypted' })
  description: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) updatedAt: string | null;
}

/** One entry of an event's history: the event as it became, who changed it, when and why. */
export class EventChangeView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: KINDS }) kind: string;
  @ApiProperty() eventVersion: number;
  @ApiProperty({ enum: TRAFFICKING_EVENT_TYPES }) type: string;
  @ApiProperty({ type: String, nullable: true }) occurredOn: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() changedBy: string;
  @ApiProperty() changedAt: string;
}

/** Built field by field: nothing else of the row (ciphertext, owner) can be serialised. */
export function toEventRecordView(
  event: TraffickingEvent,
  inClear: { city: string | null; description: string | null },
): EventRecordView {
  return {
    id: event.id,
    type: event.type,
    occurredOn: event.occurredOn,
    country: event.country,
    city: inClear.city,
    description: inClear.description,
    version: event.version,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt?.toISOString() ?? null,
  };
}

export function toEventChangeView(
  change: TraffickingEventChange,
  inClear: { city: string | null; description: string | null; reason: string | null },
): EventChangeView {
  return {
    id: change.id,
    kind: change.kind,
    eventVersion: change.eventVersion,
    type: change.type,
    occurredOn: change.occurredOn,
    country: change.country,
    city: inClear.city,
    description: inClear.description,
    reason: inClear.reason,
    changedBy: change.changedBy,
    changedAt: change.changedAt.toISOString(),
  };
}
