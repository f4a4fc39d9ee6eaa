import { Body, Get, HttpCode, Param, Post, Query, Redirect, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission, roleHasPermission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { DomainException } from '../../../core/http/domain.exception';
import { UuidParamPipe } from '../../../core/http/validation';
import { Idempotent } from '../../../core/idempotency/idempotent.decorator';
import type { FormBody, FormValues } from '../../../core/web/forms';
import { list, text } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import type { ReleaseDimension, ReleaseSummary } from '../releases/release-contract';
import { RELEASE_DIMENSIONS, ReleaseReader } from '../releases/release-contract';
import { PublishPage, ReleasePage } from './releases.page';
import type { ReleasePageProps } from './releases.page';
import { ReleaseListPage } from './releases.page';
import { StatisticsMessage, statisticsMessages } from './statistics.messages';

const uuid = new UuidParamPipe();

/** The id a requested table has in its release (`request-<n>`): the only thing the page's query carries. */
const REQUESTED = /^request-\d{1,6}$/;

/** A year (`2025`) or a quarter (`2025-Q3`): the shape the form accepts before the service judges it. */
const PERIOD = /^\d{4}(?:-Q[1-4])?$/;

/** The refusals of a request, by the code the release service gives them, in the person's words. */
const REQUEST_REFUSALS: Readonly<Record<string, StatisticsMessage>> = {
  cyclic: 'refused_cyclic',
  'too-detailed': 'refused_too_detailed',
  unprotectable: 'refused_unprotectable',
  'dp-mode': 'refused_dp',
  'no-release': 'refused_no_release',
  'monthly-requests-spent': 'refused_limit',
};

function csvHeaders(response: Response, filename: string): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
}

/** The status and code of a refusal the release service threw; undefined for anything else (a failure). */
function refusalOf(error: unknown): { status: number; code: string } | undefined {
  if (!(error instanceof DomainException)) return undefined;
  const status = error.status as number;
  return status >= 400 && status < 500 ? { status, code: error.code } : undefined;
}

/**
 * The Commission's statistics pages: the published releases, one release with its tables, charts,
 * timeliness and downloads, and the tables requested from the newest one; the administrator's publish
 * form. Everything comes from the release reader (GET /statistics/releases… and POST /statistics/requests
 * and /statistics/releases), with the same permissions and audit actions; nothing is computed here.
 */
@PageController('statistics')
export class StatisticsReleasesPagesController {
  constructor(private readonly releases: ReleaseReader) {}

  @Get()
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsReleaseRead)
  async list(@Page() page: PageContext): Promise<Html> {
    return <ReleaseListPage page={page} releases={await this.releases.list()} />;
  }

  @Get('releases/:id')
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsReleaseRead)
  async show(
    @Page() page: PageContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('requested') requested: unknown,
  ): Promise<Html> {
    const notice =
      typeof requested === 'string' && REQUESTED.test(requested)
        ? statisticsMessages.in(page.language)('request_published')
        : undefined;
    return this.render(page, user, id, { notice });
  }

  @Get('releases/:id/tables.csv')
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsReleaseRead)
  async tables(@Param('id', uuid) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.releases.tablesCsv(id);
    csvHeaders(response, `panoh-release-${id}-tables.csv`);
    return csv;
  }

  @Get('releases/:id/ctdc.csv')
  @RequirePermission(Permission.StatisticsExport)
  @Audited(AuditAction.StatisticsReleaseRead)
  async ctdc(@Param('id', uuid) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.releases.ctdcCsv(id);
    csvHeaders(response, `panoh-release-${id}-ctdc.csv`);
    return csv;
  }

  /** A table outside the catalogue, from the newest release's data; then that release's page shows it. */
  @Post('requests')
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsRequested)
  @Idempotent({ page: true })
  @Redirect()
  async request(
    @Page() page: PageContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = statisticsMessages.in(page.language);
    const asked = list(body, 'dimensions');
    const values: FormValues = { dimensions: asked.filter((d) => (RELEASE_DIMENSIONS as readonly string[]).includes(d)) };
    const refuse = async (status: number, state: Partial<ReleasePageProps>): Promise<PageRefusal> => {
      const [newest] = await this.releases.list();
      return newest
        ? new PageRefusal(status, await this.render(page, user, newest.id, { values, ...state }, newest))
        : new PageRefusal(status, <ReleaseListPage page={page} releases={[]} notice={state.refusal} />);
    };
    const valid =
      asked.length >= 1 &&
      asked.length <= 3 &&
      new Set(asked).size === asked.length &&
      asked.every((d) => (RELEASE_DIMENSIONS as readonly string[]).includes(d));
    if (!valid) throw await refuse(400, { errors: { dimensions: m('field_dimensions') } });
    let table;
    try {
      table = await this.releases.request(asked as ReleaseDimension[]);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      throw await refuse(refusal.status, { refusal: m(REQUEST_REFUSALS[refusal.code] ?? 'refused_other') });
    }
    const [newest] = await this.releases.list();
    return seeOther(`/ui/statistics/releases/${newest.id}?requested=${table.id}#table-${table.id}`);
  }

  @Get('publish')
  @RequirePermission(Permission.StatisticsPublish)
  @Audited(AuditAction.StatisticsReleaseRead)
  async publishForm(@Page() page: PageContext): Promise<Html> {
    return <PublishPage page={page} releases={await this.releases.list()} />;
  }

  @Post('publish')
  @RequirePermission(Permission.StatisticsPublish)
  @Audited(AuditAction.StatisticsReleasePublished)
  @HttpCode(200)
  async publish(@Page() page: PageContext, @Body() body: FormBody): Promise<Html> {
    const m = statisticsMessages.in(page.language);
    const period = text(body, 'period');
    // What was typed is shown again only when it has the shape of a period: never an arbitrary echo.
    const values: FormValues = { period: period && PERIOD.test(period) ? period : undefined };
    const refuse = (status: number, state: { errors?: Record<string, string>; refusal?: string }) =>
      new PageRefusal(status, <PublishPage page={page} values={values} {...state} />);
    if (!period || !PERIOD.test(period)) throw refuse(400, { errors: { period: m('period_invalid') } });
    let published: ReleaseSummary;
    try {
      published = await this.releases.publish(period);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      if (refusal.code === 'revision-deferred') throw refuse(refusal.status, { refusal: m('deferred') });
      if (refusal.code === 'revision-unchanged') throw refuse(refusal.status, { refusal: m('unchanged') });
      if (refusal.code === 'release-final') throw refuse(refusal.status, { refusal: m('final') });
      throw refuse(refusal.status, { errors: { period: m('period_invalid') } });
    }
    return <PublishPage page={page} published={published} />;
  }

  private async render(
    page: PageContext,
    user: AuthenticatedUser,
    id: string,
    state: Partial<ReleasePageProps>,
    newest?: ReleaseSummary,
  ): Promise<Html> {
    const release = await this.releases.read(id);
    const latest = newest ?? (await this.releases.list())[0] ?? release.summary;
    const allowance = latest.id === id ? await this.releases.allowance() : undefined;
    return (
      <ReleasePage
        page={page}
        release={release}
        newest={latest}
        allowance={allowance}
        mayExport={roleHasPermission(user.role, Permission.StatisticsExport)}
        {...state}
      />
    );
  }
}
