import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { DomainException } from '../../../core/http/domain.exception';
import { UuidParamPipe } from '../../../core/http/validation';
import type { Choice, FormBody, FormErrors } from '../../../core/web/forms';
import { text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import { common } from '../../../core/web/messages';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { OrganisationsService } from '../../organisations';
import { CasesService, UpdateCaseDto } from '../../cases/case-records';
import { CaseErrorCode, CaseException } from '../../cases/case-records';
import { AssistanceErrorCode, AssistanceException } from '../assistance.exception';
import { AssistanceService } from '../assistance.service';
import { CreateAssistanceItemDto, UpdateAssistanceItemDto } from '../dto/assistance.dto';
import { supportMessages } from './support.messages';
import { AddItemPage, DeliveryPage, deliveryFieldsOf, PlanPage, PlanTextsPage, SupportPage } from './support.page';

const uuid = new UuidParamPipe();

/** What the service says of a field, in the words of the support plan. */
function problemOf(error: DomainException, m: ReturnType<typeof supportMessages.in>): string | undefined {
  if (error instanceof AssistanceException && error.code === AssistanceErrorCode.Inconsistent) {
    switch (error.field) {
      case 'actualStart':
        return m('needs_actual_start');
      case 'actualEnd':
        return m('end_problem');
      case 'plannedEnd':
        return m('planned_end_before_start');
      default:
        return m('status_contradicts_dates');
    }
  }
  if (error.field === 'providerOrganisationId') return m('provider_not_allowed');
  return undefined;
}

/**
 * The support plan of a case: the items planned and delivered, adding one, recording its delivery.
 * Over the API's AssistanceService, with the permissions and audit actions of GET, POST and PATCH
 * /cases/:id/assistance: the owner sees every item, an organisation the case is shared with its own.
 */
@PageController('cases')
export class SupportPagesController {
  constructor(
    private readonly assistance: AssistanceService,
    private readonly organisations: OrganisationsService,
    private readonly cases: CasesService,
  ) {}

  @Get(':id/support')
  @RequirePermission(Permission.AssistanceRead)
  @Audited(AuditAction.AssistanceListed)
  async plan(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const s = supportMessages.in(page.language);
    const items = await this.assistance.list(actor, id);
    const names = await this.organisations.namesOf(items.map((i) => i.providerOrganisationId));
    const notice =
      done === 'added'
        ? s('added')
        : done === 'updated'
          ? s('delivered')
          : done === 'planned'
            ? s('plan_changed')
            : done === 'objectives'
              ? s('plan_texts_saved')
              : undefined;
    const texts = await this.cases.supportPlanTexts(actor, id);
    return (
      <SupportPage
        page={page}
        caseId={id}
        items={items}
        names={names}
        providers={await this.providers(actor)}
        notice={notice}
        texts={
          texts
            ? {
                version: texts.version,
                values: {
                  supportObjectives: texts.supportObjectives ?? undefined,
                  actionPlan: texts.actionPlan ?? undefined,
                },
              }
            : undefined
        }
      />
    );
  }

  /** The plan's objectives and action plan, changed as PATCH /cases/:id changes them; an empty field clears. */
  @Post(':id/support/objectives')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.CaseUpdated)
  @Redirect()
  async changeObjectives(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const s = supportMessages.in(page.language);
    const version = text(body, 'version');
    const values = { supportObjectives: text(body, 'supportObjectives'), actionPlan: text(body, 'actionPlan') };
    const shown = version && /^\d{1,9}$/.test(version) ? version : '';
    const refuse = (status: number, errors: FormErrors, notice?: string): PageRefusal =>
      new PageRefusal(
        status,
        <PlanTextsPage page={page} caseId={id} version={shown} values={values} errors={errors} notice={notice} />,
      );
    const plain = {
      version: shown ? Number(shown) : version,
      supportObjectives: values.supportObjectives ?? null,
      actionPlan: values.actionPlan ?? null,
    };
    const form = await validateAs(UpdateCaseDto, plain, page.language);
    if ('errors' in form) {
      const { version: stale, ...errors } = form.errors;
      throw refuse(400, errors, stale ? s('plan_texts_stale') : undefined);
    }
    try {
      await this.cases.update(actor, id, form.value);
    } catch (error) {
      if (error instanceof CaseException && error.code === CaseErrorCode.VersionConflict) {
        throw refuse(error.status, {}, s('plan_texts_stale'));
      }
      throw error;
    }
    return seeOther(`/ui/cases/${id}/support?done=objectives`);
  }

  @Post(':id/support')
  @RequirePermission(Permission.AssistanceWrite)
  @Audited(AuditAction.AssistanceItemAdded)
  @Redirect()
  async add(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const s = supportMessages.in(page.language);
    const values = {
      type: text(body, 'type'),
      providerOrganisationId: text(body, 'providerOrganisationId'),
      plannedStart: text(body, 'plannedStart'),
      plannedEnd: text(body, 'plannedEnd'),
      notes: text(body, 'notes'),
    };
    const providers = await this.providers(actor);
    const refuse = (status: number, errors: FormErrors): PageRefusal =>
      new PageRefusal(
        status,
        <AddItemPage page={page} caseId={id} providers={providers} values={values} errors={errors} />,
      );
    const form = await validateAs(CreateAssistanceItemDto, { ...values, type: values.type ?? '' }, page.language);
    if ('errors' in form) throw refuse(400, form.errors);
    try {
      await this.assistance.add(actor, id, form.value);
    } catch (error) {
      const problem = error instanceof DomainException && error.field ? problemOf(error, s) : undefined;
      if (!problem || !(error instanceof DomainException)) throw error;
      throw refuse(error.status, { [error.field as string]: problem });
    }
    return seeOther(`/ui/cases/${id}/support?done=added`);
  }

  /** Records where an item stands: started, delivered or cancelled, with its days (PATCH in the API). */
  @Post(':id/support/:itemId')
  @RequirePermission(Permission.AssistanceWrite)
  @Audited(AuditAction.AssistanceItemUpdated)
  @Redirect()
  async recordDelivery(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const s = supportMessages.in(page.language);
    const t = common.in(page.language);
    const name = deliveryFieldsOf(itemId);
    const version = text(body, 'version');
    const values = {
      [name.status]: text(body, name.status),
      [name.actualStart]: text(body, name.actualStart),
      [name.actualEnd]: text(body, name.actualEnd),
    };
    const formName = (field: string): string => (field in name ? name[field as keyof typeof name] : field);
    const refuse = (status: number, errors: FormErrors, notice?: string): PageRefusal =>
      new PageRefusal(
        status,
        <DeliveryPage
          page={page}
          caseId={id}
          itemId={itemId}
          version={version ?? ''}
          values={values}
          errors={errors}
          notice={notice}
        />,
      );
    const plain = {
      version: version && /^\d{1,9}$/.test(version) ? Number(version) : version,
      status: values[name.status],
      actualStart: values[name.actualStart],
      actualEnd: values[name.actualEnd],
    };
    const form = await validateAs(UpdateAssistanceItemDto, plain, page.language, formName);
    if ('errors' in form) throw refuse(400, form.errors);
    if (!plain.status && !plain.actualStart && !plain.actualEnd)
      throw refuse(400, { [name.status]: t('field_required') });
    try {
      await this.assistance.update(actor, id, itemId, form.value);
    } catch (error) {
      if (error instanceof AssistanceException && error.code === AssistanceErrorCode.VersionConflict) {
        throw refuse(error.status, {}, s('item_changed'));
      }
      const problem = error instanceof DomainException && error.field ? problemOf(error, s) : undefined;
      if (!problem || !(error instanceof DomainException)) throw error;
      throw refuse(error.status, { [formName(error.field as string)]: problem });
    }
    return seeOther(`/ui/cases/${id}/support?done=updated`);
  }

  /** An item's planned days and notes to change: read as GET /cases/:id/assistance reads it. */
  @Get(':id/support/:itemId/plan')
  @RequirePermission(Permission.AssistanceWrite)
  @Audited(AuditAction.AssistanceListed)
  async planPage(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
  ): Promise<Html> {
    const item = (await this.assistance.list(actor, id)).find((i) => i.id === itemId);
    if (!item)
      throw new AssistanceException(AssistanceErrorCode.ItemNotFound, 'No such assistance item on this case', 'itemId');
    const values = {
      plannedStart: item.plannedStart ?? undefined,
      plannedEnd: item.plannedEnd ?? undefined,
      notes: item.notes ?? undefined,
    };
    return <PlanPage page={page} caseId={id} itemId={itemId} version={item.version} values={values} />;
  }

  /** The change of an item's planned days and notes (PATCH in the API); an empty field clears. */
  @Post(':id/support/:itemId/plan')
  @RequirePermission(Permission.AssistanceWrite)
  @Audited(AuditAction.AssistanceItemUpdated)
  @Redirect()
  async changePlan(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const s = supportMessages.in(page.language);
    const version = text(body, 'version');
    const values = {
      plannedStart: text(body, 'plannedStart'),
      plannedEnd: text(body, 'plannedEnd'),
      notes: text(body, 'notes'),
    };
    const shown = version && /^\d{1,9}$/.test(version) ? version : '';
    const refuse = (status: number, errors: FormErrors, notice?: string): PageRefusal =>
      new PageRefusal(
        status,
        <PlanPage
          page={page}
          caseId={id}
          itemId={itemId}
          version={shown}
          values={values}
          errors={errors}
          notice={notice}
        />,
      );
    const plain = {
      version: shown ? Number(shown) : version,
      plannedStart: values.plannedStart ?? null,
      plannedEnd: values.plannedEnd ?? null,
      notes: values.notes ?? null,
    };
    const form = await validateAs(UpdateAssistanceItemDto, plain, page.language);
    if ('errors' in form) {
      const { version: stale, ...errors } = form.errors;
      throw refuse(400, errors, stale ? s('item_changed') : undefined);
    }
    try {
      await this.assistance.update(actor, id, itemId, form.value);
    } catch (error) {
      if (error instanceof AssistanceException && error.code === AssistanceErrorCode.VersionConflict) {
        throw refuse(error.status, {}, s('item_changed'));
      }
      const problem = error instanceof DomainException && error.field ? problemOf(error, s) : undefined;
      if (!problem || !(error instanceof DomainException)) throw error;
      throw refuse(error.status, { [error.field as string]: problem });
    }
    return seeOther(`/ui/cases/${id}/support?done=planned`);
  }

  /** The organisations that may provide an item: those that serve people (the caller's own is the blank). */
  private async providers(actor: AuthenticatedUser): Promise<Choice[]> {
    return (await this.organisations.list())
      .filter((o) => o.kind === 'service' && o.id !== actor.organisationId)
      .map((o) => ({ value: o.id, label: o.name }));
  }
}
