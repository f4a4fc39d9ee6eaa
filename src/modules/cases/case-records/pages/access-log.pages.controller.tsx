import { Get, Query } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { AuthenticatedUser } from '../../../../core/access/authenticated-user';
import { CurrentUser } from '../../../../core/access/current-user.decorator';
import { Permission } from '../../../../core/access/permission';
import { RequirePermission } from '../../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../../core/audit/audit-action';
import { Audited } from '../../../../core/audit/audited.decorator';
import { isDay } from '../../../../core/http/day-validation';
import type { FormErrors } from '../../../../core/web/forms';
import { common } from '../../../../core/web/messages';
import type { Html } from '../../../../core/web/jsx';
import { jsx } from '../../../../core/web/jsx';
import { startOfDay } from '../../../../core/web/moments';
import type { PageContext } from '../../../../core/web/page';
import { Page, PageController, PageRefusal } from '../../../../core/web/page';
import { CasesService } from '../cases.service';
import { AccessLogPage } from './access-log.page';
import { accessLogMessages } from './access-log.messages';

const PAGE_SIZE = 50;
const SEQ = /^\d{1,15}$/;

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function one(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The access log for an organisation's manager: who opened a case of the organisation, when, with
 * its own staff by username — GET /cases/:id/access-log's service, permission and audit action.
 */
@PageController('access-log')
export class AccessLogPagesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @RequirePermission(Permission.AccessLogRead)
  @Audited(AuditAction.CaseAccessLogViewed)
  async show(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Query('caseId') caseQuery: unknown,
    @Query('from') fromQuery: unknown,
    @Query('to') toQuery: unknown,
    @Query('before') beforeQuery: unknown,
  ): Promise<Html> {
    const m = accessLogMessages.in(page.language);
    const t = common.in(page.language);
    const values = { caseId: one(caseQuery), from: one(fromQuery), to: one(toQuery) };
    const errors: FormErrors = {};
    if (values.caseId && !isUUID(values.caseId)) errors.caseId = m('error_case_id');
    if (values.from && !isDay(values.from)) errors.from = t('field_not_a_day');
    if (values.to && !isDay(values.to)) errors.to = t('field_not_a_day');
    if (!errors.from && !errors.to && values.from && values.to && values.from > values.to) errors.to = m('error_order');
    const before = one(beforeQuery);
    if (Object.keys(errors).length > 0 || (before !== undefined && !SEQ.test(before))) {
      // Nothing shown: the values (an id and days, never a name) go back beside their problems.
      throw new PageRefusal(400, <AccessLogPage page={page} values={values} errors={errors} />);
    }
    const caseId = values.caseId?.toLowerCase();
    const query_ = {
      limit: PAGE_SIZE,
      beforeSeq: before ? Number(before) : undefined,
      from: values.from ? startOfDay(values.from) : undefined,
      to: values.to ? startOfDay(dayAfter(values.to)) : undefined,
    };
    // One case's log, or (no case asked for) the log of every case of the organisation.
    const whole = caseId ? undefined : await this.cases.organisationAccessLog(actor, query_);
    const log = whole ?? (await this.cases.accessLog(actor, caseId as string, query_));
    const query = new URLSearchParams({ ...(caseId ? { caseId } : {}), ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) });
    return (
      <AccessLogPage
        page={page}
        values={values}
        events={log.events}
        older={log.nextBeforeSeq ? `/ui/access-log?${query.toString()}${query.size ? '&' : ''}before=${log.nextBeforeSeq}` : undefined}
        references={whole?.references}
      />
    );
  }
}
