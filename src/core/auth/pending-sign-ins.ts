import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../time/clock';
import { hashToken } from './session.service';

/** How long a client has between the password and the second factor. */
export const PENDING_SIGN_IN_SECONDS = 5 * 60;

export interface IssuedPendingSignIn {
  token: string;
  expiresAt: Date;
}

export interface TakenPendingSignIn {
  userId: string;
  webauthnChallenge: string | null;
}

/**
 * Pending sign-ins: 256 random bits given to the client, stored as SHA-256 with the account and the
 * WebAuthn challenge. Taking one marks it used in the same statement, so it opens at most one session
 * and a second attempt with it, right or wrong, finds nothing. Times are the application's Clock, as
 * for the login back-off, so a test moves time on instead of waiting five minutes.
 */
@Injectable()
export class PendingSignIns {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async issue(manager: EntityManager, userId: string, webauthnChallenge: string | null): Promise<IssuedPendingSignIn> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + PENDING_SIGN_IN_SECONDS * 1000);
    await manager.query(
      `INSERT INTO pending_sign_in (token_hash, user_id, webauthn_challenge, expires_at) VALUES ($1, $2, $3, $4)`,
      [hashToken(token), userId, webauthnChallenge, expiresAt],
    );
    return { token, expiresAt };
  }

  /** The pending sign-in a token names, if it is unused and unexpired; it is used from then on. */
  async take(token: string): Promise<TakenPendingSignIn | undefined> {
    const [row]: Array<{ user_id: string; webauthn_challenge: string | null }> = await this.dataSource.query(
      `WITH taken AS (
         UPDATE pending_sign_in SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id, webauthn_challenge)
       SELECT * FROM taken`,
      [hashToken(token), this.clock.now()],
    );
    return row ? { userId: row.user_id, webauthnChallenge: row.webauthn_challenge } : undefined;
  }
}
