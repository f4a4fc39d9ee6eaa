import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as PassportBaseStrategy } from 'passport-strategy';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { DataSource } from 'typeorm';
import { RequestTransaction } from '../database/request-transaction';
import { AuthErrorCode, AuthException } from './auth.exception';
import { SessionCheck, SessionRefusal, SessionService } from './session.service';

const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/i;
export const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const BEARER_SCHEME = /^Bearer\b/i;

/** What a client is told when its token is refused; a client may say "your session has expired". */
export const REFUSALS: Record<SessionRefusal, () => AuthException> = {
  invalid_token: () => new AuthException(AuthErrorCode.InvalidToken, 'The access token is not valid'),
  session_expired: () => new AuthException(AuthErrorCode.SessionExpired, 'Your session has expired; log in again'),
  session_idle: () =>
    new AuthException(AuthErrorCode.SessionIdle, 'Your session ended after a period without activity; log in again'),
  session_ended: () => new AuthException(AuthErrorCode.SessionEnded, 'Your session has ended; log in again'),
};

type Verify = (
  token: string,
  request: Request,
  done: (error: unknown, user?: AuthenticatedUser | false) => void,
) => void;

/**
 * Reads the token from the Authorization header only. Tokens in query strings or bodies (which the
 * usual bearer strategy also accepts) end up in proxy logs and browser history, so they are ignored.
 */
class HeaderBearerStrategy extends PassportBaseStrategy {
  name = 'bearer';

  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: Request): void {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !BEARER_SCHEME.test(header)) {
      this.error(new AuthException(AuthErrorCode.AuthenticationRequired, 'This needs a bearer token: log in first'));
      return;
    }
    const match = BEARER.exec(header);
    if (!match) {
      this.error(REFUSALS.invalid_token());
      return;
    }
    this.verify(match[1], request, (error, user) => {
      if (error) this.error(error as Error);
      else if (user) this.success(user);
      else this.error(REFUSALS.invalid_token());
    });
  }
}

/**
 * `Authorization: Bearer <token>` → the session's user, or 401 saying why (no token, a token that
 * names no session, a session expired, idle or ended). For an audited route (the guard asks for it) the
 * lookup also opens the request's transaction with the caller set (RequestTransaction).
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(HeaderBearerStrategy, 'bearer') {
  constructor(
    private readonly sessions: SessionService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async validate(token: string, request: Request): Promise<AuthenticatedUser> {
    let check: SessionCheck;
    if (!RequestTransaction.wanted(request)) {
      check = await this.sessions.authenticate(token);
    } else {
      const runner = this.dataSource.createQueryRunner();
      RequestTransaction.attach(request, runner, request.res);
      check = await this.sessions.authenticate(token, runner);
    }
    if ('refused' in check) throw REFUSALS[check.refused]();
    return check.user;
  }
}
