import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns of every row that belongs to a case (consents, screenings, events, history, support plan
 * items, perpetrators, proceedings): its id, its case, and the case's organisation, copied so that the
 * row-level-security policies need not read the case (each write is checked against it).
 */
export abstract class CaseOwnedRow {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;
}

/**
 * A row of a case that is changed after it is written (support plan items, perpetrators,
 * proceedings): who made and last changed it and when, and the optimistic-concurrency version.
 */
export abstract class CasePartRecord extends CaseOwnedRow {
  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('uuid', { name: 'updated_by' })
  updatedBy: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('integer')
  version: number;
}
