import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every changeable record of a case shares (support plan items, perpetrators,
 * proceedings): its id, its case and the case's owner (copied so that the row-level-security policies
 * need not read the case), who made and last changed it and when, and the optimistic-concurrency version.
 */
export abstract class CasePartRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

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
