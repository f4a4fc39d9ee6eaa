import { Client } from 'pg';
import { BlindIndex } from '../../src/core/crypto/blind-index/blind-index';
import { normaliseName } from '../../src/core/crypto/blind-index/normalise';
import { querySearchTerms, searchToken } from '../../src/modules/cases/persons/search-tokens';
import { rankedVisibleSql } from '../../src/modules/cases/case-records/case-access.service';
import { CASE_SEARCH_CONTENT, SEARCH_CANDIDATES } from '../../src/modules/cases/search/case-search.queries';
import { CASE } from '../support/case-fixtures';
import { asOrganisation } from '../support/test-cluster';
import type { TestApp } from '../support/test-app';

const FAMILY = [
  'Rahimova',
  'Karimova',
  'Nazarova',
  'Hasanova',
  'Qodirova',
  'Juraeva',
  'Sharipova',
  'Saidova',
  'Alieva',
  'Mirzoeva',
  'Hakimova',
  'Mahmudova',
  'Yusupova',
  'Qurbonova',
  'Ghafurova',
  'Tojieva',
  'Qosimova',
  'Ziyoeva',
  'Shodieva',
  'Davlatova',
  'Rahimov',
  'Karimov',
  'Nazarov',
  'Hasanov',
  'Qodirov',
  'Juraev',
  'Sharipov',
  'Saidov',
  'Aliev',
  'Mirzoev',
  'Hakimov',
  'Mahmudov',
  'Yusupov',
  'Qurbonov',
  'Ghafurov',
  'Tojiev',
  'Qosimov',
  'Ziyoev',
  'Shodiev',
  'Davlatov',
  'Safarov',
  'Safarova',
  'Nematov',
  'Nematova',
  'Rustamov',
  'Rustamova',
  'Boboev',
  'Boboeva',
  'Odinaev',
  'Odinaeva',
  'Sattorov',
  'Sattorova',
  'Hamroev',
  'Hamroeva',
  'Ismoilov',
  'Ismoilova',
  'Umarov',
  'Umarova',
  'Azizov',
  'Azizova',
];
const GIVEN = [
  'Madina',
  'Zarina',
  'Nigina',
  'Munira',
  'Dilnoza',
  'Gulnora',
  'Shahlo',
  'Maryam',
  'Jamila',
  'Firuza',
  'Parvina',
  'Sabrina',
  'Malika',
  'Nilufar',
  'Farzona',
  'Mehrona',
  'Sitora',
  'Zebo',
  'Tahmina',
  'Manizha',
  'Rukhsora',
  'Shabnam',
  'Gulchehra',
  'Mavjuda',
  'Nodira',
  'Oysha',
  'Sanobar',
  'Lola',
  'Khursheda',
  'Mohira',
  'Jamshed',
  'Farrukh',
  'Bahodur',
  'Suhrob',
  'Firdavs',
  'Ismoil',
  'Umed',
  'Khurshed',
  'Shohrukh',
  'Ghayrat',
  'Husein',
  'Rustam',
  'Daler',
  'Alisher',
  'Behruz',
  'Parviz',
  'Sino',
  'Manuchehr',
  'Faridun',
  'Navruz',
  'Shuhrat',
  'Anvar',
  'Bakhtiyor',
  'Dilshod',
  'Eraj',
  'Komron',
  'Mehrob',
  'Nozim',
  'Orzu',
  'Saidjon',
];

export interface SearchFigures {
  persons: number;
  seedSeconds: number;
  medianMs: number;
  p95Ms: number;
  requests: number;
  found: number;
  plan: string[];
  /** The search's one statement as the caller, EXPLAIN (ANALYZE, BUFFERS). */
  statementPlan: string[];
  /** The same statement run `statementRuns` times on one connection as the caller, no HTTP. */
  statementMedianMs: number;
  statementP95Ms: number;
  statementRuns: number;
}

/**
 * Seeds `persons` persons of the caller's organisation straight into the bench database as its
 * superuser: a person row (erased, so without ciphertext), a case, and its index rows — two name
 * words drawn from 60 family and 60 given names (tokens computed with the application's own key),
 * and a phone and a document token at random. Then measures POST /cases/search for a two-word name
 * over HTTP, one request at a time, against a real case registered through the API among them.
 */
