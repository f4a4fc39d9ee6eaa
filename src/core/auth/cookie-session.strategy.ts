import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as PassportBaseStrategy } from 'passport-strategy';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { appConfig } from '../config/app.config';
import { authConfig } from '../config/auth.config';
import { RequestTransaction } from '../database/request-transaction';
import { cookieNames, readCookies } from '../web/cookies';
import type { PageRequest } from '../web/page';
import { sessionFormAccepted, signedInContext } from '../web/page-context';
import { AuthErrorCode, AuthException } from './auth.exception';
import { REFUSALS, SESSION_TOKEN } from './bearer.strategy';
import { SessionCheck, SessionService } from './session.service';

type Verify = (token: string, request: Request, done: (error: unknown, user?: AuthenticatedUser | false) => void) => void;

class SessionCookieStrategy extends PassportBaseStrategy {
  name = 'page-session';

  constructor(
    private readonly cookieName: string,
    private readonly verify: Verify,
  ) {
    super();
  }

  override authenticate(request: Request): void {
    const token = readCookies(request).get(this.cookieName);
    if (token === undefined) {
      this.error(new AuthException(AuthErrorCode.AuthenticationRequired, 'Sign in first'));
      return;
    }
    if (!SESSION_TOKEN.test(token)) {
      this.error(REFUSALS.invalid_token());
      return;
    }
    this.verify(token, request, (error, user) => {
      if (error) this.error(error as Error);
      else if (user) this.success(user);
      else this.error(REFUSALS.invalid_token());
    });
  }
}

/** Thrown when a page's form comes without this session's token (a cross-site request). */
export class FormTokenRefused extends AuthException {
  constructor() {
    super(AuthErrorCode.FormTokenRefused, 'The form was not sent from a page of this session');
  }
}

/**
 * The web interface's sign-in: the same session, limits and instant revocation as a bearer token,
 * read from an HttpOnly, SameSite=Strict cookie instead of the Authorization header. It also makes
 * the page context (language, the form token) and refuses a form without this session's token.
 */
@Injectable()
export class CookieSessionStrategy extends PassportStrategy(SessionCookieStrategy, 'page-session') {
  constructor(
    private readonly sessions: SessionService,
    private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {
    super(cookieNames(app.secureCookies).session);
  }

  async validate(token: string, request: PageRequest): Promise<AuthenticatedUser> {
    let check: SessionCheck;
    if (!RequestTransaction.wanted(request)) {
      check = await this.sessions.authenticate(token);
    } else {
      const runner = this.dataSource.createQueryRunner();
      RequestTransaction.attach(request, runner, request.res);
      check = await this.sessions.authenticate(token, runner);
    }
    if ('refused' in check) throw REFUSALS[check.refused]();
    request.page = signedInContext(request, check.user, token, this.auth.idleTimeoutSeconds, this.app.secureCookies);
    if (!SAFE_METHODS.has(request.method) && !sessionFormAccepted(request, token)) throw new FormTokenRefused();
    return check.user;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
