import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as PassportBaseStrategy } from 'passport-strategy';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { DataSource } from 'typeorm';
import { RequestTransaction } from '../database/request-transaction';
import { SessionService } from './session.service';

const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/;

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
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) {
      this.fail('Bearer', 401);
      return;
    }
    this.verify(match[1], request, (error, user) => {
      if (error) this.error(error as Error);
      else if (user) this.success(user);
      else this.fail('Bearer error="invalid_token"', 401);
    });
  }
}

/**
 * `Authorization: Bearer <token>` → the session's user, or 401. For an audited route (the guard asks
 * for it) the lookup also opens the request's transaction with the caller set (RequestTransaction).
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(HeaderBearerStrategy, 'bearer') {
  constructor(
    private readonly sessions: SessionService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async validate(token: string, request: Request): Promise<AuthenticatedUser | false> {
    if (!RequestTransaction.wanted(request)) return (await this.sessions.authenticate(token)) ?? false;
    const runner = this.dataSource.createQueryRunner();
    RequestTransaction.attach(request, runner, request.res);
    return (await this.sessions.authenticate(token, runner)) ?? false;
  }
}
