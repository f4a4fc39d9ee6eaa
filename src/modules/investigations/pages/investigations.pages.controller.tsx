import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission, roleHasPermission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../../core/http/validation';
import type { FormBody, FormErrors, FormValues } from '../../../core/web/forms';
import { list, text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { CreatePerpetratorDto } from '../dto/perpetrator.dto';
import { CreateProceedingDto } from '../dto/proceeding.dto';
import { InvestigationErrorCode, InvestigationException } from '../investigations.exception';
import { PerpetratorsService } from '../perpetrators.service';
import { ProceedingsService } from '../proceedings.service';
import { InvestigationFormPage, PerpetratorsPage, ProceedingsPage } from './investigation.page';
import { investigationMessages } from './investigation.messages';

const uuid = new UuidParamPipe();
const PERPETRATOR_TEXTS = ['name', 'dateOfBirth', 'gender', 'nationality', 'roleDetails', 'description'] as const;
const PROCEEDING_TEXTS = ['kind', 'openedOn', 'closedOn', 'outcome', 'referenceNumber', 'notes'] as const;

/**
 * The investigation track of a case, for investigators with a live law-enforcement share (who record)
 * and the owning organisation's manager (who reads): the perpetrators with the forms that record a
 * perpetrator and a step, and the steps of the proceedings. Each route is one API route's service call,
 * permission and audit action; who reaches the records is investigation-access.ts's rule, in the service.
 */
@PageController('cases')
export class InvestigationsPagesController {
  constructor(
    private readonly perpetrators: PerpetratorsService,
    private readonly proceedings: ProceedingsService,
  ) {}

  @Get(':id/investigation')
  @RequirePermission(Permission.InvestigationRead)
  @Audited(AuditAction.PerpetratorsListed)
  async perpetratorsPage(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const m = investigationMessages.in(page.language);
    const perpetrators = await this.perpetrators.list(actor, caseId);
    return (
      <PerpetratorsPage
        page={page}
        caseId={caseId}
        perpetrators={perpetrators}
        writes={roleHasPermission(actor.role, Permission.InvestigationWrite)}
        notice={done === 'perpetrator' ? m('done_perpetrator') : undefined}
      />
    );
  }

  @Get(':id/investigation/proceedings')
  @RequirePermission(Permission.InvestigationRead)
  @Audited(AuditAction.ProceedingsListed)
  async proceedingsPage(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const m = investigationMessages.in(page.language);
    const proceedings = await this.proceedings.list(actor, caseId);
    return (
      <ProceedingsPage
        page={page}
        caseId={caseId}
        proceedings={proceedings}
        writes={roleHasPermission(actor.role, Permission.InvestigationWrite)}
        notice={done === 'proceeding' ? m('done_proceeding') : undefined}
      />
    );
  }

  @Post(':id/investigation/perpetrators')
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.PerpetratorAdded)
  @Redirect()
  async addPerpetrator(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const aliases = (text(body, 'aliases') ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const values: FormValues = {
      ...Object.fromEntries(PERPETRATOR_TEXTS.map((name) => [name, text(body, name)])),
      roles: list(body, 'roles'),
      aliases: text(body, 'aliases'),
    };
    const plain = {
      ...Object.fromEntries(PERPETRATOR_TEXTS.map((name) => [name, text(body, name)]).filter(([, v]) => v !== undefined)),
      roles: list(body, 'roles'),
      ...(aliases.length ? { aliases } : {}),
    };
    const form = await validateAs(CreatePerpetratorDto, plain, page.language, (path) => path.split('.')[0]);
    if ('errors' in form) throw refused(page, caseId, 'perpetrator', values, form.errors);
    await this.perpetrators.add(actor, caseId, form.value);
    return seeOther(`/ui/cases/${caseId}/investigation?done=perpetrator`);
  }

  @Post(':id/investigation/proceedings')
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.ProceedingAdded)
  @Redirect()
  async addProceeding(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = investigationMessages.in(page.language);
    const perpetratorIds = list(body, 'perpetratorIds');
    const values: FormValues = {
      ...Object.fromEntries(PROCEEDING_TEXTS.map((name) => [name, text(body, name)])),
      // Kept across a refusal as hidden fields: only what is an id at all.
      perpetratorIds: perpetratorIds.filter((id) => isUUID(id)),
    };
    const plain = {
      ...Object.fromEntries(PROCEEDING_TEXTS.map((name) => [name, text(body, name)]).filter(([, v]) => v !== undefined)),
      kind: text(body, 'kind') ?? '',
      openedOn: text(body, 'openedOn') ?? '',
      ...(perpetratorIds.length ? { perpetratorIds } : {}),
    };
    const form = await validateAs(CreateProceedingDto, plain, page.language);
    if ('errors' in form) {
      throw refused(page, caseId, 'proceeding', withoutBadIds(values, form.errors), form.errors);
    }
    try {
      await this.proceedings.add(actor, caseId, form.value);
    } catch (error) {
      if (!(error instanceof InvestigationException)) throw error;
      const errors: FormErrors =
        error.code === InvestigationErrorCode.UnknownPerpetrator
          ? { perpetratorIds: m('error_perpetrators') }
          : error.code === InvestigationErrorCode.Inconsistent && error.field === 'closedOn'
            ? { closedOn: m('error_dates') }
            : error.code === InvestigationErrorCode.Inconsistent && error.field === 'outcome'
              ? { outcome: m('error_outcome') }
              : {};
      if (Object.keys(errors).length === 0) throw error;
      throw refused(page, caseId, 'proceeding', withoutBadIds(values, errors), errors, error.status);
    }
    return seeOther(`/ui/cases/${caseId}/investigation/proceedings?done=proceeding`);
  }
}

/** Perpetrators refused as such are not kept: the form would send them again. */
function withoutBadIds(values: FormValues, errors: FormErrors): FormValues {
  return errors.perpetratorIds ? { ...values, perpetratorIds: [] } : values;
}

function refused(
  page: PageContext,
  caseId: string,
  form: 'perpetrator' | 'proceeding',
  values: FormValues,
  errors: FormErrors,
  status = 400,
): PageRefusal {
  return new PageRefusal(status, <InvestigationFormPage page={page} caseId={caseId} form={form} values={values} errors={errors} />);
}
