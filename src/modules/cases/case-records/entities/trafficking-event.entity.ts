import { Column, Entity } from 'typeorm';
import type { TraffickingEventType } from '../../code-lists';
import { CaseOwnedRow } from './case-owned-row';

/**
 * A step of what happened: recruitment, transit or exploitation; where (country, city) and when.
 * Corrected at a version (optimistic concurrency) and removed by a mark, never deleted: every change
 * is in `trafficking_event_change`.
 */
@Entity('trafficking_event')
export class TraffickingEvent extends CaseOwnedRow {
  @Column('text')
  type: TraffickingEventType;

  /** YYYY, YYYY-MM or YYYY-MM-DD: victims often know only a year or a month. */
  @Column('text', { name: 'occurred_on', nullable: true })
  occurredOn: string | null;

  @Column('text', { nullable: true })
  country: string | null;

  /** Ciphertext under the case's data key. */
  @Column('bytea', { nullable: true })
  city: Buffer | null;

  /** HTCDS hte_Description: ciphertext under the case's data key. */
  @Column('bytea', { nullable: true })
  description: Buffer | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('integer', { default: 1 })
  version: number;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @Column('timestamptz', { name: 'updated_at', nullable: true })
  updatedAt: Date | null;

  @Column('uuid', { name: 'removed_by', nullable: true })
  removedBy: string | null;

  /** Set when the event was removed: it is then in no view of the case, only in its history. */
  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt: Date | null;
}