export async function measureSearch(
  t: TestApp,
  base: string,
  token: string,
  owner: { organisationId: string; userId: string },
  persons: number,
  requests: number,
): Promise<SearchFigures> {
  const index = t.app.get(BlindIndex);
  const tokensOf = (words: string[]) =>
    words.map((w) => searchToken(index, { field: 'name', normalised: normaliseName(w) }).value);
  const client = new Client({ connectionString: t.db.superuserUrl });
  await client.connect();
  const started = process.hrtime.bigint();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SELECT setseed(0.17)`);
    await client.query(
      `CREATE TEMP TABLE seed AS SELECT gen_random_uuid() AS id, i FROM generate_series(0, $1::integer - 1) AS i`,
      [persons],
    );
    await client.query(
      `INSERT INTO person (id, organisation_id, registered_by, erased_at) SELECT id, $1, $2, now() FROM seed`,
      [owner.organisationId, owner.userId],
    );
    await client.query(
      `INSERT INTO victim_case (id, reference, organisation_id, person_id, created_by, stage, trafficking_status,
         registered_on, exploitation_types, means_of_control)
       SELECT gen_random_uuid(), format('TJ-%s-%s', 2000 + i / 99999, lpad((i % 99999 + 1)::text, 5, '0')), $1,
         id, $2, 'identified', 'PossibleVictimOfTrafficking', date '2020-01-01' + (i % 2190), '{}', '{}'
       FROM seed`,
      [owner.organisationId, owner.userId],
    );
    const random = `decode(lpad(to_hex((floor(random() * 65536)::int) & 65534), 4, '0'), 'hex')`;
    await client.query(
      `INSERT INTO person_search_token (organisation_id, token, person_id, field)
       SELECT DISTINCT ON (token, id, field) $1::uuid, token, id, field FROM (
         SELECT id, ($2::bytea[])[1 + floor(random() * $4)::int] AS token, 'name' AS field FROM seed
         UNION ALL SELECT id, ($3::bytea[])[1 + floor(random() * $5)::int], 'name' FROM seed
         UNION ALL SELECT id, ${random}, 'phone' FROM seed
         UNION ALL SELECT id, ${random}, 'document' FROM seed) AS rows`,
      [owner.organisationId, tokensOf(FAMILY), tokensOf(GIVEN), FAMILY.length, GIVEN.length],
    );
    await client.query(`ANALYZE person; ANALYZE victim_case; ANALYZE person_search_token`);
  } finally {
    await client.end();
  }
  const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const created = await fetch(`${base}/cases`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      ...CASE,
      person: { familyName: 'Рахимова', givenName: 'Мадина', identityDocuments: [] },
    }),
  });
  if (created.status !== 201) throw new Error(`the bench could not open its case: ${created.status}`);
  const body = JSON.stringify({ query: 'Raximova Madina' });
  const once = async (): Promise<{ ms: number; found: number }> => {
    const start = process.hrtime.bigint();
    const response = await fetch(`${base}/cases/search`, { method: 'POST', headers, body });
    const answer = (await response.json()) as { items: unknown[] };
    if (response.status !== 200) throw new Error(`search answered ${response.status}`);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, found: answer.items.length };
  };
  for (let i = 0; i < 10; i++) await once();
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < requests; i++) {
    const result = await once();
    times.push(result.ms);
    found = result.found;
  }
  times.sort((a, b) => a - b);

  const plan = await asOrganisation<{ 'QUERY PLAN': string }>(
    t.db,
    owner.organisationId,
    'caseworker',
    `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
     SELECT t.person_id, count(*) FROM person_search_token t
     WHERE t.organisation_id = $1 AND t.token = ANY($2::bytea[])
     GROUP BY t.person_id ORDER BY count(*) DESC LIMIT 100`,
    [owner.organisationId, tokensOf(['Rahimova', 'Madina'])],
  );
  // The search's own statement, as the service sends it: one connection of the service's role, the
  // caller's settings, a fixed number of runs, so the database's share is seen without HTTP's noise.
  const statementRuns = 200;
  const tokens = querySearchTerms('Raximova Madina').map((term) => searchToken(index, term).value);
  const statement = rankedVisibleSql(SEARCH_CANDIDATES, 2, CASE_SEARCH_CONTENT);
  const params = [owner.organisationId, 'caseworker', tokens, [], 40];
  const statementPlan = await asOrganisation<{ 'QUERY PLAN': string }>(
    t.db,
    owner.organisationId,
    'caseworker',
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement}`,
    params,
  );
  const caller = new Client({ connectionString: t.db.appUrl });
  await caller.connect();
  const statementTimes: number[] = [];
  try {
    await caller.query('BEGIN');
    await caller.query(
      `SELECT set_config('panoh.organisation_id', $1, true), set_config('panoh.role', 'caseworker', true),
              set_config('panoh.user_id', $2, true)`,
      [owner.organisationId, owner.userId],
    );
    for (let i = 0; i < 10; i++) await caller.query(statement, params);
    for (let i = 0; i < statementRuns; i++) {
      const start = process.hrtime.bigint();
      await caller.query(statement, params);
      statementTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  } finally {
    await caller.query('ROLLBACK');
    await caller.end();
  }
  statementTimes.sort((a, b) => a - b);
  return {
    statementPlan: statementPlan.map((row) => row['QUERY PLAN']),
    statementMedianMs: statementTimes[Math.floor(statementTimes.length / 2)],
    statementP95Ms: statementTimes[Math.floor(statementTimes.length * 0.95)],
    statementRuns,
    persons,
    seedSeconds,
    medianMs: times[Math.floor(times.length / 2)],
    p95Ms: times[Math.floor(times.length * 0.95)],
    requests,
    found,
    plan: plan.map((row) => row['QUERY PLAN']),
  };
}
