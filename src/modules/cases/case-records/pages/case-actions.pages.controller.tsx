import { Body, Get, Param, Post, Query, Redirect, UseGuards } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../../core/access/authenticated-user';
import { CurrentUser } from '../../../../core/access/current-user.decorator';
import { Permission } from '../../../../core/access/permission';
import { RequirePermission } from '../../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../../core/audit/audit-action';
import { Audited } from '../../../../core/audit/audited.decorator';
import { AuthErrorCode, AuthException } from '../../../../core/auth/auth.exception';
import { AuthService } from '../../../../core/auth/auth.service';
import { PasswordReconfirmationGuard, Reconfirmed } from '../../../../core/auth/password-reconfirmation';
import type { Reconfirmation } from '../../../../core/auth/password-reconfirmation';
import { DomainException } from '../../../../core/http/domain.exception';
import { UuidParamPipe } from '../../../../core/http/validation';
import type { Choice, FormBody, FormErrors } from '../../../../core/web/forms';
import { list, text, validateAs } from '../../../../core/web/forms';
import type { Html } from '../../../../core/web/jsx';
import { jsx } from '../../../../core/web/jsx';
import { common } from '../../../../core/web/messages';
import type { PageContext, SeeOther } from '../../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../../core/web/page';
import { OrganisationsService, oversightNamed } from '../../../organisations';
import { INDICATOR_LISTS } from '../../code-lists';
import { PersonErrorCode, PersonException, PersonsService } from '../../persons';
import { CaseErrorCode, CaseException } from '../cases.exception';
import { CasesService } from '../cases.service';
import { ConsentsService } from '../consents.service';
import { GiveConsentDto } from '../dto/consent.dto';
import { RecordScreeningDto } from '../dto/screening.dto';
import { ScreeningsService } from '../screenings.service';
import { caseActionMessages } from './case-actions.messages';
import { ConsentsPage, ErasedPage, ErasePage, ScreeningPage, WithdrawPage } from './case-actions.page';

const uuid = new UuidParamPipe();

/** `indicators[3]` names the form's `indicators`; a field of the API is the form's field of that name. */
function formField(path: string): string {
  return path.replace(/\[\d+\]$/, '');
}

function listOf(asked: unknown): string {
  return INDICATOR_LISTS.find((l) => l.id === asked)?.id ?? INDICATOR_LISTS[0].id;
}

/**
 * What a person does on a case besides reading and changing it: screenings, consents and erasure.
 * Over the API's services, with the API's permissions and audit actions; each page links back to the
 * case page. The form pages read the case's outline (nothing decrypted) and are audited as a reading
 * of the case.
 */
