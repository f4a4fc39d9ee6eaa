import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AuthenticatedUser } from '../access/authenticated-user';
import { Role } from '../access/role';
import { authConfig } from '../config/auth.config';
import { isFresh, markOpened } from '../database/request-transaction';

export interface IssuedToken {
  accessToken: string;
  /** When the session ends at the latest (the absolute limit); idleness ends it sooner. */
  expiresAt: string;
  idleTimeoutSeconds: number;
}

/** Sessions touch `last_seen_at` at most this often, so an authenticated read rarely writes. */
const TOUCH_INTERVAL_SECONDS = 30;

/**
 * Why a token is refused, for the client to tell a person what happened. `ended` covers logout,
 * a password change, disabling, a role change and a lock alike (docs/threat-model.md).
 */
export type SessionRefusal = 'invalid_token' | 'session_expired' | 'session_idle' | 'session_ended';

export type SessionCheck = { user: AuthenticatedUser } | { refused: SessionRefusal };

const REFUSALS: Record<string, SessionRefusal> = {
  expired: 'session_expired',
  idle: 'session_idle',
  ended: 'session_ended',
};

interface SessionRow {
  state: 'live' | 'expired' | 'idle' | 'ended';
  id: string;
  user_id: string;
  organisation_id: string;
  role: Role;
  username: string;
  mfa: boolean;
  second_factor: boolean;
  stale: boolean;
  password_change_required: boolean | null;
}

/**
 * The session's row, and whether its user must change their password first (read with it, in the same
 * statement: the flag is the user's, not the session's, and ends with the user's own password change).
 */
const SESSION_SELECT =
  'SELECT s.*, (SELECT u.password_change_required FROM app_user u WHERE u.id = s.user_id) AS password_change_required';

