import { DataSource, QueryRunner, TransactionNotStartedError } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { isFresh, isOutermost, markCommitted, markOpened } from '../../src/core/database/request-transaction';
import { createTestDatabase, TestDatabase } from '../support/test-cluster';

/**
 * The one-round-trip request transaction (core/database/request-transaction.ts) opens and commits
 * transactions with its own SQL and then sets two fields of TypeORM's query runner that TypeORM does
 * not publish as writable (`isTransactionActive`, `transactionDepth`). This pins, against the real
 * database, every part of TypeORM's behaviour it relies on, so that an upgrade that changes any of it
 * fails here rather than in production: the fields and their meaning, the SQL TypeORM itself sends
 * for a transaction (the trick sends the same), and what it does on a runner so marked.
 */

type Client = { query: (text: string) => Promise<unknown> };

interface State {
  isTransactionActive: boolean;
  transactionDepth: number;
}

function stateOf(runner: QueryRunner): State {
  const { isTransactionActive, transactionDepth } = runner as unknown as State;
  return { isTransactionActive, transactionDepth };
}

/** Every statement text the runner sends from now on, as it reaches the driver's client. */
async function recordSql(runner: QueryRunner): Promise<string[]> {
  const client = (await runner.connect()) as Client;
  const sent: string[] = [];
  const query = client.query.bind(client);
  client.query = (text: string, ...rest: unknown[]) => {
    sent.push(text);
    return (query as (...args: unknown[]) => Promise<unknown>)(text, ...rest);
  };
  return sent;
}

/** Whether the runner's connection is inside a transaction: there `now()` stays at its start. */
async function insideTransaction(runner: QueryRunner): Promise<boolean> {
  const client = (await runner.connect()) as { query: (text: string) => Promise<{ rows: Array<{ inside: boolean }> }> };
  await new Promise((resolve) => setTimeout(resolve, 5));
  const { rows } = await client.query('SELECT now() < statement_timestamp() AS inside');
  return rows[0].inside;
}

