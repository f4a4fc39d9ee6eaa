import { Column, Entity } from 'typeorm';
import type { TraffickingEventType } from '../../code-lists';
import { CaseOwnedRow } from './case-owned-row';

export type TraffickingEventChangeKind = 'added' | 'corrected' | 'removed';

/**
 * One change of a trafficking event: who, when, what kind, and the event as it became at
 * `eventVersion` (the codes in clear, the city as ciphertext), with the reason (ciphertext under the
 * case's data key; required for a removal). Only appended to.
 */
@Entity('trafficking_event_change')
export class TraffickingEventChange extends CaseOwnedRow {
  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text')
  kind: TraffickingEventChangeKind;

  @Column('integer', { name: 'event_version' })
  eventVersion: number;

  @Column('text')
  type: TraffickingEventType;

  @Column('text', { name: 'occurred_on', nullable: true })
  occurredOn: string | null;

  @Column('text', { nullable: true })
  country: string | null;

  /** Ciphertext bound to `trafficking_event_change|city|id`. */
  @Column('bytea', { nullable: true })
  city: Buffer | null;

  /** Ciphertext bound to `trafficking_event_change|description|id`. */
  @Column('bytea', { nullable: true })
  description: Buffer | null;

  /** Ciphertext bound to `trafficking_event_change|reason|id`. */
  @Column('bytea', { nullable: true })
  reason: Buffer | null;

  @Column('uuid', { name: 'changed_by' })
  changedBy: string;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt: Date;
}
