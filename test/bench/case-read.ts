import type { LoadRequest, LoadResult } from './load';

/** One route under load: median requests per second and median p99 latency over the rounds. */
export interface RouteFigures {
  rps: number;
  p99Ms: number;
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
  const results: Record<(typeof names)[number], LoadResult[]> = { plain: [], secure: [], list50: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const result = await load(routes[name], connections);
      if (result.unexpected > 0) throw new Error(`${name}: ${result.unexpected} unexpected answers`);
      results[name].push(result);
    }
  }
  const figures = (name: (typeof names)[number]): RouteFigures => ({
    rps: median(results[name].map((r) => r.completed / r.seconds)),
    p99Ms: median(results[name].map((r) => r.p99Ms)),
  });
  return { plain: figures('plain'), secure: figures('secure'), list50: figures('list50'), connections };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
