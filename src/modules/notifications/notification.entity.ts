import { Column, Entity, PrimaryColumn } from 'typeorm';

export const NOTIFICATION_KINDS = [
  'referral_received',
  'referral_accepted',
  'referral_declined',
  'referral_withdrawn',
  'referral_overdue',
  'consent_withdrawn',
  'task_overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Something an organisation should look at: a kind and ids, nothing of the person. */
@Entity('notification')
export class Notification {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('uuid', { name: 'referral_id', nullable: true })
  referralId: string | null;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
