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
import { PROCEEDING_KINDS } from '../../cases/code-lists';
import { CreatePerpetratorDto, UpdatePerpetratorDto } from '../dto/perpetrator.dto';
import { CreateProceedingDto, UpdateProceedingDto } from '../dto/proceeding.dto';
import { InvestigationErrorCode, InvestigationException } from '../investigations.exception';
import { PerpetratorsService } from '../perpetrators.service';
import { ProceedingsService } from '../proceedings.service';
import { InvestigationFormPage, PerpetratorsPage, ProceedingsPage } from './investigation.page';
import { investigationMessages } from './investigation.messages';
import {
  incompleteDocuments,
  perpetratorFieldOf,
  perpetratorRequest,
  perpetratorValues,
  perpetratorValuesOf,
} from './perpetrator-form';

const uuid = new UuidParamPipe();
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
        notice={done === 'perpetrator' ? m('done_perpetrator') : done === 'changed' ? m('done_changed') : undefined}
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
        notice={done === 'proceeding' ? m('done_proceeding') : done === 'changed' ? m('done_changed') : undefined}
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
    const values = perpetratorValues(body);
    const incomplete = incompleteDocuments(values, page.language);
    if (Object.keys(incomplete).length) throw refused(page, caseId, 'perpetrator', values, incomplete);
    const plain = perpetratorRequest(values, false);
    const form = await validateAs(CreatePerpetratorDto, plain, page.language, perpetratorFieldOf(values));
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

  /** A perpetrator's record to change: read as GET .../perpetrators reads it (the API has no single read). */
  @Get(':id/investigation/perpetrators/:perpetratorId')
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.PerpetratorsListed)
  async perpetratorPage(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Param('perpetratorId', uuid) perpetratorId: string,
  ): Promise<Html> {
    const perpetrator = (await this.perpetrators.list(actor, caseId)).find((p) => p.id === perpetratorId);
    if (!perpetrator) {
      throw new InvestigationException(InvestigationErrorCode.PerpetratorNotFound, 'No such perpetrator on this case', 'perpetratorId');
    }
    const change = { id: perpetrator.id, version: String(perpetrator.version) };
    return (
      <InvestigationFormPage page={page} caseId={caseId} form="perpetrator" values={perpetratorValuesOf(perpetrator)} change={change} />
    );
  }

  /** The change of a perpetrator's record: PATCH .../perpetrators/:perpetratorId with the version read. */
  @Post(':id/investigation/perpetrators/:perpetratorId')
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.PerpetratorUpdated)
  @Redirect()
  async changePerpetrator(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Param('perpetratorId', uuid) perpetratorId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = investigationMessages.in(page.language);
    const values = perpetratorValues(body);
    const version = versionOf(body);
    const change = { id: perpetratorId, version: version.shown };
    const refuse = (errors: FormErrors, status = 400, notice?: string): PageRefusal =>
      new PageRefusal(
        status,
        (
          <InvestigationFormPage
            page={page}
            caseId={caseId}
            form="perpetrator"
            values={values}
            errors={errors}
            change={change}
            notice={notice}
          />
        ),
      );
    const incomplete = incompleteDocuments(values, page.language);
    if (Object.keys(incomplete).length) throw refuse(incomplete);
    const plain = { ...perpetratorRequest(values, true), version: version.value };
    const form = await validateAs(UpdatePerpetratorDto, plain, page.language, perpetratorFieldOf(values));
    if ('errors' in form) throw refuse(...versionProblem(form.errors, m('record_changed')));
    try {
      await this.perpetrators.update(actor, caseId, perpetratorId, form.value);
    } catch (error) {
      if (error instanceof InvestigationException && error.code === InvestigationErrorCode.VersionConflict) {
        throw refuse({}, error.status, m('record_changed'));
      }
      throw error;
    }
    return seeOther(`/ui/cases/${caseId}/investigation?done=changed`);
  }

  /** A step of the proceedings to change: read as GET .../proceedings reads it. */
  @Get(':id/investigation/proceedings/:proceedingId')
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.ProceedingsListed)
  async proceedingPage(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Param('proceedingId', uuid) proceedingId: string,
  ): Promise<Html> {
    const proceeding = (await this.proceedings.list(actor, caseId)).find((p) => p.id === proceedingId);
    if (!proceeding) {
      throw new InvestigationException(InvestigationErrorCode.ProceedingNotFound, 'No such proceeding on this case', 'proceedingId');
    }
    const values: FormValues = {
      kind: proceeding.kind,
      openedOn: proceeding.openedOn,
      closedOn: proceeding.closedOn ?? undefined,
      outcome: proceeding.outcome ?? undefined,
      referenceNumber: proceeding.referenceNumber ?? undefined,
      notes: proceeding.notes ?? undefined,
    };
    const change = { id: proceeding.id, version: String(proceeding.version) };
    return <InvestigationFormPage page={page} caseId={caseId} form="proceeding" values={values} change={change} />;
  }

  /**
   * The change of a step: PATCH .../proceedings/:proceedingId with the version read. Its kind and the
   * perpetrators it concerns stay as they are (the form does not send them).
   */
  @Post(':id/investigation/proceedings/:proceedingId')
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.ProceedingUpdated)
  @Redirect()
  async changeProceeding(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Param('proceedingId', uuid) proceedingId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = investigationMessages.in(page.language);
    const kind = text(body, 'kind');
    const values: FormValues = {
      ...Object.fromEntries(PROCEEDING_TEXTS.map((name) => [name, text(body, name)])),
      kind: kind && (PROCEEDING_KINDS as readonly string[]).includes(kind) ? kind : undefined,
    };
    const version = versionOf(body);
    const change = { id: proceedingId, version: version.shown };
    const refuse = (errors: FormErrors, status = 400, notice?: string): PageRefusal =>
      new PageRefusal(
        status,
        (
          <InvestigationFormPage
            page={page}
            caseId={caseId}
            form="proceeding"
            values={values}
            errors={errors}
            change={change}
            notice={notice}
          />
        ),
      );
    const plain = {
      version: version.value,
      openedOn: text(body, 'openedOn') ?? '',
      ...Object.fromEntries(
        (['closedOn', 'outcome', 'referenceNumber', 'notes'] as const).map((name) => [name, text(body, name) ?? null]),
      ),
    };
    const form = await validateAs(UpdateProceedingDto, plain, page.language);
    if ('errors' in form) throw refuse(...versionProblem(form.errors, m('record_changed')));
    try {
      await this.proceedings.update(actor, caseId, proceedingId, form.value);
    } catch (error) {
      if (!(error instanceof InvestigationException)) throw error;
      if (error.code === InvestigationErrorCode.VersionConflict) throw refuse({}, error.status, m('record_changed'));
      const errors: FormErrors =
        error.code === InvestigationErrorCode.Inconsistent && error.field === 'closedOn'
          ? { closedOn: m('error_dates') }
          : error.code === InvestigationErrorCode.Inconsistent && error.field === 'outcome'
            ? { outcome: m('error_outcome') }
            : {};
      if (Object.keys(errors).length === 0) throw error;
      throw refuse(errors, error.status);
    }
    return seeOther(`/ui/cases/${caseId}/investigation/proceedings?done=changed`);
  }
}

/** A malformed version is the notice of a record to open again, not a field's problem. */
function versionProblem(errors: FormErrors, notice: string): [FormErrors, number, string | undefined] {
  const { version, ...rest } = errors;
  return [rest, 400, version ? notice : undefined];
}

/** The version the form was read at: a number for the API, and what the form shows again (digits only). */
function versionOf(body: FormBody): { value: unknown; shown: string } {
  const version = text(body, 'version');
  return version && /^\d{1,9}$/.test(version) ? { value: Number(version), shown: version } : { value: version, shown: '' };
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
