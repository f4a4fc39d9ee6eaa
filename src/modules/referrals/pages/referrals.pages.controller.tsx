import { BadRequestException, Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { isDay } from '../../../core/http/day-validation';
import { DomainException } from '../../../core/http/domain.exception';
import { UuidParamPipe } from '../../../core/http/validation';
import type { FormBody, FormErrors } from '../../../core/web/forms';
import { text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import { common } from '../../../core/web/messages';
import { dayInDays, endOfDay } from '../../../core/web/moments';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { pageNumber } from '../../../core/web/pager';
import { CaseReferralsService } from '../case-referrals.service';
import { DeclineReferralDto, ReferralListQueryDto, SendReferralDto } from '../dto/referral.dto';
import { ReferralErrorCode, ReferralException } from '../referrals.exception';
import { ReferralsService } from '../referrals.service';
import { CaseReferralsPage } from './case-referrals.page';
import { AnswerRefusedPage, Box, ReferralListPage, ReferralPage, ReferralPrintPage } from './referral.page';
import { referralMessages } from './referrals.messages';
import { Idempotent } from '../../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();
/** Rows of the inbox or outbox on one page. */
const PAGE_SIZE = 25;
const DONE = ['sent', 'accepted', 'declined', 'withdrawn'] as const;
const SEND_FIELDS = ['toOrganisationId', 'purpose', 'consentId', 'message', 'dueOn'] as const;

type Answer = 'accept' | 'decline' | 'withdraw';

/**
 * The referral pages: the organisation's inbox and outbox, one referral with its answers, its print
 * form, and a case's referrals with the form that sends one. Each route calls the service the API's
 * route calls, with the same permission and audit action.
 */
@PageController()
export class ReferralsPagesController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly caseReferrals: CaseReferralsService,
  ) {}

  @Get('referrals')
  @RequirePermission(Permission.ReferralRead)
  @Audited(AuditAction.ReferralListed)
  async list(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Query('box') boxQuery: unknown,
    @Query('status') statusQuery: unknown,
    @Query('page') pageQuery: unknown,
  ): Promise<Html> {
    const box: Box = boxQuery === 'out' ? 'out' : 'in';
    if (boxQuery !== undefined && boxQuery !== 'in' && boxQuery !== 'out') throw new BadRequestException('box');
    const status = typeof statusQuery === 'string' && statusQuery !== '' ? statusQuery : undefined;
    const number = pageNumber(pageQuery);
    const query = await validateAs(
      ReferralListQueryDto,
      { box: box === 'in' ? 'inbox' : 'outbox', status, limit: PAGE_SIZE, offset: (number - 1) * PAGE_SIZE },
      page.language,
    );
    if ('errors' in query) throw new BadRequestException(Object.keys(query.errors).join(','));
    const found = await this.referrals.list(actor, query.value);
    return (
      <ReferralListPage
        page={page}
        box={box}
        status={query.value.status}
        items={found.items}
        number={number}
        size={PAGE_SIZE}
        total={found.total}
      />
    );
  }

  @Get('referrals/:id')
  @RequirePermission(Permission.ReferralRead)
  @Audited(AuditAction.ReferralViewed)
  async one(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const m = referralMessages.in(page.language);
    const referral = await this.referrals.get(actor, id);
    const notice = DONE.find((d) => d === done);
    return <ReferralPage page={page} referral={referral} notice={notice ? m(`done_${notice}`) : undefined} />;
  }

  @Get('referrals/:id/print')
  @RequirePermission(Permission.ReferralRead)
  @Audited(AuditAction.ReferralViewed)
  async print(@Page() page: PageContext, @CurrentUser() actor: AuthenticatedUser, @Param('id', uuid) id: string): Promise<Html> {
    return <ReferralPrintPage page={page} referral={await this.referrals.get(actor, id)} />;
  }

  @Post('referrals/:id/accept')
  @RequirePermission(Permission.ReferralRespond)
  @Audited(AuditAction.ReferralAccepted)
  @Redirect()
  async accept(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    this.requireConfirmed(page, id, 'accept', body);
    await this.answering(page, id, 'accept', () => this.referrals.accept(actor, id));
    return seeOther(`/ui/referrals/${id}?done=accepted`);
  }

  @Post('referrals/:id/decline')
  @RequirePermission(Permission.ReferralRespond)
  @Audited(AuditAction.ReferralDeclined)
  @Redirect()
  async decline(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = referralMessages.in(page.language);
    const values = { reason: text(body, 'reason') };
    const form = await validateAs(DeclineReferralDto, { reason: values.reason ?? '' }, page.language);
    const errors: FormErrors = 'errors' in form ? { ...form.errors } : {};
    if (text(body, 'confirm') !== 'yes') errors.confirm = m('confirm_needed');
    if ('errors' in form || Object.keys(errors).length > 0) {
      throw new PageRefusal(400, <AnswerRefusedPage page={page} referral={{ id }} form="decline" values={values} errors={errors} />);
    }
    await this.answering(page, id, 'decline', () => this.referrals.decline(actor, id, form.value));
    return seeOther(`/ui/referrals/${id}?done=declined`);
  }

  @Post('referrals/:id/withdraw')
  @RequirePermission(Permission.ReferralSend)
  @Audited(AuditAction.ReferralWithdrawn)
  @Redirect()
  async withdraw(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    this.requireConfirmed(page, id, 'withdraw', body);
    await this.answering(page, id, 'withdraw', () => this.referrals.withdraw(actor, id));
    return seeOther(`/ui/referrals/${id}?done=withdrawn`);
  }

  @Get('cases/:id/referrals')
  @RequirePermission(Permission.ReferralSend)
  @Audited(AuditAction.ReferralListed)
  async ofCase(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
  ): Promise<Html> {
    const referrals = await this.caseReferrals.ofCase(actor, caseId);
    const choices = await this.caseReferrals.sendingChoices(actor, caseId);
    return (
      <CaseReferralsPage page={page} caseId={caseId} referrals={referrals} choices={choices} values={{ dueOn: dayInDays(14) }} />
    );
  }

  @Post('cases/:id/referrals')
  @RequirePermission(Permission.ReferralSend)
  @Audited(AuditAction.ReferralSent)
  @Idempotent({ page: true })
  @Redirect()
  async send(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) caseId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    // Asked first: a refusal shows the form again with the same choices (and 404s a case the caller may not see).
    const choices = await this.caseReferrals.sendingChoices(actor, caseId);
    const values = Object.fromEntries(SEND_FIELDS.map((name) => [name, text(body, name)]));
    const refuse = (status: number, errors: FormErrors, refusal?: string): PageRefusal =>
      new PageRefusal(
        status,
        <CaseReferralsPage page={page} caseId={caseId} choices={choices} values={values} errors={errors} refusal={refusal} />,
      );
    const day = values.dueOn;
    const form = await validateAs(
      SendReferralDto,
      {
        toOrganisationId: values.toOrganisationId ?? '',
        purpose: values.purpose ?? '',
        consentId: values.consentId ?? '',
        message: values.message,
        dueAt: day && isDay(day) ? endOfDay(day) : (day ?? ''),
      },
      page.language,
      (path) => (path === 'dueAt' ? 'dueOn' : path),
    );
    if ('errors' in form) throw refuse(400, form.errors);
    let sent: { id: string };
    try {
      sent = await this.referrals.send(actor, caseId, form.value);
    } catch (error) {
      const answer = sendRefusal(error, page);
      if (!answer) throw error;
      throw refuse(answer.status, answer.errors, answer.refusal);
    }
    return seeOther(`/ui/referrals/${sent.id}?done=sent`);
  }

  /** Accepting and withdrawing ask for a ticked box: the server's confirmation, without script too. */
  private requireConfirmed(page: PageContext, id: string, form: Answer, body: FormBody): void {
    if (text(body, 'confirm') === 'yes') return;
    const m = referralMessages.in(page.language);
    throw new PageRefusal(400, <AnswerRefusedPage page={page} referral={{ id }} form={form} errors={{ confirm: m('confirm_needed') }} />);
  }

  /** An answer the service refuses for the referral's state says why in words; other refusals stay the API's. */
  private async answering(page: PageContext, id: string, form: Answer, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const m = referralMessages.in(page.language);
      if (!(error instanceof ReferralException)) throw error;
      const words: Partial<Record<ReferralErrorCode, string>> = {
        [ReferralErrorCode.NotPending]: m('refused_not_pending'),
        [ReferralErrorCode.Erased]: m('refused_erased'),
        [ReferralErrorCode.ConsentMissing]: m('error_consent'),
        [ReferralErrorCode.BadRecipient]: m('error_recipient'),
      };
      const refusal = words[error.code];
      if (!refusal) throw error;
      throw new PageRefusal(error.status, <AnswerRefusedPage page={page} referral={{ id }} form={form} refusal={refusal} />);
    }
  }
}