/**
 * Opaque bearer tokens: 256 random bits, given to the client once, stored only as SHA-256.
 * A session ends on logout, after the idle or absolute limit, when its user changes its password, is
 * disabled, changes role or is locked.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async issue(
    user: { id: string; organisationId: string; role: Role },
    secondFactor: boolean,
    manager: EntityManager = this.dataSource.manager,
    device = 'other',
  ): Promise<IssuedToken> {
    const token = randomBytes(32).toString('base64url');
    const rows: Array<{ expires_at: Date }> = await manager.query(
      `INSERT INTO auth_session (id, token_hash, user_id, organisation_id, role, second_factor, created_at, last_seen_at, expires_at, device)
       VALUES ($1, $2, $3, $4, $5, $6, now(), now(), now() + make_interval(secs => $7), $8)
       RETURNING expires_at`,
      [
        randomUUID(),
        hashToken(token),
        user.id,
        user.organisationId,
        user.role,
        secondFactor,
        this.config.absoluteTimeoutSeconds,
        device,
      ],
    );
    return {
      accessToken: token,
      expiresAt: rows[0].expires_at.toISOString(),
      idleTimeoutSeconds: this.config.idleTimeoutSeconds,
    };
  }

  /**
   * The caller behind a token, or why it is refused. With `beginOn` (a connected, fresh runner), the
   * lookup also opens that runner's transaction and sets the session's caller in it for row-level
   * security, in one round trip (RequestTransaction); the session is still checked on every request, so
   * logout, expiry and disabling take effect at once.
   */
  async authenticate(token: string, beginOn?: QueryRunner): Promise<SessionCheck> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { refused: 'invalid_token' };
    const inTransaction = beginOn !== undefined && isFresh(beginOn);
    const rows = inTransaction ? await this.lookUpAndBegin(token, beginOn) : await this.lookUp(token);
    const row = rows[0];
    if (!row) return { refused: 'invalid_token' };
    if (row.state !== 'live') return { refused: REFUSALS[row.state] ?? 'invalid_token' };
    if (row.stale) {
      // In the request's own transaction when it has one: a request never holds one connection while
      // waiting for another (with the pool taken by such requests, none would get one).
      await (inTransaction ? beginOn.manager : this.dataSource.manager).query(
        `UPDATE auth_session SET last_seen_at = now()
         WHERE id = $1 AND last_seen_at < now() - make_interval(secs => $2)`,
        [row.id, TOUCH_INTERVAL_SECONDS],
      );
    }
    return {
      user: {
        sessionId: row.id,
        userId: row.user_id,
        username: row.username,
        organisationId: row.organisation_id,
        role: row.role,
        mfaEnrolled: row.mfa,
        secondFactor: row.second_factor,
        passwordChangeRequired: row.password_change_required === true,
      },
    };
  }

  private async lookUp(token: string): Promise<SessionRow[]> {
    return this.dataSource.query(`${SESSION_SELECT} FROM panoh_session($1, $2, $3, false) s`, [
      hashToken(token),
      this.config.idleTimeoutSeconds,
      TOUCH_INTERVAL_SECONDS,
    ]);
  }

  /**
   * `START TRANSACTION; SELECT * FROM panoh_session(…, true)` as one simple-protocol query, which
   * takes no parameters: the token's hash is written as hex and the two limits as integers (nothing
   * else of the request goes into the text). The function sets the caller only if the session is live.
   * The transaction is opened whatever the answer; a refused request's is rolled back by the guard.
   */
  private async lookUpAndBegin(token: string, runner: QueryRunner): Promise<SessionRow[]> {
    const idle = this.config.idleTimeoutSeconds;
    if (!Number.isInteger(idle) || !Number.isInteger(TOUCH_INTERVAL_SECONDS)) throw new Error('bad session limits');
    const client = (await runner.connect()) as { query(sql: string): Promise<Array<{ rows: SessionRow[] }>> };
    try {
      const results = await client.query(
        `START TRANSACTION; ${SESSION_SELECT} FROM panoh_session('\\x${hashToken(token).toString('hex')}'::bytea, ` +
          `${idle}, ${TOUCH_INTERVAL_SECONDS}, true) s`,
      );
      markOpened(runner);
      return results[1].rows;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async end(sessionId: string, reason: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE auth_session SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL`,
      [sessionId, reason],
    );
  }

  /**
   * A user's open sessions (not ended, not past either limit), newest first: when each was opened and
   * last used, and from what (coarsely). Never a token or its hash.
   */
  async openOf(userId: string, manager: EntityManager): Promise<OpenSession[]> {
    const rows: Array<{ id: string; created_at: Date; last_seen_at: Date; device: string; second_factor: boolean }> =
      await manager.query(
        `SELECT id, created_at, last_seen_at, device, second_factor FROM auth_session
         WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now()
           AND last_seen_at + make_interval(secs => $2) > now()
         ORDER BY created_at DESC, id`,
        [userId, this.config.idleTimeoutSeconds],
      );
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      device: r.device,
      secondFactor: r.second_factor,
    }));
  }

  /** Ends one open session of `userId`; false when it has none by that id (another's, or ended). */
  async endOwn(userId: string, sessionId: string, reason: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `UPDATE auth_session SET ended_at = now(), end_reason = $3
       WHERE id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id`,
      [sessionId, userId, reason],
    );
    return rowCount(rows) > 0;
  }

  /** Ends every live session of a user, in the caller's transaction when one is given. */
  async endAllForUser(
    userId: string,
    reason: string,
    manager: EntityManager = this.dataSource.manager,
    exceptSessionId?: string,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `UPDATE auth_session SET ended_at = now(), end_reason = $2
       WHERE user_id = $1 AND ended_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
      [userId, reason, exceptSessionId ?? null],
    );
    return rowCount(rows);
  }
}

/** An UPDATE … RETURNING answers [rows, count] through TypeORM's postgres driver. */
function rowCount(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
}

/** One of a person's open sessions, as they see it in their list. */
export interface OpenSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  /** The browser and system, coarsely ("Firefox on Windows", or "other"). */
  device: string;
  /** Opened with a second factor. */
  secondFactor: boolean;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
