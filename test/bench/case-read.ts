import * as fs from 'node:fs';
import type { LoadRequest, LoadResult } from './load';

/** One route under load: medians over the rounds. */
export interface RouteFigures {
  rps: number;
  p99Ms: number;
  /**
   * CPU time per request of the service's process and of the database's server processes for its
   * database (from /proc, when readable): far less disturbed than throughput by other work on a
   * shared machine. Undefined when the database's processes cannot be read.
   */
  serviceCpuMicros: number;
  databaseCpuMicros?: number;
}

export interface CaseReadFigures {
  /** GET /bench/plain-case/:id: a plain TypeORM findOneBy of the case row, in the same application. */
  plain: RouteFigures;
  /** GET /cases/:id: session, permission, transaction with the caller set, access decision, read under
   * row-level security, decryption, view, audit event, commit. */
  secure: RouteFigures;
  /** GET /cases?limit=50: a page of 50 summaries, the same way. */
  list50: RouteFigures;
  connections: number;
}

export const CASES = 50;

type Load = (request: Omit<LoadRequest, 'durationMs' | 'concurrency'>, concurrency: number) => Promise<LoadResult>;

/**
 * The case read over HTTP at `connections` connections, rounds alternating between the plain read,
 * the secure read and the page of 50, so that the machine's drift touches all three alike.
 */
export async function measureCaseRead(
  base: string,
  token: string,
  load: Load,
  rounds: number,
  connections: number,
  databaseCpu: () => Promise<number | undefined>,
): Promise<CaseReadFigures> {
  const auth = { Authorization: `Bearer ${token}` };
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const response = await fetch(`${base}/cases`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        person: { familyName: 'Каримова', givenName: `Зарина ${i}`, dateOfBirth: '1998', phone: '+992 92 555 0101' },
        gender: 'Feminine',
        exploitationTypes: ['ForcedLabour'],
        narrative: 'Recruited in Khujand for building work; passport taken on arrival.',
        shelterLocation: 'Khujand shelter, room 4',
        healthNotes: 'Untreated hand injury.',
        psychosocialNotes: 'Weekly counselling.',
        events: [
          { type: 'Recruitment', occurredOn: '2025-03', country: 'TJK', city: 'Khujand' },
          { type: 'Exploitation', occurredOn: '2025-05', country: 'RUS', city: 'Moscow' },
        ],
      }),
    });
    if (response.status !== 201) throw new Error(`creating a case answered ${response.status}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  const id = ids[0];
  const routes = {
    plain: { url: `${base}/bench/plain-case/${id}`, headers: {}, expectStatus: 200 },
    secure: { url: `${base}/cases/${id}`, headers: auth, expectStatus: 200 },
    list50: { url: `${base}/cases?limit=${CASES}`, headers: auth, expectStatus: 200 },
  };
  const names = ['plain', 'secure', 'list50'] as const;
  for (const name of names) await load(routes[name], connections); // warm-up
  type Measured = LoadResult & { serviceCpuMicros: number; databaseCpuMicros?: number };
  const results: Record<(typeof names)[number], Measured[]> = { plain: [], secure: [], list50: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const service = process.cpuUsage();
      const database = await databaseCpu();
      const result = await load(routes[name], connections);
      const serviceUsed = process.cpuUsage(service);
      const databaseAfter = await databaseCpu();
      if (result.unexpected > 0) throw new Error(`${name}: ${result.unexpected} unexpected answers`);
      results[name].push({
        ...result,
        serviceCpuMicros: (serviceUsed.user + serviceUsed.system) / result.completed,
        databaseCpuMicros:
          database === undefined || databaseAfter === undefined
            ? undefined
            : (databaseAfter - database) / result.completed,
      });
    }
  }
  const figures = (name: (typeof names)[number]): RouteFigures => {
    const database = results[name].map((r) => r.databaseCpuMicros);
    return {
      rps: median(results[name].map((r) => r.completed / r.seconds)),
      p99Ms: median(results[name].map((r) => r.p99Ms)),
      serviceCpuMicros: median(results[name].map((r) => r.serviceCpuMicros)),
      databaseCpuMicros: database.every((d) => d !== undefined) ? median(database as number[]) : undefined,
    };
  };
  return { plain: figures('plain'), secure: figures('secure'), list50: figures('list50'), connections };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * CPU time (µs) used so far by the server processes of the connections to `database`, read from
 * /proc (Linux, with the right to read them); undefined when not readable. Connections opened and
 * closed between two readings are missed, so the service's pool is kept open while measuring.
 */
export async function serverCpuMicros(pids: () => Promise<number[]>): Promise<number | undefined> {
  let total = 0;
  try {
    const tick = 1e6 / 100; // USER_HZ is 100 on Linux
    for (const pid of await pids()) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    }
  } catch {
    return undefined;
  }
  return total;
}
