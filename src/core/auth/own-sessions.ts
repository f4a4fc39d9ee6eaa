import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { RequestContext } from '../database/request-context';
import { AuthErrorCode, AuthException } from './auth.exception';
import { OpenSession, SessionService } from './session.service';

/** One of the caller's sessions as its list shows it: this one marked, never a token. */
export interface OwnSession extends OpenSession {
  current: boolean;
}

/**
 * A person's own open sessions: the list, and ending one or all the others (a phone left signed in at
 * the shelter, a computer at home). In the request's transaction, so the audit event and the ending
 * are one.
 */
@Injectable()
export class OwnSessions {
  constructor(
    private readonly sessions: SessionService,
    private readonly requestContext: RequestContext,
  ) {}

  async list(user: AuthenticatedUser): Promise<OwnSession[]> {
    const open = await this.sessions.openOf(user.userId, this.requestContext.manager);
    return open.map((s) => ({ ...s, current: s.id === user.sessionId }));
  }

  /** 404 naming `id` for a session that is not the caller's or has ended already. */
  async end(user: AuthenticatedUser, sessionId: string): Promise<void> {
    this.requestContext.recordAccess({ detail: { sessionId, current: sessionId === user.sessionId } });
    const ended = await this.sessions.endOwn(user.userId, sessionId, 'ended by its user', this.requestContext.manager);
    if (!ended) throw new AuthException(AuthErrorCode.SessionNotFound, 'You have no open session with this id', 'id');
  }

  /** Ends every other open session of the caller; how many it ended. */
  async endOthers(user: AuthenticatedUser): Promise<number> {
    const ended = await this.sessions.endAllForUser(
      user.userId,
      'ended by its user from another session',
      this.requestContext.manager,
      user.sessionId,
    );
    this.requestContext.recordAccess({ detail: { ended } });
    return ended;
  }
}
