import { Column, Entity } from 'typeorm';
import type { ScreeningResult } from '../../code-lists';
import { CaseOwnedRow } from './case-owned-row';

/** One screening of a case against an indicator list at a version: codes found, result, who and when. */
@Entity('screening')
export class Screening extends CaseOwnedRow {
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
