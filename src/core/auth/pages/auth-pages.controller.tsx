import { Body, Get, HttpCode, Param, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import * as QRCode from 'qrcode';
import type { AuthenticatedUser } from '../../access/authenticated-user';
import { CurrentUser } from '../../access/current-user.decorator';
import { Permission } from '../../access/permission';
import { OpenDuringPasswordChange, Public, RequirePermission } from '../../access/route-permission.decorator';
import { AuditAction } from '../../audit/audit-action';
import { Audited } from '../../audit/audited.decorator';
import { appConfig } from '../../config/app.config';
import { clearCookie, cookieNames, readCookies, setCookie } from '../../web/cookies';
import { UuidParamPipe } from '../../http/validation';
import type { FormBody } from '../../web/forms';
import { text, validateAs } from '../../web/forms';
import { isLanguage } from '../../web/i18n';
import type { Html } from '../../web/jsx';
import { documentOf, jsx } from '../../web/jsx';
import { CsrfField, MessagePage } from '../../web/layout';
import { common } from '../../web/messages';
import { homeOf } from '../../web/navigation';
import type { PageContext, SeeOther } from '../../web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../web/page';
import { AccountPreferences } from '../account-preferences';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AuthService } from '../auth.service';
import type { SignInStep } from '../auth.service';
import { RecoveryCodes } from '../recovery-codes.service';
import type { SecondFactorProof } from '../second-factor-check';
import { WebAuthnService } from '../webauthn.service';
import { clientOf } from '../client-info';
import { ChangePasswordDto } from '../dto/change-password.dto';
import { PasswordStepDto, SecondFactorDto } from '../dto/sign-in.dto';
import { RegisterCredentialDto } from '../dto/webauthn.dto';
import type { RegistrationOptionsDto } from '../dto/webauthn.dto';
import { TotpConfirmDto } from '../dto/totp.dto';
import { OwnSessions } from '../own-sessions';
import { SessionService } from '../session.service';
import { AccountPage, RecoveryCodesPage, TotpEnrolmentPage } from './account.page';
import { authMessages } from './auth.messages';
import { SecondFactorPage, SignInPage } from './sign-in.page';

const ENDINGS = { idle: 'ended_idle', expired: 'ended_expired', ended: 'ended_ended', signed_out: 'ended_signed_out' } as const;
/** A page to go back to: a path of the pages, nothing else (never another site, never a query). */
const BACK = /^\/ui(?:\/[A-Za-z0-9_-]+)*$/;

/** Which second factor the form sent, as the fields SecondFactorDto checks and the proof it makes. */
function proofOfForm(body: FormBody): { fields: Record<string, unknown>; of: (dto: SecondFactorDto) => SecondFactorProof } | undefined {
  const method = text(body, 'method');
  if (method === 'totp') {
    return { fields: { totpCode: text(body, 'totpCode') ?? '' }, of: (dto) => ({ method: 'totp', code: dto.totpCode ?? '' }) };
  }
  if (method === 'recovery_code') {
    return {
      fields: { recoveryCode: text(body, 'recoveryCode') ?? '' },
      of: (dto) => ({ method: 'recovery_code', code: dto.recoveryCode ?? '' }),
    };
  }
  if (method === 'webauthn') {
    return {
      fields: { webauthn: parseJson(text(body, 'credential')) },
      of: (dto) => ({ method: 'webauthn', credential: dto.webauthn as NonNullable<SecondFactorDto['webauthn']> }),
    };
  }
  return undefined;
}

