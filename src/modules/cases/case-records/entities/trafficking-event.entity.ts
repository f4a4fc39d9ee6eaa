import { Column, Entity } from 'typeorm';
import type { TraffickingEventType } from '../../code-lists';
import { CaseOwnedRow } from './case-owned-row';

/** A step of what happened: recruitment, transit or exploitation; where (country, city) and when. */
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

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
