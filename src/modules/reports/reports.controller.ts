import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { CaseloadReportDto } from './dto/caseload-report.dto';
import { toCsv } from './export/csv';
import { toXlsx } from './export/xlsx';
import { CasesTable, ReportsService } from './reports.service';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The organisation's own reports, for its manager: its caseload counted, and its cases exported. */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('caseload')
  @ApiOperation({
    summary: "Exact counts over the caller's organisation's own cases",
    description:
      'By stage and status, assistance delivered by type, referrals sent and received by purpose and outcome, overdue tasks',
  })
  @RequirePermission(Permission.ReportRead)
  @Audited(AuditAction.ReportViewed)
  @ApiOkResponse({ type: CaseloadReportDto })
  caseload(@CurrentUser() actor: AuthenticatedUser): Promise<CaseloadReportDto> {
    return this.reports.caseload(actor);
  }

  @Get('cases.csv')
  @ApiOperation({
    summary: "The organisation's own cases as CSV, in its full view: the file holds personal data",
    description: 'Audited as an export naming every case. Cells a spreadsheet would run as a formula are prefixed with an apostrophe.',
  })
  @RequirePermission(Permission.ReportRead)
  @Audited(AuditAction.ExportDownloaded)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'CSV (UTF-8, header line), as an attachment' })
  async csv(@CurrentUser() actor: AuthenticatedUser): Promise<StreamableFile> {
    return casesCsv(await this.reports.casesTable(actor, 'csv'));
  }

  @Get('cases.xlsx')
  @ApiOperation({
    summary: "The organisation's own cases as an Excel workbook, in its full view: the file holds personal data",
    description: 'Audited as an export naming every case. Every cell is text, never a formula.',
  })
  @RequirePermission(Permission.ReportRead)
  @Audited(AuditAction.ExportDownloaded)
  @Header('Cache-Control', 'no-store')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'An OOXML workbook, as an attachment' })
  async xlsx(@CurrentUser() actor: AuthenticatedUser): Promise<StreamableFile> {
    return casesXlsx(await this.reports.casesTable(actor, 'xlsx'));
  }
}

/** The table as a CSV attachment (the API's route and the page's download send the same file). */
export function casesCsv(table: CasesTable): StreamableFile {
  const content = toCsv(table.header, table.rows);
  return new StreamableFile(content, {
    type: 'text/csv; charset=utf-8',
    length: content.length,
    disposition: `attachment; filename="panoh-cases-${today()}.csv"`,
  });
}

export function casesXlsx(table: CasesTable): StreamableFile {
  const content = toXlsx('Cases', table.header, table.rows);
  return new StreamableFile(content, {
    type: XLSX_TYPE,
    length: content.length,
    disposition: `attachment; filename="panoh-cases-${today()}.xlsx"`,
  });
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
