import { Client } from 'pg';
import type { TestApp } from '../support/test-app';

export interface StatisticsFigures {
  cases: number;
  seedSeconds: number;
  /** GET /statistics/cases?groupBy=year,region,gender: the route, end to end. */
  routeMillis: number;
  /** The definer function alone, as the commission, in one transaction. */
  functionMillis: number;
  /** A plain SELECT ... GROUP BY of the same three columns as the superuser, without RLS. */
  baselineMillis: number;
}

/**
 * Seeds `cases` synthetic cases (one erased person, codes drawn from fixed distributions with a
 * fixed seed) straight into the bench database as its superuser, with SQL, so that the seeding takes
 * seconds and the test suite never does it.
 */
export async function seedSyntheticCases(
  t: TestApp,
  cases: number,
  owner: { organisationId: string; userId: string },
): Promise<number> {
  const client = new Client({ connectionString: t.db.superuserUrl });
  await client.connect();
  const started = process.hrtime.bigint();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SELECT setseed(0.42)`);
    await client.query(
      `WITH person AS (
         INSERT INTO person (id, organisation_id, registered_by, erased_at) VALUES (gen_random_uuid(), $1, $2, now())
         RETURNING id)
       INSERT INTO victim_case (id, reference, organisation_id, person_id, created_by, stage, trafficking_status,
         registered_on, gender, age_band, citizenship, region_of_origin, country_of_exploitation, exploitation_types,
         means_of_control, labour_sector)
       SELECT gen_random_uuid(), format('TJ-%s-%s', 2000 + i / 99999, lpad((i % 99999 + 1)::text, 5, '0')), $1,
         person.id, $2,
         (ARRAY['identified','referred','reflection','status_decided','assistance','reintegration','follow_up','closed'])[1 + floor(random() * 8)::int],
         'PossibleVictimOfTrafficking',
         date '2020-01-01' + floor(random() * 2190)::int,
         (ARRAY['Feminine','Feminine','Feminine','Masculine','Masculine','TransgenderFeminine','NonSpecifiedUnknown'])[1 + floor(random() * 7)::int],
         (ARRAY['0--8','9--17','18--20','21--23','24--26','27--29','30--38','39--47','48+'])[1 + floor(random() * 9)::int],
         (ARRAY['TJK','TJK','TJK','UZB','AFG'])[1 + floor(random() * 5)::int],
         (ARRAY['TJ-DU','TJ-SU','TJ-KT','TJ-KT','TJ-GB','TJ-RA'])[1 + floor(random() * 6)::int],
         (ARRAY['RUS','RUS','RUS','KAZ','TUR','ARE','CHN'])[1 + floor(random() * 7)::int],
         ARRAY[(ARRAY['ForcedLabour','ForcedLabour','SexualExploitation','ForcedMarriage','ForcedBegging'])[1 + floor(random() * 5)::int]],
         '{}', NULL
       FROM person, generate_series(0, $3::integer - 1) AS i`,
      [owner.organisationId, owner.userId, cases],
    );
    await client.query(`ANALYZE victim_case`);
  } finally {
    await client.end();
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Median times of a three-dimension grouping over the seeded cases: route, function, plain baseline. */
export async function measureStatistics(
  t: TestApp,
  base: string,
  token: string,
  commissionOrganisationId: string,
  cases: number,
  seedSeconds: number,
  rounds: number,
): Promise<StatisticsFigures> {
  const superuser = new Client({ connectionString: t.db.superuserUrl });
  const service = new Client({ connectionString: t.db.appUrl });
  await superuser.connect();
  await service.connect();
  const route = async () => {
    const response = await fetch(`${base}/statistics/cases?groupBy=year,region,gender`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`statistics route answered ${response.status}`);
    await response.json();
  };
  const definer = async () => {
    await service.query('BEGIN');
    try {
      await service.query(
        `SELECT set_config('panoh.role', 'commission', true), set_config('panoh.organisation_id', $1, true)`,
        [commissionOrganisationId],
      );
      await service.query(`SELECT * FROM panoh_statistics_case_counts('{year,region,gender}', '{}')`);
    } finally {
      await service.query('ROLLBACK');
    }
  };
  const baseline = () =>
    superuser.query(
      `SELECT to_char(registered_on, 'YYYY'), region_of_origin, gender, count(*) FROM victim_case GROUP BY 1, 2, 3`,
    );
  try {
    await route(); // warm-up
    await definer();
    await baseline();
    const times = { route: [] as number[], definer: [] as number[], baseline: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      times.route.push(await timed(route));
      times.definer.push(await timed(definer));
      times.baseline.push(await timed(baseline));
    }
    return {
      cases,
      seedSeconds,
      routeMillis: median(times.route),
      functionMillis: median(times.definer),
      baselineMillis: median(times.baseline),
    };
  } finally {
    await superuser.end();
    await service.end();
  }
}
