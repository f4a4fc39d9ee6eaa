import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { closeConnectionsReturnedInTransaction } from '../../src/core/database/connection-guard';
import { dataSourceOptions, QUERY_TIMEOUT_MARGIN_MS } from '../../src/core/database/data-source';
import { isDatabaseUnavailable } from '../../src/core/http/database-unavailable';
import { FreezableTcpProxy } from '../support/tcp-proxy';
import { asSuperuser, createTestDatabase, TestDatabase } from '../support/test-cluster';

const STATEMENT_TIMEOUT_MS = 500;

/** The service's pool, as the service builds it, on one connection so that any reuse would show. */
async function openPool(url: string, name: string): Promise<DataSource> {
  const options = dataSourceOptions(url, {
    poolSize: 1,
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: 1000,
  });
  const dataSource = new DataSource({
    ...options,
    extra: { ...(options as { extra: object }).extra, application_name: name },
  } as typeof options);
  await dataSource.initialize();
  closeConnectionsReturnedInTransaction((dataSource.driver as PostgresDriver).master as Pool);
  return dataSource;
}

async function backendPid(dataSource: DataSource): Promise<number> {
  const [{ pid }] = (await dataSource.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
  return pid;
}

async function backendsNamed(db: TestDatabase, name: string): Promise<Array<{ pid: number; state: string }>> {
  return asSuperuser(db, 'SELECT pid, state FROM pg_stat_activity WHERE application_name = $1', [name]);
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 80 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe("the service's connection pool", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('closes, rather than reuses, a connection given back inside a transaction', async () => {
    const name = `guard-${randomBytes(4).toString('hex')}`;
    const dataSource = await openPool(db.appUrl, name);
    try {
      const runner = dataSource.createQueryRunner();
      await runner.query('START TRANSACTION');
      await runner.query(`SELECT set_config('panoh.user_id', '00000000-0000-4000-8000-000000000001', true)`);
      const [{ pid: inTransaction }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
      await runner.release(); // a path that forgot to commit or roll back

      expect(await backendPid(dataSource)).not.toBe(inTransaction);
      const [{ caller }] = (await dataSource.query(
        `SELECT current_setting('panoh.user_id', true) AS caller`,
      )) as Array<{
        caller: string | null;
      }>;
      expect(caller ?? '').toBe('');
      const left = await eventually(
        () => backendsNamed(db, name),
        (rows) => rows.every((r) => r.pid !== inTransaction),
      );
      expect(left.map((r) => r.pid)).not.toContain(inTransaction);
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps a connection given back after its transaction ended', async () => {
    const dataSource = await openPool(db.appUrl, `guard-${randomBytes(4).toString('hex')}`);
    try {
      const before = await backendPid(dataSource);
      await dataSource.transaction(async (manager) => manager.query('SELECT 1'));
      expect(await backendPid(dataSource)).toBe(before);
    } finally {
      await dataSource.destroy();
    }
  });

  it('closes a connection whose query got no answer in time, and works again once the server answers', async () => {
    const target = new URL(db.appUrl);
    const proxy = new FreezableTcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    const name = `guard-${randomBytes(4).toString('hex')}`;
    const dataSource = await openPool(target.toString(), name);
    try {
      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      const [{ pid: stuck }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
      proxy.freeze();
      const started = Date.now();
      const failure = await runner.query('SELECT 1').then(
        () => undefined,
        (error: unknown) => error,
      );
      const waited = Date.now() - started;
      expect(isDatabaseUnavailable(failure)).toBe(true);
      // The client's own deadline (statement timeout and margin) ended the wait, not the thaw.
      expect(waited).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS + QUERY_TIMEOUT_MARGIN_MS - 50);
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      proxy.thaw();

      expect(await backendPid(dataSource)).not.toBe(stuck);
      const left = await eventually(
        () => backendsNamed(db, name),
        (rows) => rows.every((r) => r.pid !== stuck),
      );
      expect(left.map((r) => r.pid)).not.toContain(stuck);
      expect(left.filter((r) => r.state !== 'idle')).toEqual([]);
    } finally {
      proxy.thaw();
      await dataSource.destroy();
      await proxy.stop();
    }
  });
});
