import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { authConfig } from '../config/auth.config';
import { KeyRing } from '../crypto/key-ring';
import { SODIUM } from '../crypto/sodium.provider';
import type { Sodium } from '../crypto/sodium.provider';
import { Clock } from '../time/clock';
import { AuthErrorCode, AuthException } from './auth.exception';

const MAX_BACKOFF_SECONDS = 15 * 60;

/**
 * Login throttling kept in PostgreSQL: a rate limit per client address, and exponential backoff per
 * username after repeated failures (counted the same for names that do not exist). Its times are the
 * application's Clock, not the database's `now()`, so that a test moves time on instead of sleeping;
 * instances keep their clocks synchronised (NTP), and the account lock counts failures, not time.
 */
@Injectable()
export class LoginThrottleService {
  private readonly hashKey: Uint8Array;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    @Inject(SODIUM) private readonly sodium: Sodium,
    private readonly clock: Clock,
    keys: KeyRing,
  ) {
    this.hashKey = sodium.crypto_kdf_derive_from_key(32, 1, 'panohthr', keys.blindIndexKey);
  }

  /** Counts an attempt from `address` and refuses it when the address is over its limit. */
  async countAddressAttempt(address: string): Promise<void> {
    const window = this.config.addressWindowSeconds;
    const rows: Array<{ window_attempts: number; retry_after: number }> = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at, window_attempts)
       VALUES ($1, 0, $3::timestamptz, 1)
       ON CONFLICT (key) DO UPDATE SET
         window_started_at = CASE WHEN t.window_started_at < $3::timestamptz - make_interval(secs => $2) THEN $3::timestamptz ELSE t.window_started_at END,
         window_attempts = CASE WHEN t.window_started_at < $3::timestamptz - make_interval(secs => $2) THEN 1 ELSE t.window_attempts + 1 END
       RETURNING window_attempts,
         ceil(extract(epoch FROM (window_started_at + make_interval(secs => $2) - $3::timestamptz)))::int AS retry_after`,
      [this.key('addr', address), window, this.clock.now()],
    );
    if (rows[0].window_attempts > this.config.addressAttemptsPerWindow) {
      throw new AuthException(
        AuthErrorCode.TooManyAttempts,
        'Too many login attempts from this address; try again later',
        undefined,
        Math.max(1, rows[0].retry_after),
      );
    }
  }

  /**
   * Counts an attempt on `username` as a failure before the password is checked (success clears it),
   * in one statement that refuses it while the backoff of earlier failures runs. Attempts sent in
   * parallel therefore each see the ones before them: a burst cannot slip past the backoff, nor run
   * up the lock in an instant.
   */
  async reserveAttempt(username: string): Promise<void> {
    const key = this.key('user', username);
    const after = this.config.backoffAfterFailures;
    const now = this.clock.now();
    const reserved: Array<{ failures: number }> = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, failures, last_failure_at, window_started_at, window_attempts)
       VALUES ($1, 1, $4::timestamptz, $4::timestamptz, 0)
       ON CONFLICT (key) DO UPDATE SET failures = t.failures + 1, last_failure_at = $4::timestamptz
         WHERE t.failures < $2
            OR t.last_failure_at + make_interval(secs => least($3, power(2, t.failures - $2))) <= $4::timestamptz
       RETURNING failures`,
      [key, after, MAX_BACKOFF_SECONDS, now],
    );
    if (reserved.length > 0) return;
    const [row] = await this.dataSource.query(
      `SELECT failures, extract(epoch FROM ($2::timestamptz - last_failure_at))::float8 AS waited FROM login_throttle WHERE key = $1`,
      [key, now],
    );
    throw new AuthException(
      AuthErrorCode.TooManyAttempts,
      'Too many failed attempts for this account; wait before trying again',
      undefined,
      Math.max(1, Math.ceil(this.backoffSeconds(row?.failures ?? after) - (row?.waited ?? 0))),
    );
  }

  async clearFailures(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE key = $1`, [this.key('user', username)]);
  }

  /** 0 until `backoffAfterFailures`, then 1 s, 2 s, 4 s ... up to 15 minutes. */
  backoffSeconds(failures: number): number {
    const over = failures - this.config.backoffAfterFailures;
    if (over < 0) return 0;
    return Math.min(MAX_BACKOFF_SECONDS, 2 ** over);
  }

  private key(kind: 'user' | 'addr', value: string): Buffer {
    return Buffer.from(this.sodium.crypto_generichash(32, `${kind}:${value}`, this.hashKey));
  }
}
