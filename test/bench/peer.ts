import { ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { ident } from '../../src/core/database/database-bootstrap';
import { NEW_CASE } from '../support/case-fixtures';
import { dropDatabase, testRun } from '../support/test-cluster';
import type { LoadRequest, LoadResult } from './load';

/** The separate plain application (peer/peer-main.ts), running on a database of its own. */
export interface Peer {
  url: string;
  /** The peer's own database, as the superuser: to seed its row and read its server processes. */
  databaseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Creates the peer's database (`panoh_t<run>_peer`, dropped by `stop`), starts the peer on it as a
 * child process on the compiled JS with `poolSize` connections, and waits for its port. The child gets
 * no inherited node flags, so a profiled bench does not profile the peer.
 */
export async function startPeer(poolSize: number): Promise<Peer> {
  const { adminUrl, runId } = testRun();
  const name = `panoh_t${runId}_peer`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${ident(name)}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;
  let child: ChildProcess | undefined;
  try {
    child = fork(path.join(__dirname, 'peer', 'peer-main.js'), [], {
      execArgv: [],
      env: { ...process.env, PEER_DATABASE_URL: databaseUrl.toString(), PEER_POOL_SIZE: String(poolSize) },
    });
    const started = child;
    const port = await new Promise<number>((resolve, reject) => {
      started.once('message', (message: { port: number }) => resolve(message.port));
      started.once('exit', (code) => reject(new Error(`the peer stopped before listening (${code})`)));
    });
    return {
      url: `http://127.0.0.1:${port}`,
      databaseUrl: databaseUrl.toString(),
      pid: started.pid as number,
      async stop() {
        await new Promise<void>((resolve) => {
          started.once('exit', () => resolve());
          started.kill('SIGTERM');
        });
        await dropDatabase(adminUrl, name);
      },
    };
  } catch (error) {
    child?.kill('SIGKILL');
    await dropDatabase(adminUrl, name);
    throw error;
  }
}

/**
 * Copies one case row, byte for byte (its ciphertext too), from Panoh's database into the peer's, so
 * that both read a row of the same columns and sizes.
 */
export async function copyCaseRow(fromUrl: string, toUrl: string, id: string): Promise<void> {
  const from = new Client({ connectionString: fromUrl });
  const to = new Client({ connectionString: toUrl });
  await from.connect();
  await to.connect();
  try {
    const row = (await from.query(`SELECT to_jsonb(c) AS row FROM victim_case c WHERE id = $1`, [id])).rows[0] as
      { row: unknown } | undefined;
    if (!row) throw new Error('the case to copy is not there');
    // Through JSON (bytea as its hex text), read back as the peer's own row type, whatever its column order.
    await to.query(`INSERT INTO victim_case SELECT (jsonb_populate_record(NULL::victim_case, $1::jsonb)).*`, [
      JSON.stringify(row.row),
    ]);
  } finally {
    await from.end();
    await to.end();
  }
}

/** One route under load in the peer section, with where its CPU is read from. */
export interface Contender {
  label: string;
  request: Omit<LoadRequest, 'durationMs' | 'concurrency'>;
  connections: number;
  /** CPU time used so far (µs) by each process serving it, and by its database's server processes. */
  serviceCpu: () => Promise<CpuByProcess | undefined>;
  databaseCpu: () => Promise<CpuByProcess | undefined>;
}

export interface ContenderFigures {
  label: string;
  connections: number;
  /** Medians over the rounds. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  serviceCpuMicros?: number;
  databaseCpuMicros?: number;
  /** Each round's throughput, in order: how noisy the median is. */
  roundsRps: number[];
}

type Load = (request: Omit<LoadRequest, 'durationMs' | 'concurrency'>, concurrency: number) => Promise<LoadResult>;

/**
 * Every contender once per round, in the same order each round, `rounds` times after one warm-up
 * each: the machine's drift touches them all alike. Any unexpected answer stops the bench.
 */
export async function alternate<K extends string>(
  contenders: Record<K, Contender>,
  load: Load,
  rounds: number,
): Promise<Record<K, ContenderFigures>> {
  const keys = Object.keys(contenders) as K[];
  for (const key of keys) {
    const result = await load(contenders[key].request, contenders[key].connections);
    if (result.unexpected > 0) throw new Error(`${contenders[key].label}: ${result.unexpected} unexpected answers`);
  }
  type Measured = { rps: number; p50Ms: number; p99Ms: number; service?: number; database?: number };
  const results = Object.fromEntries(keys.map((k) => [k, [] as Measured[]])) as Record<K, Measured[]>;
  for (let round = 0; round < rounds; round++) {
    for (const key of keys) {
      const c = contenders[key];
      const [service, database] = [await c.serviceCpu(), await c.databaseCpu()];
      const result = await load(c.request, c.connections);
      const [serviceAfter, databaseAfter] = [await c.serviceCpu(), await c.databaseCpu()];
      if (result.unexpected > 0) throw new Error(`${c.label}: ${result.unexpected} unexpected answers`);
      const per = (before?: CpuByProcess, after?: CpuByProcess) =>
        before === undefined || after === undefined ? undefined : cpuBetween(before, after) / result.completed;
      results[key].push({
        rps: result.completed / result.seconds,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        service: per(service, serviceAfter),
        database: per(database, databaseAfter),
      });
    }
  }
  const optional = (values: Array<number | undefined>) =>
    values.every((v) => v !== undefined) ? median(values as number[]) : undefined;
  return Object.fromEntries(
    keys.map((k) => [
      k,
      {
        label: contenders[k].label,
        connections: contenders[k].connections,
        rps: median(results[k].map((r) => r.rps)),
        p50Ms: median(results[k].map((r) => r.p50Ms)),
        p99Ms: median(results[k].map((r) => r.p99Ms)),
        serviceCpuMicros: optional(results[k].map((r) => r.service)),
        databaseCpuMicros: optional(results[k].map((r) => r.database)),
        roundsRps: results[k].map((r) => r.rps),
      } satisfies ContenderFigures,
    ]),
  ) as Record<K, ContenderFigures>;
}

/** Panoh's POST /cases body (a person with its 8 encrypted fields, a case, 2 events); the peer takes it too. */
export const WRITE_BODY = JSON.stringify(NEW_CASE);

/** CPU time used so far (µs), by process id. */
export type CpuByProcess = Map<number, number>;

/**
 * The CPU used between two readings: what each process still there used since the first, and all of
 * what a process started between them used. A process that ended between them is missed (its last
 * share unknown), so a pool that closes connections under load is under-counted, never negative.
 */
export function cpuBetween(before: CpuByProcess, after: CpuByProcess): number {
  let used = 0;
  for (const [pid, micros] of after) used += micros - (before.get(pid) ?? 0);
  return used;
}

/** CPU time (µs) of `pids` from /proc (Linux); undefined when one cannot be read. */
export async function cpuOf(pids: () => Promise<number[]>): Promise<CpuByProcess | undefined> {
  const cpu: CpuByProcess = new Map();
  try {
    const tick = 1e6 / 100; // USER_HZ is 100 on Linux
    for (const pid of await pids()) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * tick); // utime, stime
    }
  } catch {
    return undefined;
  }
  return cpu;
}

/** The ids of the server processes connected to the database at `url`, other than the asker's. */
export function databasePids(url: string): () => Promise<number[]> {
  return async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (
        await client.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
      ).rows.map((r) => r.pid);
    } finally {
      await client.end();
    }
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
