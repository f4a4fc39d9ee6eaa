import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../access/authenticated-user';
import { Role } from '../access/role';
import { authConfig } from '../config/auth.config';

export interface IssuedToken {
  accessToken: string;
  /** When the session ends at the latest (the absolute limit); idleness ends it sooner. */
  expiresAt: string;
  idleTimeoutSeconds: number;
}

/** Sessions touch `last_seen_at` at most this often, so an authenticated read rarely writes. */
const TOUCH_INTERVAL_SECONDS = 30;

/**
 * Opaque bearer tokens: 256 random bits, given to the client once, stored only as SHA-256.
 * A session ends on logout, after the idle or absolute limit, or when its user is disabled or
 * changes role.
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
  ): Promise<IssuedToken> {
    const token = randomBytes(32).toString('base64url');
    const rows: Array<{ expires_at: Date }> = await manager.query(
      `INSERT INTO auth_session (id, token_hash, user_id, organisation_id, role, second_factor, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), now(), now() + make_interval(secs => $7))
       RETURNING expires_at`,
      [
        randomUUID(),
        hashToken(token),
        user.id,
        user.organisationId,
        user.role,
        secondFactor,
        this.config.absoluteTimeoutSeconds,
      ],
    );
    return {
      accessToken: token,
      expiresAt: rows[0].expires_at.toISOString(),
      idleTimeoutSeconds: this.config.idleTimeoutSeconds,
    };
  }

  /** The caller behind a token, or undefined when the token names no live session. */
  async authenticate(token: string): Promise<AuthenticatedUser | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const rows: Array<{
      id: string;
      user_id: string;
      organisation_id: string;
      role: Role;
      username: string;
      mfa: boolean;
      second_factor: boolean;
      stale: boolean;
    }> = await this.dataSource.query(
      `SELECT s.id, s.user_id, s.organisation_id, s.role, u.username, u.totp_enabled_at IS NOT NULL AS mfa, s.second_factor,
              s.last_seen_at < now() - make_interval(secs => $3) AS stale
       FROM auth_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.token_hash = $1
         AND s.ended_at IS NULL
         AND s.expires_at > now()
         AND s.last_seen_at > now() - make_interval(secs => $2)
         AND u.disabled_at IS NULL
         AND u.role = s.role`,
      [hashToken(token), this.config.idleTimeoutSeconds, TOUCH_INTERVAL_SECONDS],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.stale) await this.dataSource.query(`UPDATE auth_session SET last_seen_at = now() WHERE id = $1`, [row.id]);
    return {
      sessionId: row.id,
      userId: row.user_id,
      username: row.username,
      organisationId: row.organisation_id,
      role: row.role,
      mfaEnrolled: row.mfa,
      secondFactor: row.second_factor,
    };
  }

  async end(sessionId: string, reason: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE auth_session SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL`,
      [sessionId, reason],
    );
  }

  /** Ends every live session of a user, in the caller's transaction when one is given. */
  async endAllForUser(
    userId: string,
    reason: string,
    manager: EntityManager = this.dataSource.manager,
    exceptSessionId?: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE auth_session SET ended_at = now(), end_reason = $2
       WHERE user_id = $1 AND ended_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, exceptSessionId ?? null],
    );
  }
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
