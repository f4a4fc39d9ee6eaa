import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a task is about: generated from the case's state, or added by hand (`manual`). */
export const TASK_KINDS = [
  'reflection_ending',
  'status_decision',
  'service_ending',
  'follow_up_visit',
  'referral_answer',
  'manual',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Why a task is closed: done by a person, or its condition met (the case moved on). */
export type TaskClosure = 'done' | 'condition_met';

/**
 * A task of a case, for the owning organisation only. Codes, days and ids are in clear; the title of a
 * task added by hand is ciphertext under the case's data key (generated tasks have none: their kind says
 * it all). `subjectKey` with the case, kind and due day makes a generated task one (the job's key).
 */
@Entity('task')
export class Task {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @Column('text')
  kind: TaskKind;

  /** The support plan item or referral a generated task follows. */
  @Column('uuid', { name: 'subject_id', nullable: true })
  subjectId: string | null;

  @Column('text', { name: 'subject_key' })
  subjectKey: string;

  @Column('date', { name: 'due_on' })
  dueOn: string;

  @Column('bytea', { nullable: true })
  title: Buffer | null;

  @Column('uuid', { name: 'assignee_user_id' })
  assigneeUserId: string;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt: Date | null;

  @Column('uuid', { name: 'done_by', nullable: true })
  doneBy: string | null;

  @Column('text', { name: 'closed_reason', nullable: true })
  closedReason: TaskClosure | null;

  @Column('timestamptz', { name: 'overdue_notified_at', nullable: true })
  overdueNotifiedAt: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