/** A form field holding JSON (what the page's script put there), or undefined when it is not JSON. */
function parseJson(value: string | undefined): unknown {
  if (!value || value.length > 16384) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Where a person starts: their role's first page, or the password form when they must change it first. */
function startOf(user: AuthenticatedUser): string {
  return user.passwordChangeRequired ? '/ui/account' : homeOf(user.role);
}

function backTo(body: FormBody): string {
  const back = text(body, 'back');
  return back && BACK.test(back) ? back : '/ui';
}

/** Signing in and out, the person's own account, the language. Over the API's AuthService. */
@PageController()
export class AuthPagesController {
  private readonly cookies: ReturnType<typeof cookieNames>;

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly preferences: AccountPreferences,
    private readonly webauthn: WebAuthnService,
    private readonly recoveryCodes: RecoveryCodes,
    private readonly ownSessions: OwnSessions,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {
    this.cookies = cookieNames(app.secureCookies);
  }

  @Get()
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  @Redirect()
  home(@CurrentUser() user: AuthenticatedUser): SeeOther {
    return { ...seeOther(startOf(user)), statusCode: 303 };
  }

  @Get('sign-in')
  @Public()
  signInForm(@Page() page: PageContext): Html {
    return <SignInPage page={page} />;
  }

  /**
   * The first step: the password, checked as POST /auth/login/password checks it. It answers either
   * the next page (303) or, for an account with a second factor, the second step's page; so it writes
   * its answer itself.
   */
  @Post('sign-in')
  @Public()
  async signIn(
    @Page() page: PageContext,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const m = authMessages.in(page.language);
    const values = { username: text(body, 'username') };
    const form = await validateAs(
      PasswordStepDto,
      { username: text(body, 'username') ?? '', password: text(body, 'password') ?? '' },
      page.language,
    );
    if ('errors' in form) {
      await this.auth.refuseMalformedLogin(
        Object.keys(form.errors).map((field) => ({ field, problem: 'invalid' })),
        clientOf(request),
      );
      throw new PageRefusal(400, <SignInPage page={page} values={values} errors={form.errors} />);
    }
    let step: SignInStep;
    try {
      step = await this.auth.beginSignIn(form.value.username, form.value.password, clientOf(request));
    } catch (error) {
      if (!(error instanceof AuthException)) throw error;
      const refusal = error.code === AuthErrorCode.TooManyAttempts ? m('sign_in_too_many') : m('sign_in_refused');
      throw new PageRefusal(error.status, <SignInPage page={page} values={values} refusal={refusal} />);
    }
    if (step.kind === 'signed_in') {
      response.redirect(303, (await this.openSession(step.session.accessToken, response)).url);
      return;
    }
    // Between the steps the pending sign-in waits in a cookie no script can read, for its five minutes.
    setCookie(response, this.cookies.pending, step.pending.pendingSignIn, { secure: this.app.secureCookies, maxAge: 300 });
    const next = <SecondFactorPage page={page} methods={step.pending.methods} webauthn={step.pending.webauthn} />;
    response.status(200).type('html').send(documentOf(next));
  }

  /** The second step: one second factor, as POST /auth/login/second-factor takes it. */
  @Post('sign-in/second-factor')
  @Public()
  @Redirect()
  async secondFactor(
    @Page() page: PageContext,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SeeOther> {
    const m = authMessages.in(page.language);
    const pending = readCookies(request).get(this.cookies.pending) ?? '';
    // The pending sign-in is used up by any attempt, right or wrong: a refusal starts again.
    clearCookie(response, this.cookies.pending, this.app.secureCookies);
    const again = (status: number, refusal: string) => new PageRefusal(status, <SignInPage page={page} refusal={refusal} />);
    const proof = proofOfForm(body);
    if (!proof) throw again(400, m('second_factor_refused'));
    const form = await validateAs(SecondFactorDto, { pendingSignIn: pending, ...proof.fields }, page.language);
    if ('errors' in form) {
      if (form.errors.pendingSignIn) throw again(401, m('sign_in_expired'));
      throw again(400, m('second_factor_refused'));
    }
    let token: string;
    try {
      token = (await this.auth.finishSignIn(pending, proof.of(form.value), clientOf(request))).accessToken;
    } catch (error) {
      if (!(error instanceof AuthException)) throw error;
      if (error.code === AuthErrorCode.TooManyAttempts) throw again(error.status, m('sign_in_too_many'));
      if (error.code === AuthErrorCode.SignInExpired) throw again(error.status, m('sign_in_expired'));
      throw again(error.status, m('second_factor_refused'));
    }
    return this.openSession(token, response);
  }

  @Post('sign-out')
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  @Redirect()
  async signOut(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SeeOther> {
    await this.auth.logout(user, clientOf(request));
    clearCookie(response, this.cookies.session, this.app.secureCookies);
    // What the browser holds of the pages goes too: cache and storage (the language cookie stays).
    response.setHeader('Clear-Site-Data', '"cache", "storage"');
    return seeOther('/ui/signed-out?reason=signed_out');
  }

  @Get('signed-out')
  @Public()
  signedOut(@Page() page: PageContext, @Query('reason') reason: unknown): Html {
    const t = common.in(page.language);
    const ending = typeof reason === 'string' && reason in ENDINGS ? ENDINGS[reason as keyof typeof ENDINGS] : 'ended_ended';
    return (
      <MessagePage page={page} title={t('ended_title')} text={t(ending)}>
        <p>
          <a href="/ui/sign-in">{t('ended_again')}</a>
        </p>
      </MessagePage>
    );
  }

  /** Before sign-in: the language is kept in a cookie of its own. */
  @Post('language')
  @Public()
  @Redirect()
  chooseLanguage(@Body() body: FormBody, @Res({ passthrough: true }) response: Response): SeeOther {
    const language = text(body, 'language');
    if (isLanguage(language)) this.rememberLanguage(response, language);
    return seeOther(backTo(body));
  }

  /** Signed in: the language is also kept with the account, for the next sign-in anywhere. */
  @Post('account/language')
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  @Redirect()
  async chooseOwnLanguage(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: FormBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SeeOther> {
    const language = text(body, 'language');
    if (isLanguage(language)) {
      await this.preferences.setLanguage(user.userId, language);
      this.rememberLanguage(response, language);
    }
    return seeOther(backTo(body));
  }

  /** The idle warning's "stay signed in": the session was touched on the way here. */
  @Post('session/keep-alive')
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  @Redirect()
  keepAlive(@Body() body: FormBody): SeeOther {
    return seeOther(backTo(body));
  }

  @Get('account')
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  async account(@Page() page: PageContext, @CurrentUser() user: AuthenticatedUser, @Query('done') done: unknown): Promise<Html> {
    const m = authMessages.in(page.language);
    const notices = {
      password: m('password_changed'),
      totp: m('totp_confirmed'),
      key_added: m('key_added'),
      key_removed: m('key_removed'),
      session_ended: m('session_ended'),
      sessions_ended: m('sessions_ended'),
    } as const;
    const notice = typeof done === 'string' && Object.hasOwn(notices, done) ? notices[done as keyof typeof notices] : undefined;
    return this.accountPage(page, user, { notice });
  }

  /** DELETE /auth/sessions/:id's service and audit action: one of the person's other sessions ends. */
  @Post('account/sessions/:id/end')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.SessionEnded)
  @Redirect()
  async endSession(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParamPipe()) id: string): Promise<SeeOther> {
    await this.ownSessions.end(user, id);
    return seeOther(id === user.sessionId ? '/ui/signed-out' : '/ui/account?done=session_ended');
  }

  /** POST /auth/sessions/end-others's service and audit action. */
  @Post('account/sessions/end-others')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.OtherSessionsEnded)
  @Redirect()
  async endOtherSessions(@CurrentUser() user: AuthenticatedUser): Promise<SeeOther> {
    await this.ownSessions.endOthers(user);
    return seeOther('/ui/account?done=sessions_ended');
  }

  @Post('account/password')
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  @Redirect()
  async changePassword(
    @Page() page: PageContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: FormBody,
    @Req() request: Request,
  ): Promise<SeeOther> {
    const m = authMessages.in(page.language);
    const refuse = async (errors: Record<string, string>, status = 400): Promise<PageRefusal> =>
      new PageRefusal(status, await this.accountPage(page, user, { errors }));
    const form = await validateAs(
      ChangePasswordDto,
      { currentPassword: text(body, 'currentPassword') ?? '', newPassword: text(body, 'newPassword') ?? '' },
      page.language,
    );
    if ('errors' in form) throw await refuse(form.errors);
    try {
      await this.auth.changePassword(user, form.value.currentPassword, form.value.newPassword, clientOf(request));
    } catch (error) {
      if (!(error instanceof AuthException)) throw error;
      if (error.code === AuthErrorCode.CurrentPasswordWrong) throw await refuse({ currentPassword: m('password_wrong') });
      if (error.code === AuthErrorCode.WeakPassword) throw await refuse({ newPassword: m('password_weak') });
      throw error;
    }
    return seeOther('/ui/account?done=password');
  }

  @Post('account/totp')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.TotpEnrolmentStarted)
  @HttpCode(200)
  async enrolTotp(@Page() page: PageContext, @CurrentUser() user: AuthenticatedUser): Promise<Html> {
    const enrolment = await this.auth.enrolTotp(user);
    const qr = await QRCode.toString(enrolment.otpauthUri, { type: 'svg', margin: 2 });
    return <TotpEnrolmentPage page={page} secret={enrolment.secret} qr={svgDataUrl(qr)} />;
  }

  @Post('account/totp/confirm')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.TotpEnabled)
  @Redirect()
  async confirmTotp(@Page() page: PageContext, @CurrentUser() user: AuthenticatedUser, @Body() body: FormBody): Promise<SeeOther> {
    const m = authMessages.in(page.language);
    // Refused, the enrolment starts again from a new secret: the one shown is not kept in the page,
    // and this request's transaction (audited) rolls back whatever it would write.
    const retry = (): PageRefusal =>
      new PageRefusal(
        400,
        (
          <MessagePage page={page} title={m('totp_title')} text={m('totp_mismatch')}>
            <form method="post" action="/ui/account/totp">
              <CsrfField page={page} />
              <button type="submit">{m('totp_start')}</button>
            </form>
          </MessagePage>
        ),
      );
    const form = await validateAs(TotpConfirmDto, { code: text(body, 'code') ?? '' }, page.language);
    if ('errors' in form) throw retry();
    try {
      await this.auth.confirmTotp(user, form.value.code);
    } catch (error) {
      if (error instanceof AuthException && error.code === AuthErrorCode.TotpCodeMismatch) throw retry();
      throw error;
    }
    return seeOther('/ui/account?done=totp');
  }

  /** The options for navigator.credentials.create(), asked for by the page's script. */
  @Post('account/security-keys/options')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.WebAuthnRegistrationStarted)
  @HttpCode(200)
  async securityKeyOptions(@Page() page: PageContext, @CurrentUser() user: AuthenticatedUser): Promise<RegistrationOptionsDto> {
    return this.secondFactorChange(page, user, () => this.webauthn.registrationOptions(user));
  }

  /** Audited by the service, as the API's registration is. */
  @Post('account/security-keys')
  @RequirePermission(Permission.AccountSelf)
  @Redirect()
  async addSecurityKey(
    @Page() page: PageContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: FormBody,
    @Req() request: Request,
  ): Promise<SeeOther> {
    const m = authMessages.in(page.language);
    const credential = parseJson(text(body, 'credential'));
    const form = await validateAs(RegisterCredentialDto, { label: text(body, 'label') ?? '', credential }, page.language);
    if ('errors' in form) {
      const errors = form.errors.label ? { label: form.errors.label } : { label: m('key_refused') };
      throw new PageRefusal(400, await this.accountPage(page, user, { errors }));
    }
    try {
      await this.secondFactorChange(page, user, () =>
        this.webauthn.register(user, form.value.label, form.value.credential, clientOf(request)),
      );
    } catch (error) {
      if (error instanceof AuthException) {
        throw new PageRefusal(400, await this.accountPage(page, user, { errors: { label: m('key_refused') } }));
      }
      throw error;
    }
    return seeOther('/ui/account?done=key_added');
  }

  @Post('account/security-keys/:id/remove')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.WebAuthnCredentialRemoved)
  @Redirect()
  async removeSecurityKey(
    @Page() page: PageContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<SeeOther> {
    await this.secondFactorChange(page, user, () => this.webauthn.remove(user, id));
    return seeOther('/ui/account?done=key_removed');
  }

  @Post('account/recovery-codes')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.RecoveryCodesGenerated)
  @HttpCode(200)
  async recoveryCodesPage(@Page() page: PageContext, @CurrentUser() user: AuthenticatedUser): Promise<Html> {
    const codes = await this.secondFactorChange(page, user, () => this.recoveryCodes.generate(user));
    return <RecoveryCodesPage page={page} codes={codes} />;
  }

  /**
   * A change of second factors, which an account that has one may make only from a session opened
   * with one: refused, the account page says to sign in again with it (the API's 401 would send the
   * browser to the sign-in page without saying why).
   */
  private async secondFactorChange<T>(page: PageContext, user: AuthenticatedUser, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (error) {
      if (error instanceof AuthException && error.code === AuthErrorCode.SecondFactorSessionRequired) {
        const m = authMessages.in(page.language);
        throw new PageRefusal(401, await this.accountPage(page, user, { notice: m('key_needs_second_factor') }));
      }
      throw error;
    }
  }

  private async accountPage(
    page: PageContext,
    user: AuthenticatedUser,
    extra: { notice?: string; errors?: Record<string, string> },
  ): Promise<Html> {
    const me = await this.auth.me(user);
    const keys = await this.webauthn.list(user);
    const sessions = await this.ownSessions.list(user);
    return <AccountPage page={page} me={me} keys={keys} sessions={sessions} {...extra} />;
  }

  /** A session from either sign-in path: the cookie, the language kept with the account, the home page. */
  private async openSession(token: string, response: Response): Promise<SeeOther> {
    const check = await this.sessions.authenticate(token);
    if ('refused' in check) throw new AuthException(AuthErrorCode.SessionEnded, 'The new session ended at once');
    setCookie(response, this.cookies.session, token, { secure: this.app.secureCookies });
    clearCookie(response, this.cookies.preSession, this.app.secureCookies);
    const language = await this.preferences.languageOf(check.user.userId);
    if (language) this.rememberLanguage(response, language);
    return seeOther(startOf(check.user));
  }

  private rememberLanguage(response: Response, language: string): void {
    setCookie(response, this.cookies.language, language, { secure: this.app.secureCookies, maxAge: 400 * 24 * 3600 });
  }
}
