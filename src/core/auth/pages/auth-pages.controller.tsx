import { Body, Get, HttpCode, Post, Query, Redirect, Req, Res } from '@nestjs/common';
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
import { clearCookie, cookieNames, setCookie } from '../../web/cookies';
import type { FormBody } from '../../web/forms';
import { text, validateAs } from '../../web/forms';
import { isLanguage } from '../../web/i18n';
import type { Html } from '../../web/jsx';
import { jsx } from '../../web/jsx';
import { CsrfField, MessagePage } from '../../web/layout';
import { common } from '../../web/messages';
import { homeOf } from '../../web/navigation';
import type { PageContext, SeeOther } from '../../web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../web/page';
import { AccountPreferences } from '../account-preferences';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AuthService } from '../auth.service';
import { clientOf } from '../client-info';
import { ChangePasswordDto } from '../dto/change-password.dto';
import { LoginDto } from '../dto/login.dto';
import { TotpConfirmDto } from '../dto/totp.dto';
import { SessionService } from '../session.service';
import { AccountPage, TotpEnrolmentPage } from './account.page';
import { authMessages } from './auth.messages';
import { SignInPage } from './sign-in.page';

const ENDINGS = { idle: 'ended_idle', expired: 'ended_expired', ended: 'ended_ended', signed_out: 'ended_signed_out' } as const;
/** A page to go back to: a path of the pages, nothing else (never another site, never a query). */
const BACK = /^\/ui(?:\/[A-Za-z0-9_-]+)*$/;

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

  @Post('sign-in')
  @Public()
  @Redirect()
  async signIn(
    @Page() page: PageContext,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SeeOther> {
    const m = authMessages.in(page.language);
    const values = { username: text(body, 'username') };
    const form = await validateAs(
      LoginDto,
      { username: text(body, 'username') ?? '', password: text(body, 'password') ?? '', totpCode: text(body, 'totpCode') },
      page.language,
    );
    if ('errors' in form) {
      await this.auth.refuseMalformedLogin(
        Object.keys(form.errors).map((field) => ({ field, problem: 'invalid' })),
        clientOf(request),
      );
      throw new PageRefusal(400, <SignInPage page={page} values={values} errors={form.errors} />);
    }
    let token: string;
    try {
      token = (await this.auth.login(form.value, clientOf(request))).accessToken;
    } catch (error) {
      if (!(error instanceof AuthException)) throw error;
      const refusal =
        error.code === AuthErrorCode.TooManyAttempts
          ? m('sign_in_too_many')
          : error.code === AuthErrorCode.TotpRequired
            ? m('sign_in_code_needed')
            : m('sign_in_refused');
      throw new PageRefusal(error.status, <SignInPage page={page} values={values} refusal={refusal} />);
    }
    const check = await this.sessions.authenticate(token);
    if ('refused' in check) throw new AuthException(AuthErrorCode.SessionEnded, 'The new session ended at once');
    setCookie(response, this.cookies.session, token, { secure: this.app.secureCookies });
    clearCookie(response, this.cookies.preSession, this.app.secureCookies);
    const language = await this.preferences.languageOf(check.user.userId);
    if (language) this.rememberLanguage(response, language);
    return seeOther(startOf(check.user));
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
  account(@Page() page: PageContext, @CurrentUser() user: AuthenticatedUser, @Query('done') done: unknown): Html {
    const m = authMessages.in(page.language);
    const notice = done === 'password' ? m('password_changed') : done === 'totp' ? m('totp_confirmed') : undefined;
    return <AccountPage page={page} me={this.auth.me(user)} notice={notice} />;
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
    const refuse = (errors: Record<string, string>, status = 400): PageRefusal =>
      new PageRefusal(status, <AccountPage page={page} me={this.auth.me(user)} errors={errors} />);
    const form = await validateAs(
      ChangePasswordDto,
      { currentPassword: text(body, 'currentPassword') ?? '', newPassword: text(body, 'newPassword') ?? '' },
      page.language,
    );
    if ('errors' in form) throw refuse(form.errors);
    try {
      await this.auth.changePassword(user, form.value.currentPassword, form.value.newPassword, clientOf(request));
    } catch (error) {
      if (!(error instanceof AuthException)) throw error;
      if (error.code === AuthErrorCode.CurrentPasswordWrong) throw refuse({ currentPassword: m('password_wrong') });
      if (error.code === AuthErrorCode.WeakPassword) throw refuse({ newPassword: m('password_weak') });
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

  private rememberLanguage(response: Response, language: string): void {
    setCookie(response, this.cookies.language, language, { secure: this.app.secureCookies, maxAge: 400 * 24 * 3600 });
  }
}
