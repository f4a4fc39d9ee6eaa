import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission, roleHasPermission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import type { FormBody, FormValues } from '../../../core/web/forms';
import { validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext } from '../../../core/web/page';
import { Page, PageController, PageRefusal } from '../../../core/web/page';
import { ctdcDownload } from '../ctdc-download';
import { StatisticsQueryDto, TimelinessQueryDto } from '../dto/statistics-query.dto';
import { StatisticsErrorCode, StatisticsException } from '../statistics.exception';
import { StatisticsService } from '../statistics.service';
import type { FilterCodes } from './statistics.page';
import { FILTERS, StatisticsPage, TimelinessPage } from './statistics.page';
import { statisticsMessages } from './statistics.messages';

/** The codes a GET form sent under one name: a repeated name is a list, an empty choice is none. */
function codes(value: unknown): string[] {
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** Without a question yet, the counts by year: every view of the page is a question, audited as one. */
const FIRST_QUESTION = ['year'];

/**
 * The Commission's pages over the statistics service: the same questions as GET /statistics/cases (its
 * grouping and its filters of codes and years, as a GET query of codes) and
 * /statistics/timeliness (audited as `statistics.queried`, with the same daily cap), and the CTDC
 * download as GET /statistics/export/ctdc.csv gives it (audited as `export.downloaded`).
 */
@PageController('statistics')
export class StatisticsPagesController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsQueried)
  async counts(
    @Page() page: PageContext,
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: FormBody,
  ): Promise<Html> {
    const asked = codes(query.groupBy);
    const groupBy = asked.length ? asked : FIRST_QUESTION;
    const filters: FormValues = Object.fromEntries(
      FILTERS.map((filter) => [filter, codes(query[filter])]).filter(([, chosen]) => chosen.length > 0),
    );
    const filterCodes = Object.fromEntries(
      FILTERS.map((filter) => [filter, this.statistics.filterCodes(filter)]),
    ) as FilterCodes;
    const shown = { page, groupBy, filters, filterCodes, mayExport: roleHasPermission(user.role, Permission.StatisticsExport) };
    const form = await validateAs(StatisticsQueryDto, { groupBy, ...filters }, page.language, (path) =>
      path.replace(/(\[\d+\]|\.\d+)$/, ''),
    );
    if ('errors' in form) throw new PageRefusal(400, <StatisticsPage {...shown} errors={form.errors} />);
    try {
      const answer = await this.statistics.countCases(form.value);
      return <StatisticsPage {...shown} answer={answer} />;
    } catch (error) {
      const refusal = this.refusalOf(error, page);
      if (!refusal) throw error;
      const field = error instanceof StatisticsException ? error.field : undefined;
      if (field && field in filters) {
        throw new PageRefusal(refusal.status, <StatisticsPage {...shown} errors={{ [field]: refusal.text }} />);
      }
      throw new PageRefusal(refusal.status, <StatisticsPage {...shown} refusal={refusal.text} />);
    }
  }

  @Get('timeliness')
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsQueried)
  async timeliness(@Page() page: PageContext, @Query('groupBy') groupByParam: unknown): Promise<Html> {
    const groupBy = codes(groupByParam)[0];
    const form = await validateAs(TimelinessQueryDto, groupBy ? { groupBy } : {}, page.language);
    if ('errors' in form) throw new PageRefusal(400, <TimelinessPage page={page} groupBy={groupBy} errors={form.errors} />);
    try {
      const answer = await this.statistics.timeliness(form.value);
      return <TimelinessPage page={page} groupBy={groupBy} answer={answer} />;
    } catch (error) {
      const refusal = this.refusalOf(error, page);
      if (!refusal) throw error;
      throw new PageRefusal(refusal.status, <TimelinessPage page={page} groupBy={groupBy} refusal={refusal.text} />);
    }
  }

  @Get('export')
  @RequirePermission(Permission.StatisticsExport)
  @Audited(AuditAction.ExportDownloaded)
  ctdc(@Res({ passthrough: true }) response: Response): Promise<string> {
    return ctdcDownload(this.statistics, response);
  }

  /** A question the service will not answer, said on the page; the daily cap is the common 429 page. */
  private refusalOf(error: unknown, page: PageContext): { status: number; text: string } | undefined {
    if (!(error instanceof StatisticsException)) return undefined;
    const m = statisticsMessages.in(page.language);
    switch (error.code) {
      case StatisticsErrorCode.TooDetailed:
        return { status: error.status, text: m('refused_detailed') };
      case StatisticsErrorCode.CategoryFolded:
        return { status: error.status, text: m('refused_folded') };
      case StatisticsErrorCode.TimelinessUnavailable:
        return { status: error.status, text: m('timeliness_unavailable') };
      default:
        return undefined;
    }
  }
}