@PageController('cases')
export class CaseActionsPagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly screenings: ScreeningsService,
    private readonly consents: ConsentsService,
    private readonly persons: PersonsService,
    private readonly organisations: OrganisationsService,
    private readonly auth: AuthService,
  ) {}

  @Get(':id/screenings/new')
  @RequirePermission(Permission.CaseScreen)
  @Audited(AuditAction.CaseViewed)
  async screeningForm(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('list') asked: unknown,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const outline = await this.cases.outline(actor, id);
    const notice = done === 'recorded' ? caseActionMessages.in(page.language)('screening_recorded') : undefined;
    return <ScreeningPage page={page} caseId={id} listId={listOf(asked)} screenings={outline.screenings} notice={notice} />;
  }

  @Post(':id/screenings/new')
  @RequirePermission(Permission.CaseScreen)
  @Audited(AuditAction.ScreeningRecorded)
  @Redirect()
  async recordScreening(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = caseActionMessages.in(page.language);
    const listId = listOf(text(body, 'indicatorList'));
    const values = { indicators: list(body, 'indicators'), result: text(body, 'result') };
    const refuse = (errors: FormErrors): PageRefusal =>
      new PageRefusal(400, <ScreeningPage page={page} caseId={id} listId={listId} values={values} errors={errors} />);
    const form = await validateAs(
      RecordScreeningDto,
      { indicatorList: text(body, 'indicatorList') ?? '', indicators: values.indicators, result: values.result ?? '' },
      page.language,
      formField,
    );
    if ('errors' in form) throw refuse(form.errors);
    try {
      await this.screenings.record(actor, id, form.value);
    } catch (error) {
      if (!(error instanceof CaseException) || error.code !== CaseErrorCode.UnknownIndicator) throw error;
      const field = formField(error.field ?? 'indicators');
      throw refuse({ [field]: field === 'result' ? m('result_mismatch') : m('indicator_unknown') });
    }
    return seeOther(`/ui/cases/${id}/screenings/new?list=${listId}&done=recorded`);
  }

  @Get(':id/consents/new')
  @RequirePermission(Permission.ConsentManage)
  @Audited(AuditAction.CaseViewed)
  async consentForm(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const m = caseActionMessages.in(page.language);
    const outline = await this.cases.outline(actor, id);
    const notice = done === 'given' ? m('consent_recorded') : done === 'withdrawn' ? m('consent_withdrawn') : undefined;
    return (
      <ConsentsPage
        page={page}
        caseId={id}
        organisations={await this.recipients(actor)}
        consents={outline.consents}
        notice={notice}
      />
    );
  }

  @Post(':id/consents/new')
  @RequirePermission(Permission.ConsentManage)
  @Audited(AuditAction.ConsentGiven)
  @Redirect()
  async giveConsent(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = caseActionMessages.in(page.language);
    const t = common.in(page.language);
    const values = {
      purpose: text(body, 'purpose'),
      recipientOrganisationId: text(body, 'recipientOrganisationId'),
      referralPurposes: list(body, 'referralPurposes'),
    };
    const organisations = await this.recipients(actor);
    const refuse = (errors: FormErrors): PageRefusal =>
      new PageRefusal(
        400,
        <ConsentsPage page={page} caseId={id} organisations={organisations} values={values} errors={errors} />,
      );
    const form = await validateAs(
      GiveConsentDto,
      {
        purpose: values.purpose ?? '',
        recipientOrganisationId: values.recipientOrganisationId,
        referralPurposes: values.referralPurposes.length ? values.referralPurposes : undefined,
      },
      page.language,
      formField,
    );
    if ('errors' in form) throw refuse(form.errors);
    try {
      await this.consents.give(actor, id, form.value);
    } catch (error) {
      if (!(error instanceof DomainException) || error.status !== 400 || !error.field) throw error;
      const field = formField(error.field);
      if (field === 'referralPurposes') throw refuse({ referralPurposes: m('referral_purposes_wrong') });
      if (error.message === oversightNamed('recipientOrganisationId')) {
        throw refuse({ recipientOrganisationId: m('recipient_not_service') });
      }
      if (error instanceof CaseException) throw refuse({ [field]: m('recipient_wrong') });
      throw refuse({ [field]: t('field_not_a_choice') });
    }
    return seeOther(`/ui/cases/${id}/consents/new?done=given`);
  }

  @Post(':id/consents/:consentId/withdraw')
  @RequirePermission(Permission.ConsentManage)
  @Audited(AuditAction.ConsentWithdrawn)
  @Redirect()
  async withdrawConsent(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('consentId', uuid) consentId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = caseActionMessages.in(page.language);
    if (text(body, 'confirm') !== 'yes') {
      throw new PageRefusal(
        400,
        <WithdrawPage page={page} caseId={id} consentId={consentId} errors={{ confirm: m('withdraw_needs_tick') }} />,
      );
    }
    try {
      await this.consents.withdraw(actor, id, consentId);
    } catch (error) {
      const gone =
        error instanceof CaseException &&
        (error.code === CaseErrorCode.ConsentNotFound || error.code === CaseErrorCode.ConsentAlreadyWithdrawn);
      if (!gone) throw error;
      throw new PageRefusal(
        error.status,
        <WithdrawPage page={page} caseId={id} consentId={consentId} refusal={m('consent_gone')} />,
      );
    }
    return seeOther(`/ui/cases/${id}/consents/new?done=withdrawn`);
  }

  @Get(':id/erase')
  @RequirePermission(Permission.PersonErase)
  @Audited(AuditAction.CaseViewed)
  async eraseForm(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
  ): Promise<Html> {
    const outline = await this.cases.outline(actor, id);
    return <ErasePage page={page} caseId={id} reference={outline.reference} erased={outline.personErased} />;
  }

  /**
   * Erases the case's person, as DELETE /persons/:id does and audited as it is, once the box is ticked
   * and the manager's password given again (checked by the guard before this request's transaction).
   */
  @Post(':id/erase')
  @RequirePermission(Permission.PersonErase)
  @Audited(AuditAction.PersonErased)
  @UseGuards(PasswordReconfirmationGuard)
  @Redirect()
  async erase(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @Reconfirmed() reconfirmed: Reconfirmation,
  ): Promise<SeeOther> {
    const m = caseActionMessages.in(page.language);
    const t = common.in(page.language);
    const personId = await this.cases.personOf(actor, id);
    const confirm = text(body, 'confirm');
    const refuse = (status: number, errors: FormErrors, refusal?: string): PageRefusal =>
      new PageRefusal(status, <ErasePage page={page} caseId={id} values={{ confirm }} errors={errors} refusal={refusal} />);
    const errors: FormErrors = {};
    if (confirm !== 'yes') errors.confirm = m('erase_needs_tick');
    if (!text(body, 'password')) errors.password = t('field_required');
    if (Object.keys(errors).length) throw refuse(400, errors);
    try {
      this.auth.requireReconfirmed(reconfirmed);
    } catch (error) {
      if (!(error instanceof AuthException) || error.code === AuthErrorCode.SessionEnded) throw error;
      if (error.code === AuthErrorCode.TooManyAttempts) throw refuse(error.status, { password: m('erase_held_back') });
      throw refuse(error.status, { password: m('erase_password_wrong') });
    }
    try {
      await this.persons.erase(actor, personId);
    } catch (error) {
      if (!(error instanceof PersonException)) throw error;
      const refusal =
        error.code === PersonErrorCode.HeldElsewhere
          ? m('erase_held_elsewhere')
          : error.code === PersonErrorCode.Erased
            ? m('already_erased')
            : error.code === PersonErrorCode.NotFound
              ? m('erase_not_own_person')
              : undefined;
      if (!refusal) throw error;
      throw refuse(error.status, {}, refusal);
    }
    return seeOther(`/ui/cases/${id}/erased`);
  }

  @Get(':id/erased')
  @RequirePermission(Permission.PersonErase)
  @Audited(AuditAction.CaseViewed)
  async erased(@Page() page: PageContext, @CurrentUser() actor: AuthenticatedUser, @Param('id', uuid) id: string): Promise<Html> {
    const outline = await this.cases.outline(actor, id);
    if (!outline.personErased) return <ErasePage page={page} caseId={id} reference={outline.reference} />;
    return <ErasedPage page={page} />;
  }

  /** The organisations a consent may name: those that serve people, other than the caller's own. */
  private async recipients(actor: AuthenticatedUser): Promise<Choice[]> {
    return (await this.organisations.list())
      .filter((o) => o.kind === 'service' && o.id !== actor.organisationId)
      .map((o) => ({ value: o.id, label: o.name }));
  }
}
