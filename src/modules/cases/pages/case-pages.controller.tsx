import { Body, Get, HttpCode, Inject, Param, Post, Query, Redirect, UseGuards } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission, roleHasPermission } from '../../../core/access/permission';
import { Role } from '../../../core/access/role';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { nrmConfig } from '../../../core/config';
import { DomainException } from '../../../core/http/domain.exception';
import { UuidParamPipe } from '../../../core/http/validation';
import type { FormBody, FormValues } from '../../../core/web/forms';
import { text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { OrganisationsService } from '../../organisations';
import { ReferralDeadlines } from '../../referrals';
import { CaseListQueryDto, CaseOwners, CasesService, ChangeCaseOwnerDto, CreateCaseDto, statusDecisionDue } from '../case-records';
import type { CaseViewDto } from '../case-records';
import {
  DuplicateCheckDto,
  DuplicateCheckService,
  DuplicateCheckThrottleGuard,
  PersonErrorCode,
  PersonException,
} from '../persons';
import { nextStages, STAGE_TRANSITIONS, StagesService } from '../stages';
import {
  checkErrors,
  checkFieldOf,
  checkValues,
  createCaseRequest,
  domainErrors,
  duplicateCheckRequest,
  formFieldOf,
  incompleteRows,
  registerErrors,
  registerValues,
  registerValuesFromCheck,
} from './case-form';
import { CaseListPage } from './case-list.page';
import type { CaseActions, CaseFacts } from './case.page';
import { CasePage } from './case.page';
import { CasePrintPage } from './case-print.page';
import { caseMessages } from './cases.messages';
import { NewCasePage } from './new-case.page';
import { Idempotent } from '../../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();
/** Cases on one page of the list: the API's paging, at a size that keeps the page light. */
const PAGE_SIZE = 25;
const MAX_PAGE = 10_000;

/**
 * The caseworker's case pages, over the services of the API's routes beside them: the list
 * (GET /cases), registering a person and opening a case (POST /persons/duplicates/check, POST /cases
 * with a new person, one transaction), the case in the caller's view (GET /cases/:id, with
 * GET /cases/:id/history for those who may read it) and its print view. Which case a caller sees, and
 * in which view, is CaseAccess's decision inside those services; the pages only show it.
 */
@PageController('cases')
export class CasePagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly stages: StagesService,
    private readonly duplicates: DuplicateCheckService,
    private readonly deadlines: ReferralDeadlines,
    private readonly organisations: OrganisationsService,
    private readonly owners: CaseOwners,
    @Inject(nrmConfig.KEY) private readonly nrm: ConfigType<typeof nrmConfig>,
  ) {}

  @Get()
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.CaseListed)
  async list(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Query() query: FormBody,
  ): Promise<Html> {
    const filters: FormValues = {
      stage: text(query, 'stage'),
      status: text(query, 'status'),
      from: text(query, 'from'),
      to: text(query, 'to'),
      owner: text(query, 'owner'),
    };
    const pageText = text(query, 'page') ?? '1';
    const pageNumber = /^[1-9][0-9]{0,4}$/.test(pageText) ? Math.min(Number(pageText), MAX_PAGE) : 0;
    const form = await validateAs(
      CaseListQueryDto,
      {
        stage: filters.stage,
        status: filters.status,
        registeredFrom: filters.from,
        registeredTo: filters.to,
        mine: filters.owner === undefined ? undefined : filters.owner === 'mine' ? 'true' : filters.owner,
        limit: PAGE_SIZE,
        offset: Math.max(pageNumber - 1, 0) * PAGE_SIZE,
      },
      page.language,
      (path) => ({ registeredFrom: 'from', registeredTo: 'to', mine: 'owner' })[path] ?? path,
    );
    const refusal = (errors: Record<string, string>) =>
      new PageRefusal(
        400,
        <CaseListPage
          page={page}
          lines={[]}
          total={0}
          pageNumber={1}
          pageSize={PAGE_SIZE}
          filters={filters}
          errors={errors}
        />,
      );
    if ('errors' in form) throw refusal(form.errors);
    if (pageNumber === 0) throw refusal({});
    const result = await this.cases.list(actor, form.value);
    const overdue = await this.deadlines.overdueAmong(
      actor,
      result.items.map((s) => s.id),
    );
    const lines = result.items.map((summary) => ({
      summary,
      decisionDue:
        summary.stageChangedAt !== null &&
        statusDecisionDue(summary.stage, new Date(summary.stageChangedAt), this.nrm.reflectionPeriodDays),
      referralOverdue: overdue.has(summary.id),
    }));
    return (
      <CaseListPage
        page={page}
        lines={lines}
        total={result.total}
        pageNumber={pageNumber}
        pageSize={PAGE_SIZE}
        filters={filters}
      />
    );
  }

  /** The start of registering: the duplicate check's form. Nothing of anyone is read or shown. */
  @Get('new')
  @RequirePermission(Permission.CodeListRead)
  newCase(@Page() page: PageContext): Html {
    return <NewCasePage page={page} />;
  }

  @Post('duplicate-check')
  @RequirePermission(Permission.PersonDuplicateCheck)
  @Audited(AuditAction.PersonDuplicateChecked)
  @UseGuards(DuplicateCheckThrottleGuard)
  @HttpCode(200)
  async duplicateCheck(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Body() body: FormBody,
  ): Promise<Html> {
    const values = checkValues(body);
    const form = await validateAs(DuplicateCheckDto, duplicateCheckRequest(values), page.language, checkFieldOf);
    if ('errors' in form) {
      const errors = checkErrors(form.errors, page.language);
      throw new PageRefusal(400, <NewCasePage page={page} check={{ values, errors }} />);
    }
    let result;
    try {
      result = await this.duplicates.check(actor, form.value);
    } catch (error) {
      if (error instanceof PersonException && error.code === PersonErrorCode.NothingToCompare) {
        const refusal = caseMessages.in(page.language)('check_nothing');
        throw new PageRefusal(error.status, <NewCasePage page={page} check={{ values, refusal }} />);
      }
      throw error;
    }
    return (
      <NewCasePage
        page={page}
        check={{ values }}
        outcome={{ outcome: result.outcome, possibleMatchElsewhere: result.possibleMatchElsewhere }}
        register={{ values: registerValuesFromCheck(values) }}
      />
    );
  }

  /** The person and the case in one request, as POST /cases with `person` does: one transaction. */
  @Post('new')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.CaseCreated)
  @Idempotent({ page: true })
  @Redirect()
  async create(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const values = registerValues(body);
    const refuse = (errors: Record<string, string>, status = 400) =>
      new PageRefusal(status, <NewCasePage page={page} register={{ values, errors }} />);
    const incomplete = incompleteRows(values, page.language);
    if (Object.keys(incomplete).length) throw refuse(incomplete);
    const form = await validateAs(CreateCaseDto, createCaseRequest(values), page.language, formFieldOf(values));
    if ('errors' in form) throw refuse(registerErrors(form.errors, values, page.language));
    let created: CaseViewDto;
    try {
      created = await this.cases.create(actor, form.value);
    } catch (error) {
      if (!(error instanceof DomainException) || error.status >= 500) throw error;
      throw refuse(domainErrors(error.field, values, page.language), error.status);
    }
    return seeOther(`/ui/cases/${created.id}?done=opened`);
  }

  @Get(':id')
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.CaseViewed)
  async show(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const facts = await this.factsOf(actor, id, { history: true });
    const m = caseMessages.in(page.language);
    const notice =
      done === 'opened' ? m('opened_notice') : done === 'owner' ? m('owner_changed_notice') : undefined;
    return <CasePage page={page} facts={facts} actions={actionsOf(actor, facts.view)} notice={notice} />;
  }

  /** The manager gives the case to another of its staff, as PUT /cases/:id/owner does. */
  @Post(':id/owner')
  @RequirePermission(Permission.CaseAssign)
  @Audited(AuditAction.CaseOwnerChanged)
  @Redirect()
  async changeOwner(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = caseMessages.in(page.language);
    const refuse = async (status: number, error: string) => {
      const facts = await this.factsOf(actor, id, { history: false });
      if (facts.owner) facts.owner.error = error;
      return new PageRefusal(status, <CasePage page={page} facts={facts} actions={actionsOf(actor, facts.view)} />);
    };
    const form = await validateAs(ChangeCaseOwnerDto, { ownerUserId: text(body, 'ownerUserId') }, page.language);
    if ('errors' in form) throw await refuse(400, form.errors.ownerUserId ?? m('owner_not_eligible'));
    try {
      await this.cases.changeOwner(actor, id, form.value);
    } catch (error) {
      if (!(error instanceof DomainException) || error.field !== 'ownerUserId') throw error;
      throw await refuse(error.status, m('owner_not_eligible'));
    }
    return seeOther(`/ui/cases/${id}?done=owner`);
  }

  @Get(':id/print')
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.CaseViewed)
  async print(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
  ): Promise<Html> {
    const facts = await this.factsOf(actor, id, { history: false });
    return <CasePrintPage page={page} facts={facts} printedOn={new Date()} />;
  }

  /**
   * The case as GET /cases/:id reads it, and for the owning organisation what GET /cases/:id/history
   * reads (which adds nothing to the event but the case id it already names), its next stages and
   * the end of its reflection period.
   */
  private async factsOf(actor: AuthenticatedUser, id: string, want: { history: boolean }): Promise<CaseFacts> {
    const view = await this.cases.get(actor, id);
    const owner = view.view === 'full';
    const history =
      want.history && owner && roleHasPermission(actor.role, Permission.CaseHistoryRead)
        ? (await this.stages.history(actor, id)).items
        : undefined;
    const reflectionEnds = view.view === 'full' ? (view.reflectionEndsOn ?? undefined) : undefined;
    const decisionDue =
      view.view === 'full' &&
      statusDecisionDue(view.stage, new Date(view.stageChangedAt), this.nrm.reflectionPeriodDays);
    const nextSteps = owner
      ? nextStages(view.stage as Parameters<typeof nextStages>[0]).map((to) => ({
          to,
          byManager: STAGE_TRANSITIONS.some((t) => t.from === view.stage && t.to === to && t.by === Role.OrgManager),
        }))
      : [];
    const recipients = view.view === 'full' ? view.consents.map((c) => c.recipientOrganisationId).filter(isId) : [];
    const organisationNames = await this.organisations.namesOf(recipients);
    let ownerFacts: CaseFacts['owner'];
    if (view.view === 'full') {
      const names = await this.owners.usernamesOf([view.ownerUserId]);
      const choices = roleHasPermission(actor.role, Permission.CaseAssign)
        ? await this.owners.eligible(view.organisationId)
        : undefined;
      ownerFacts = { username: names.get(view.ownerUserId) ?? '', choices };
    }
    return { view, history, nextSteps, reflectionEnds, decisionDue, organisationNames, owner: ownerFacts };
  }
}

function isId(id: string | null): id is string {
  return id !== null;
}

/**
 * Which links and forms the case page offers: the permission of the page behind each, and the view
 * CaseAccess gave. The pages behind them decide again; this only spares a person a refusal.
 */
function actionsOf(actor: AuthenticatedUser, view: CaseViewDto): CaseActions {
  const may = (permission: Permission) => roleHasPermission(actor.role, permission);
  const owner = view.view === 'full';
  return {
    stage: owner && may(Permission.CaseStageChange),
    screen: owner && may(Permission.CaseScreen),
    consents: owner && may(Permission.ConsentManage),
    referrals: owner && may(Permission.ReferralSend),
    support: view.view !== 'investigation' && may(Permission.AssistanceRead),
    investigation: view.view !== 'referral' && may(Permission.InvestigationRead),
    erase: owner && may(Permission.PersonErase),
    tasks: owner && may(Permission.TaskRead),
  };
}
