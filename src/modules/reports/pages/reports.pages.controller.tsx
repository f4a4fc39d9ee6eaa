import { Get, Header, StreamableFile } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext } from '../../../core/web/page';
import { Page, PageController } from '../../../core/web/page';
import { casesCsv, casesXlsx } from '../reports.controller';
import { ReportsService } from '../reports.service';
import { ReportsPage } from './reports.page';

/**
 * The manager's reports page and its two downloads: GET /reports/caseload's and /reports/cases.*'s
 * service, permission and audit actions.
 */
@PageController('reports')
export class ReportsPagesController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @RequirePermission(Permission.ReportRead)
  @Audited(AuditAction.ReportViewed)
  async show(@Page() page: PageContext, @CurrentUser() actor: AuthenticatedUser): Promise<Html> {
    return <ReportsPage page={page} report={await this.reports.caseload(actor)} />;
  }

  @Get('cases.csv')
  @RequirePermission(Permission.ReportRead)
  @Audited(AuditAction.ExportDownloaded)
  @Header('Cache-Control', 'no-store')
  async csv(@CurrentUser() actor: AuthenticatedUser): Promise<StreamableFile> {
    return casesCsv(await this.reports.casesTable(actor, 'csv'));
  }

  @Get('cases.xlsx')
  @RequirePermission(Permission.ReportRead)
  @Audited(AuditAction.ExportDownloaded)
  @Header('Cache-Control', 'no-store')
  async xlsx(@CurrentUser() actor: AuthenticatedUser): Promise<StreamableFile> {
    return casesXlsx(await this.reports.casesTable(actor, 'xlsx'));
  }
}