describe('TypeORM, as the one-round-trip request transaction relies on it', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const runners: QueryRunner[] = [];

  const runner = async (): Promise<QueryRunner> => {
    const created = dataSource.createQueryRunner();
    runners.push(created);
    await created.connect();
    return created;
  };

  /** The app's way in: its own `START TRANSACTION`, then the mark. */
  const openedByHand = async (): Promise<QueryRunner> => {
    const opened = await runner();
    await opened.query(`START TRANSACTION; SELECT set_config('panoh.role', 'caseworker', true)`);
    markOpened(opened);
    return opened;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // The service's own options: a default isolation level set there would be skipped by the trick.
    dataSource = new DataSource(dataSourceOptions(db.appUrl, { poolSize: 4 }));
    await dataSource.initialize();
  });
  afterEach(async () => {
    for (const used of runners.splice(0)) {
      if (used.isReleased) continue;
      if (stateOf(used).isTransactionActive) await used.query('ROLLBACK').catch(() => undefined);
      markCommitted(used);
      await used.release();
    }
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('gives a fresh runner both fields, outside any transaction', async () => {
    const fresh = dataSource.createQueryRunner();
    runners.push(fresh);
    expect(stateOf(fresh)).toEqual({ isTransactionActive: false, transactionDepth: 0 });
    expect(isFresh(fresh)).toBe(true);
    expect(isOutermost(fresh)).toBe(false);
  });

  it('opens a transaction with exactly the statement the app sends, leaving the state markOpened sets', async () => {
    const own = await runner();
    const sent = await recordSql(own);
    await own.startTransaction();
    expect(sent).toEqual(['START TRANSACTION']);

    const byHand = await openedByHand();
    expect(stateOf(byHand)).toEqual(stateOf(own));
    expect(stateOf(byHand)).toEqual({ isTransactionActive: true, transactionDepth: 1 });
    expect(isOutermost(byHand)).toBe(true);
    expect(isFresh(byHand)).toBe(false);
    expect(await insideTransaction(byHand)).toBe(true);
  });

  it('keeps nested transactions on a runner marked open as savepoints, and the outer one open', async () => {
    const opened = await openedByHand();
    const sent = await recordSql(opened);
    await opened.manager.transaction(async (nested) => {
      expect(nested.queryRunner).toBe(opened);
      await nested.query('SELECT 1');
    });
    expect(sent).toEqual(['SAVEPOINT typeorm_1', 'SELECT 1', 'RELEASE SAVEPOINT typeorm_1']);
    expect(stateOf(opened)).toEqual({ isTransactionActive: true, transactionDepth: 1 });

    sent.length = 0;
    const failure = new Error('refused inside');
    await expect(
      opened.manager.transaction(async (nested) => {
        await nested.query('SELECT 2');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(sent).toEqual(['SAVEPOINT typeorm_1', 'SELECT 2', 'ROLLBACK TO SAVEPOINT typeorm_1']);
    expect(stateOf(opened)).toEqual({ isTransactionActive: true, transactionDepth: 1 });
    expect(await insideTransaction(opened)).toBe(true);
  });

  it("commits or rolls back a runner marked open with TypeORM's own methods", async () => {
    const committed = await openedByHand();
    const sentCommit = await recordSql(committed);
    await committed.commitTransaction();
    expect(sentCommit).toEqual(['COMMIT']);
    expect(stateOf(committed)).toEqual({ isTransactionActive: false, transactionDepth: 0 });
    expect(await insideTransaction(committed)).toBe(false);

    const rolledBack = await openedByHand();
    const sentRollback = await recordSql(rolledBack);
    await rolledBack.rollbackTransaction();
    expect(sentRollback).toEqual(['ROLLBACK']);
    expect(stateOf(rolledBack)).toEqual({ isTransactionActive: false, transactionDepth: 0 });
    expect(await insideTransaction(rolledBack)).toBe(false);
  });

  it('leaves a runner committed by hand (markCommitted) as commitTransaction does, ready for another', async () => {
    const own = await runner();
    await own.startTransaction();
    await own.commitTransaction();

    const byHand = await openedByHand();
    await byHand.query('SELECT 1; COMMIT');
    markCommitted(byHand);
    expect(stateOf(byHand)).toEqual(stateOf(own));
    expect(isFresh(byHand)).toBe(true);
    expect(await insideTransaction(byHand)).toBe(false);
    // A commit nobody marked would be refused loudly, not sent as a second COMMIT.
    await expect(byHand.commitTransaction()).rejects.toBeInstanceOf(TransactionNotStartedError);

    const sent = await recordSql(byHand);
    await byHand.startTransaction();
    expect(sent).toEqual(['START TRANSACTION']);
    expect(isOutermost(byHand)).toBe(true);
  });

  it('sends a query without parameters as one simple-protocol query, on the client connect() hands out', async () => {
    const fresh = await runner();
    const client = (await fresh.connect()) as { query: (text: string) => Promise<Array<{ rows: unknown[] }>> };
    expect(await fresh.connect()).toBe(client);
    const sent = await recordSql(fresh);
    const results = await client.query(`START TRANSACTION; SELECT 'live' AS state`);
    expect(results.map((result) => result.rows)).toEqual([[], [{ state: 'live' }]]);
    // runner.query goes through the same client, several statements in one text.
    await fresh.query(`SELECT set_config('panoh.role', 'caseworker', true); SELECT 1`);
    expect(sent).toEqual([
      `START TRANSACTION; SELECT 'live' AS state`,
      `SELECT set_config('panoh.role', 'caseworker', true); SELECT 1`,
    ]);
    const [setting] = (await fresh.query(`SELECT current_setting('panoh.role', true) AS role`)) as Array<{
      role: string;
    }>;
    expect(setting).toEqual({ role: 'caseworker' });
    await client.query('ROLLBACK');
  });
});
