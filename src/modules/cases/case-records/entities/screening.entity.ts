import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ScreeningResult } from '../../code-lists/indicator-lists';

/** One screening of a case against an indicator list at a version: codes found, result, who and when. */
@Entity('screening')
export class Screening {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @Column('text', { name: 'indicator_list' })
  indicatorList: string;

  @Column('text', { name: 'indicator_list_version' })
  indicatorListVersion: string;

  @Column('text', { array: true })
  indicators: string[];

  @Column('text')
  result: ScreeningResult;

  @Column('uuid', { name: 'screened_by' })
  screenedBy: string;

  @Column('timestamptz', { name: 'screened_at' })
  screenedAt: Date;
}
