import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { RequestContext } from '../../core/database/request-context';
import { CaseErrorCode, CaseException, CaseRepository, CasesService } from '../cases/case-records';
import type { FullCaseView } from '../cases/case-records';
import { CaseloadReportDto } from './dto/caseload-report.dto';
import { OVERDUE_TASKS } from '../tasks';
import type { OverdueTasks } from '../tasks';
import { ReportsRepository } from './reports.repository';

/** The columns of the cases export, in order: codes and dates, and who the person is. */
export const EXPORT_COLUMNS = [
  'reference',
  'registeredOn',
  'stage',
  'traffickingStatus',
  'stageChangedAt',
  'reflectionEndsOn',
  'familyName',
  'givenName',
  'patronymic',
  'dateOfBirth',
  'gender',
  'ageBand',
  'citizenship',
  'regionOfOrigin',
  'countryOfExploitation',
  'exploitationTypes',
  'meansOfControl',
  'labourSector',
  'personErased',
] as const;

export interface CasesTable {
  header: readonly string[];
  rows: string[][];
}

/**
 * The organisation's own reports, for its manager: exact counts over its caseload, and its cases as a
 * table to take away. Counts are exact (no disclosure control): they are the organisation's own cases,
 * which it sees in full anyway. The export reads each case through CasesService.get, so CaseAccess
 * decides and the request's one audit event names every case and person it holds.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly cases: CasesService,
    private readonly caseRecords: CaseRepository,
    private readonly requestContext: RequestContext,
    @Inject(OVERDUE_TASKS) private readonly overdueTasks: OverdueTasks,
  ) {}

  async caseload(actor: AuthenticatedUser): Promise<CaseloadReportDto> {
    const organisationId = actor.organisationId;
    const byStage = await this.repository.casesBy('stage', organisationId);
    const report: CaseloadReportDto = {
      countedAt: new Date().toISOString(),
      cases: byStage.reduce((sum, row) => sum + row.count, 0),
      byStage,
      byStatus: await this.repository.casesBy('trafficking_status', organisationId),
      servicesDelivered: await this.repository.servicesDelivered(organisationId),
      referralsOut: await this.repository.referrals('out', organisationId),
      referralsIn: await this.repository.referrals('in', organisationId),
      overdueTasks: await this.overdueTasks.overdueCount(organisationId, actor),
    };
    this.requestContext.recordAccess({ detail: { report: 'caseload', cases: report.cases } });
    return report;
  }

  /** Every case of the caller's organisation in its full view, one row each, by reference. */
  async casesTable(actor: AuthenticatedUser, format: 'csv' | 'xlsx'): Promise<CasesTable> {
    const references = await this.caseRecords.referencesOwnedBy(actor.organisationId);
    const ordered = [...references.entries()].sort((a, b) => a[1].localeCompare(b[1]));
    const rows: string[][] = [];
    let erased = 0;
    for (const [id, reference] of ordered) {
      try {
        const view = await this.cases.get(actor, id);
        if (view.view === 'full') rows.push(rowOf(view));
      } catch (error) {
        if (!(error instanceof CaseException && error.code === CaseErrorCode.PersonErased)) throw error;
        // Nothing of an erased person is left to export; the case is said to be there.
        erased += 1;
        rows.push(EXPORT_COLUMNS.map((column) => (column === 'reference' ? reference : column === 'personErased' ? 'yes' : '')));
      }
    }
    this.requestContext.recordAccess({
      caseIds: [...references.keys()],
      detail: { export: 'cases', format, rows: rows.length, erased },
    });
    return { header: EXPORT_COLUMNS, rows };
  }
}

function rowOf(view: FullCaseView): string[] {
  const values: Record<(typeof EXPORT_COLUMNS)[number], string> = {
    reference: view.reference,
    registeredOn: view.registeredOn,
    stage: view.stage,
    traffickingStatus: view.traffickingStatus,
    stageChangedAt: view.stageChangedAt,
    reflectionEndsOn: view.reflectionEndsOn ?? '',
    familyName: view.person.familyName,
    givenName: view.person.givenName,
    patronymic: view.person.patronymic ?? '',
    dateOfBirth: view.person.dateOfBirth ?? '',
    gender: view.gender ?? '',
    ageBand: view.ageBand ?? '',
    citizenship: view.citizenship ?? '',
    regionOfOrigin: view.regionOfOrigin ?? '',
    countryOfExploitation: view.countryOfExploitation ?? '',
    exploitationTypes: view.exploitationTypes.join(';'),
    meansOfControl: view.meansOfControl.join(';'),
    labourSector: view.labourSector ?? '',
    personErased: 'no',
  };
  return EXPORT_COLUMNS.map((column) => values[column]);
}