/** A refused referral in the form's words: beside the field at fault, or above the form. */
function sendRefusal(
  error: unknown,
  page: PageContext,
): { status: number; errors: FormErrors; refusal?: string } | undefined {
  if (!(error instanceof DomainException)) return undefined;
  const status = error.status as number;
  // A case the caller may not see, or may only read, keeps the API's answer (404, 403).
  if (status === 403 || status === 404) return undefined;
  const m = referralMessages.in(page.language);
  if (error instanceof ReferralException) {
    switch (error.code) {
      case ReferralErrorCode.ConsentMissing:
        return { status, errors: { consentId: m('error_consent') } };
      case ReferralErrorCode.BadRecipient:
        return { status, errors: { [error.field === 'purpose' ? 'purpose' : 'toOrganisationId']: m('error_recipient') } };
      case ReferralErrorCode.Duplicate:
        return { status, errors: { purpose: m('error_duplicate') } };
      case ReferralErrorCode.BadDeadline:
        return { status, errors: { dueOn: m('error_deadline') } };
      case ReferralErrorCode.CaseClosed:
        return { status, errors: {}, refusal: m('error_closed') };
      default:
        return undefined;
    }
  }
  // Another domain's refusal naming a field of this form (an organisation that does not exist).
  const field = SEND_FIELDS.find((name) => name === error.field);
  return field ? { status, errors: { [field]: common.in(page.language)('field_not_a_choice') } } : undefined;
}

