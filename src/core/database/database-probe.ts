import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { TimeoutClosingClient } from './connection-guard';

/** The longest a health check takes, whatever the database does. */
export const PROBE_TIMEOUT_MS = 1500;

/**
 * Asks the database "are you there?" over a connection of its own, so that `/health` answers within
 * PROBE_TIMEOUT_MS even when the service's pool is taken by requests stuck on a frozen server, and says
 * "down" then rather than waiting behind them. Checks asked while one is running share its answer, so a
 * burst of health checks costs one query and one connection.
 */
@Injectable()
export class DatabaseProbe implements OnApplicationShutdown {
  private readonly pool: Pool;
  private running?: Promise<boolean>;

  constructor(url: string) {
    this.pool = new Pool({
      connectionString: url,
      Client: TimeoutClosingClient,
      max: 1,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
      statement_timeout: PROBE_TIMEOUT_MS,
      keepAlive: true,
      application_name: 'panoh health',
    });
    this.pool.on('error', () => undefined); // an idle connection lost: the next check makes a new one
  }

  /** True when the database answered a trivial query in time. */
  isUp(): Promise<boolean> {
    this.running ??= this.check().finally(() => (this.running = undefined));
    return this.running;
  }

  private async check(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    const answer = this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      // The connection and query timeouts bound the probe too; this bounds the two together.
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
