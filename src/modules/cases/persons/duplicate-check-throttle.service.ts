import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { cryptoConfig } from '../../../core/config/crypto.config';
import { PersonErrorCode, PersonException } from './persons.exception';

/**
 * Duplicate checks allowed per user and window, counted in PostgreSQL (every instance sees the same
 * count) and committed on their own, whatever becomes of the request. Each check probes other
 * organisations' records, so the limit bounds how fast anyone can probe.
 */
@Injectable()
export class DuplicateCheckThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(cryptoConfig.KEY) private readonly config: ConfigType<typeof cryptoConfig>,
  ) {}

  async count(userId: string): Promise<void> {
    const window = this.config.duplicateCheckWindowSeconds;
    const rows: Array<{ checks: number; retry_after: number }> = await this.dataSource.query(
      `INSERT INTO duplicate_check_throttle AS t (user_id, window_started_at, checks)
       VALUES ($1, now(), 1)
       ON CONFLICT (user_id) DO UPDATE SET
         window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN now() ELSE t.window_started_at END,
         checks = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE t.checks + 1 END
       RETURNING checks,
         ceil(extract(epoch FROM (window_started_at + make_interval(secs => $2) - now())))::int AS retry_after`,
      [userId, window],
    );
    if (rows[0].checks > this.config.duplicateChecksPerWindow) {
      throw new PersonException(
        PersonErrorCode.TooManyChecks,
        'Too many duplicate checks; try again later',
        undefined,
        Math.max(1, rows[0].retry_after),
      );
    }
  }
}
