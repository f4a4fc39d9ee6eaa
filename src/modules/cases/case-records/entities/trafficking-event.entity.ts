import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TraffickingEventType } from '../../code-lists/code-lists';

/** A step of what happened: recruitment, transit or exploitation; where (country, city) and when. */
@Entity('trafficking_event')
export class TraffickingEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

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
