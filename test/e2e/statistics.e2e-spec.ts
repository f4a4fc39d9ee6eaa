import { randomUUID } from 'node:crypto';
import { ROLE_PERMISSIONS } from '../../src/core/access/permission';
import { listRoutes } from '../../src/core/guard/route-inventory';
import { Role } from '../../src/core/access/role';
import { MAX_PERTURBATION } from '../../src/modules/statistics/cell-key';
import { CTDC_COLUMNS } from '../../src/modules/statistics/ctdc-layout';
import { Dimension } from '../../src/modules/statistics/dimensions';
import type {
  StatisticsAnswerDto as StatisticsAnswer,
  StatisticsEntryDto as StatisticsEntry,
} from '../../src/modules/statistics/dto/statistics-answer.dto';
import { seedCases, SeedCase, seedReferrals, times } from '../support/statistics-seed';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';

const K = 11;

/** 49 cases of 2025: three in Khatlon, one man among the twenty of Dushanbe. */
const CASES: SeedCase[] = [
  ...times(2, { region: 'TJ-KT', gender: 'Feminine' }),
  ...times(1, { region: 'TJ-KT', gender: 'Masculine' }),
  ...times(8, { region: 'TJ-SU', gender: 'Feminine' }),
  ...times(6, { region: 'TJ-SU', gender: 'Masculine' }),
  ...times(19, { region: 'TJ-DU', gender: 'Feminine' }),
  ...times(1, { region: 'TJ-DU', gender: 'Masculine' }),
  ...times(12, { region: 'TJ-RA', gender: 'Feminine' }),
];

function entry(answer: StatisticsAnswer, key: Partial<Record<Dimension, string>>): StatisticsEntry {
  const found = [...answer.cells, ...answer.totals].find((e) =>
    Object.entries(key).every(([d, v]) => e.key[d as Dimension] === v),
  );
  if (!found) throw new Error(`no entry ${JSON.stringify(key)}`);
  return found;
}

describe('Statistics for the Commission', () => {
  let t: TestApp;
  let commission: TestUser;
  let token: string;
  let owner: { organisationId: string; userId: string };

  const ask = async (query: string): Promise<StatisticsAnswer> => {
    const response = await t.http().get(`/statistics/cases?${query}`).set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    return response.body as StatisticsAnswer;
  };

  beforeAll(async () => {
    t = await startTestApp();
    commission = await createUser(t, Role.Commission);
    token = await login(t, commission);
    const caseworker = await createUser(t, Role.Caseworker, await createOrganisation(t));
    owner = { organisationId: caseworker.organisationId, userId: caseworker.id };
    await seedCases(t.db, owner, CASES, { personErased: false });
  });

  afterAll(async () => {
    await t.close();
  });

  const near = (count: number | null, n: number) => {
    expect(count).not.toBeNull();
    expect(Math.abs((count as number) - n)).toBeLessThanOrEqual(MAX_PERTURBATION);
  };

  it('folds a region too small overall into "other", so that no pair of questions isolates it', async () => {
    // Without global recoding: "by region" withholds Khatlon (3) and, as its complement, Rasht (12);
    // "by gender in Rasht" publishes Rasht (≈ 12); the total minus the published regions gives
    // Khatlon ≈ 3, and averaging such differences over many filters removes the noise.
    const byRegion = await ask('groupBy=region');
    expect(byRegion.answered).toBe(true);
    expect(byRegion.folded).toEqual({ region: ['TJ-KT', 'TJ-RA'] });
    expect(byRegion.cells.map((c) => c.key.region)).toEqual(['TJ-DU', 'TJ-SU', 'TJ-GB', 'Unknown', 'other']);
    // Khatlon is never a category of its own: it counts in "other" with Rasht, a bucket of 15.
    near(entry(byRegion, { region: 'other' }).count, 15);
    near(entry(byRegion, { region: 'TJ-DU' }).count, 20);
    near(entry(byRegion, { region: 'TJ-SU' }).count, 14);
    // And neither can be asked about on its own: the second question of the pair is refused.
    for (const region of ['TJ-RA', 'TJ-KT']) {
      const response = await t
        .http()
        .get(`/statistics/cases?groupBy=gender&region=${region}`)
        .set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(422);
      expect(response.body.details).toEqual([{ field: 'region', problem: expect.stringMatching(/too small/) }]);
    }
    // The same folding holds in every question that groups by region.
    const filtered = await ask('groupBy=region,ageBand&ageBand=27--29');
    expect(filtered.cells.some((c) => c.key.region === 'TJ-KT' || c.key.region === 'TJ-RA')).toBe(false);
  });

  it('answers an empty population exactly as one below k, never with an error', async () => {
    for (const query of ['groupBy=region&year=2030', 'groupBy=region&year=0000', 'groupBy=region&quarter=0000-Q1']) {
      const answer = await ask(query);
      expect(answer).toEqual({
        mode: 'suppression',
        groupBy: ['region'],
        filters: answer.filters,
        threshold: K,
        folded: { region: ['TJ-KT', 'TJ-RA'] },
        answered: false,
        cells: [],
        totals: [],
      });
    }
  });

  it('gives the same answer to the same question, however it is spelled', async () => {
    const first = await ask('groupBy=region,gender&year=2025');
    const again = await ask('groupBy=gender,region&year=2025,2025');
    expect(again).toEqual(first);
  });

  it('does not let two questions that differ by one filter isolate the one case it removes', async () => {
    // Dushanbe: 19 women and 1 man. Gender is folded (8 men in all), so the man's age band tells him
    // apart instead: he and eleven people of Sughd are 18–20, everyone else 27–29. "All of Dushanbe"
    // minus "Dushanbe aged 27–29" would, published exactly, name him.
    await asSuperuser(
      t.db,
      `UPDATE victim_case SET age_band = '18--20'
       WHERE (region_of_origin = 'TJ-DU' AND gender = 'Masculine')
          OR id IN (SELECT id FROM victim_case WHERE region_of_origin = 'TJ-SU' ORDER BY id LIMIT 11)`,
    );
    const differences: number[] = [];
    for (let trial = 0; trial < 12; trial++) {
      await asSuperuser(
        t.db,
        `UPDATE victim_case c SET statistics_key = hashtext(o.n || ':' || $1) & 2147483647
         FROM (SELECT id, row_number() OVER (ORDER BY reference) AS n FROM victim_case) o WHERE o.id = c.id`,
        [trial],
      );
      const all = entry(await ask('groupBy=region'), { region: 'TJ-DU' }).count as number;
      const women = entry(await ask('groupBy=region&ageBand=27--29'), { region: 'TJ-DU' }).count as number;
      expect(Math.abs(all - 20)).toBeLessThanOrEqual(MAX_PERTURBATION);
      expect(Math.abs(women - 19)).toBeLessThanOrEqual(MAX_PERTURBATION);
      differences.push(all - women);
    }
    // The difference is noise, not the one person: it takes many values, and mostly not the true one.
    expect(new Set(differences).size).toBeGreaterThanOrEqual(3);
    expect(differences.filter((d) => d === 1).length).toBeLessThan(differences.length / 2);
    // And his own cell is withheld.
    expect(entry(await ask('groupBy=region,ageBand'), { region: 'TJ-DU', ageBand: '18--20' }).count).toBeNull();
  });

  it('counts cases by referral outcome and gives NRM timeliness under the same rules', async () => {
    const shelter = await createOrganisation(t);
    // Dushanbe: accepted five days after identification (sent on day 2, answered in 3 days).
    await seedReferrals(t.db, owner, shelter, {
      region: 'TJ-DU',
      status: 'accepted',
      sentAfterDays: 2,
      decidedAfterDays: 3,
      dueAfterDays: 5,
    });
    // Sughd: declined after 4 days. Khatlon (3 cases): accepted after 10 days. Rasht: pending, overdue.
    await seedReferrals(t.db, owner, shelter, {
      region: 'TJ-SU',
      status: 'declined',
      sentAfterDays: 1,
      decidedAfterDays: 4,
      dueAfterDays: 5,
    });
    await seedReferrals(t.db, owner, shelter, {
      region: 'TJ-KT',
      status: 'accepted',
      sentAfterDays: 0,
      decidedAfterDays: 10,
      dueAfterDays: 5,
    });
    await seedReferrals(t.db, owner, shelter, {
      region: 'TJ-RA',
      status: 'pending',
      sentAfterDays: 0,
      dueAfterDays: 5,
    });

    const byOutcome = await ask('groupBy=referralOutcome');
    near(entry(byOutcome, { referralOutcome: 'accepted' }).count, 23);
    near(entry(byOutcome, { referralOutcome: 'declined' }).count, 14);
    near(entry(byOutcome, { referralOutcome: 'pending' }).count, 12);
    expect(entry(byOutcome, { referralOutcome: 'none' }).count).toBe(0);

    // A second, later referral of each Dushanbe case: the response median stays one figure per case.
    await seedReferrals(t.db, owner, shelter, {
      region: 'TJ-DU',
      status: 'declined',
      sentAfterDays: 30,
      decidedAfterDays: 60,
      dueAfterDays: 70,
    });
    await seedReferrals(t.db, owner, shelter, {
      region: 'TJ-DU',
      status: 'declined',
      sentAfterDays: 31,
      decidedAfterDays: 60,
      dueAfterDays: 70,
    });

    const response = await t
      .http()
      .get('/statistics/timeliness?groupBy=region')
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    const { measures, folded } = response.body as {
      folded: Record<string, string[]>;
      measures: Record<
        string,
        {
          answered: boolean;
          entries: { key: Record<string, string>; count: number | null; medianWeeks?: number | null }[];
        }
      >;
    };
    expect(folded).toEqual({ region: ['TJ-KT', 'TJ-RA'] });
    const at = (measure: string, region: string) => measures[measure].entries.find((e) => e.key.region === region)!;
    // Khatlon's three cases, in "other", are withheld with their median, and so is a complement.
    expect(at('identificationToAcceptance', 'other')).toMatchObject({ count: null, medianWeeks: null });
    expect(at('identificationToAcceptance', 'TJ-DU')).toMatchObject({ count: null, medianWeeks: null });
    near(at('identificationToAcceptance', '*').count, 23);
    expect(at('identificationToAcceptance', '*').medianWeeks).toBe(1); // 5 days
    expect(at('referralResponse', 'other').count).toBeNull();
    // Per case (its first referral): 20 figures of 3 days, not 60 figures mostly of 60 days.
    near(at('referralResponse', 'TJ-DU').count, 20);
    expect(at('referralResponse', 'TJ-DU').medianWeeks).toBe(0);
    expect(at('referralResponse', '*').medianWeeks).toBe(0); // 3 days
    near(at('overdueReferrals', 'other').count, 12);
    expect(at('overdueReferrals', 'TJ-DU').count).toBe(0);

    const total = await t.http().get('/statistics/timeliness?region=TJ-KT').set('Authorization', `Bearer ${token}`);
    expect(total.status).toBe(422);
  });

  it('exports a k-anonymous CTDC dataset with no identifying field', async () => {
    await seedCases(
      t.db,
      owner,
      [
        ...times(2, { countryOfExploitation: 'KAZ', ageBand: '18--20', exploitationTypes: ['SexualExploitation'] }),
        ...times(2, { traffickingStatus: 'NotAVictimOfTrafficking' }),
        ...times(3, { statisticsConsent: false }),
      ],
      { personErased: false },
    );
    // Twelve cases of a person who asked to be forgotten: not in the record-level export.
    await seedCases(t.db, owner, times(12, { region: 'TJ-SU', countryOfExploitation: 'TUR' }), { personErased: true });
    const response = await t.http().get('/statistics/export/ctdc.csv').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (response.text as string).trimEnd().split('\r\n');
    expect(lines[0].split(',')).toEqual([...CTDC_COLUMNS]);
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((v, i) => [CTDC_COLUMNS[i], v])));
    // 49 + 2 (neither cases that are not of victims, nor those without consent, nor the erased person's),
    // banded to the nearest 5; the two exploited in Kazakhstan stay a class of their own and are
    // withheld, which the header says only as "<11".
    expect(response.headers['x-panoh-records']).toBe('50');
    expect(response.headers['x-panoh-records-withheld']).toBe(`<${K}`);
    expect(rows.length).toBeGreaterThan(51 - K);
    expect(rows.length).toBeLessThan(51);
    expect(rows.some((r) => r.CountryOfExploitation === 'TR')).toBe(false);
    expect(response.headers['x-panoh-records-generalised']).not.toBe('0');
    // Equivalence classes over every published column, not only the quasi-identifiers.
    const classes = new Map<string, number>();
    for (const line of lines.slice(1)) classes.set(line, (classes.get(line) ?? 0) + 1);
    for (const size of classes.values()) expect(size).toBeGreaterThanOrEqual(K);
    // Codes only: no id, reference, date or free text anywhere (a period such as 2025-2029 is not a date).
    const text = response.text as string;
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
    expect(text).not.toMatch(/TJ-\d{4}-\d{5}/);
    expect(text).not.toMatch(/\d{4}-(0[1-9]|1[0-2])(?!\d)/);
    expect(text).not.toMatch(/\d{1,2}[./]\d{1,2}[./]\d{2,4}/);
    for (const row of rows) for (const value of Object.values(row)) expect(value).toMatch(/^[A-Za-z0-9+/ -]*$/);
  });

  it('writes what was asked, not the answer, in the audit log', async () => {
    const requestId = randomUUID();
    await t
      .http()
      .get('/statistics/cases?groupBy=region&ageBand=27--29')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', requestId)
      .expect(200);
    const [event] = await asSuperuser<{ action: string; actor_role: string; detail: unknown; case_ids: string[] }>(
      t.db,
      `SELECT action, actor_role, detail, case_ids FROM audit_event WHERE request_id = $1`,
      [requestId],
    );
    expect(event).toEqual({
      action: 'statistics.queried',
      actor_role: 'commission',
      case_ids: [],
      detail: { mode: 'suppression', groupBy: ['region'], 'filter.ageBand': ['27--29'] },
    });
    const exportId = randomUUID();
    await t
      .http()
      .get('/statistics/export/ctdc.csv')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', exportId)
      .expect(200);
    const [exported] = await asSuperuser<{ action: string; detail: unknown; case_ids: string[] }>(
      t.db,
      `SELECT action, detail, case_ids FROM audit_event WHERE request_id = $1`,
      [exportId],
    );
    expect(exported).toEqual({
      action: 'export.downloaded',
      case_ids: [],
      detail: { format: 'ctdc', threshold: K },
    });
  });

  it('keeps the base tables out of reach of the commission and the function out of reach of every other role', async () => {
    const as = async (role: string, organisationId: string, sql: string): Promise<unknown[]> =>
      asServiceRole(
        t.db,
        `WITH caller AS MATERIALIZED (SELECT set_config('panoh.role', $1, false), set_config('panoh.organisation_id', $2, false))
         ${sql}`,
        [role, organisationId],
      );
    expect(await as('commission', commission.organisationId, `SELECT c.* FROM caller, victim_case c`)).toEqual([]);
    expect(await as('commission', owner.organisationId, `SELECT c.id FROM caller, victim_case c`)).toHaveLength(
      CASES.length + 19,
    ); // the owner's organisation sees its own cases: the policies, not the role, decide
    // Setting the definer's scope gains the service nothing: that policy names the owner only.
    expect(
      await as(
        'commission',
        commission.organisationId,
        `, scope AS MATERIALIZED (SELECT set_config('panoh.definer_scope', 'statistics', false))
         SELECT c.id FROM caller, scope, victim_case c`,
      ),
    ).toEqual([]);
    for (const role of ['caseworker', 'org_manager', 'investigator', 'auditor', 'admin', '']) {
      await expect(
        as(role, owner.organisationId, `SELECT f.* FROM caller, panoh_statistics_case_counts('{region}', '{}') f`),
      ).rejects.toThrow(/not allowed/);
      await expect(
        as(role, owner.organisationId, `SELECT f.* FROM caller, panoh_statistics_ctdc_records() f`),
      ).rejects.toThrow(/not allowed/);
    }
    const rows = await as(
      'commission',
      commission.organisationId,
      `SELECT f.* FROM caller, panoh_statistics_case_counts('{region}', '{}') f`,
    );
    expect(Object.keys(rows[0] as object).sort()).toEqual(['key', 'key_sum', 'n']);
    await expect(
      as(
        'commission',
        commission.organisationId,
        `SELECT f.* FROM caller, panoh_statistics_case_counts('{id}', '{}') f`,
      ),
    ).rejects.toThrow(/unknown dimension/);
  });

  it('refuses bad questions with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['groupBy=region,gender,year,stage', 'groupBy'],
      ['groupBy=id', 'groupBy'],
      ['groupBy=region&region=TJ-XX', 'region'],
      ['groupBy=region&year=25', 'year'],
      ['groupBy=region&reference=TJ-2025-00001', 'reference'],
    ]) {
      const response = await t.http().get(`/statistics/cases?${query}`).set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain(field);
    }
  });

  it('lets the commission reach the statistics and nothing else', async () => {
    const own = new Set<string>(ROLE_PERMISSIONS[Role.Commission]);
    const reachable: string[] = [];
    // The API's routes; the pages (which take no bearer token) are walked by web-oversight.e2e-spec.ts.
    for (const route of listRoutes(t.app).filter((r) => r.path !== '/ui' && !r.path.startsWith('/ui/'))) {
      const path = route.path.replace(/:[A-Za-z]+/g, randomUUID());
      if (route.permission === 'public' || own.has(route.permission ?? '')) {
        reachable.push(`${route.method} ${route.path}`);
        continue;
      }
      const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
      const response = await t.http()[method](path).set('Authorization', `Bearer ${token}`).send({});
      expect([403, 404]).toContain(response.status);
    }
    // Its own account, the code lists' labels, the public routes, and the statistics.
    expect(reachable.filter((r) => !/^[A-Z]+ \/(auth|health)/.test(r))).toEqual([
      'GET /', // the service's address, which sends a browser to the pages
      'GET /code-lists',
      'GET /statistics/cases',
      'GET /statistics/export/ctdc.csv',
      'GET /statistics/timeliness',
    ]);
  });

  it('refuses the statistics to every other role', async () => {
    for (const role of [Role.Caseworker, Role.OrgManager, Role.Investigator, Role.Auditor, Role.Admin]) {
      const other = await login(t, await createUser(t, role));
      for (const path of ['/statistics/cases?groupBy=region', '/statistics/export/ctdc.csv']) {
        const response = await t.http().get(path).set('Authorization', `Bearer ${other}`);
        expect(response.status).toBe(403);
      }
    }
  });

  it('counts a case under each of its exploitation types, and once in the totals', async () => {
    await seedCases(t.db, owner, [
      ...times(12, { region: 'TJ-GB', exploitationTypes: ['ForcedLabour', 'SexualExploitation'] }),
      ...times(11, { region: 'TJ-GB', exploitationTypes: ['SexualExploitation'] }),
    ]);
    // The database refuses a type twice on one case (it would count the case twice under it).
    await expect(
      asSuperuser(
        t.db,
        `UPDATE victim_case SET exploitation_types = '{ForcedLabour,ForcedLabour}' WHERE region_of_origin = 'TJ-GB'`,
      ),
    ).rejects.toThrow(/victim_case_exploitation_types_distinct/);
    const byType = await ask('groupBy=exploitationType&region=TJ-GB');
    near(entry(byType, { exploitationType: 'SexualExploitation' }).count, 23);
    near(entry(byType, { exploitationType: 'ForcedLabour' }).count, 12);
    near(entry(byType, { exploitationType: '*' }).count, 23);
    const byTypeAndRegion = await ask(
      'groupBy=exploitationType,region&exploitationType=SexualExploitation&region=TJ-GB',
    );
    near(entry(byTypeAndRegion, { exploitationType: 'SexualExploitation', region: 'TJ-GB' }).count, 23);
    near(entry(byTypeAndRegion, { exploitationType: '*', region: 'TJ-GB' }).count, 23);
    expect(byTypeAndRegion.cells.map((c) => c.key.exploitationType)).not.toContain('ForcedLabour');
  });
});

describe('Statistics in differential-privacy mode', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({
      PANOH_STATISTICS_MODE: 'dp',
      PANOH_STATISTICS_EPSILON: '1',
      PANOH_STATISTICS_EPSILON_TOTAL: '2',
    });
    const commission = await createUser(t, Role.Commission);
    token = await login(t, commission);
    const caseworker = await createUser(t, Role.Caseworker);
    await seedCases(t.db, { organisationId: caseworker.organisationId, userId: caseworker.id }, CASES);
  });

  afterAll(async () => {
    await t.close();
  });

  const ask = (query: string) => t.http().get(`/statistics/cases?${query}`).set('Authorization', `Bearer ${token}`);

  it('spends the budget once per question, repeats stored answers, and refuses when the budget is spent', async () => {
    const first = await ask('groupBy=region');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ mode: 'dp', epsilon: 1, answered: true });
    expect(first.body.cells.every((c: StatisticsEntry) => Number.isInteger(c.count) && (c.count as number) >= 0)).toBe(
      true,
    );
    // Asked again: the same noisy answer, not a fresh draw, and no more budget spent.
    const again = await ask('groupBy=region');
    expect(again.body).toEqual(first.body);
    // An empty population is a question like any other: noisy counts, and it costs ε.
    const empty = await ask('groupBy=gender&year=2030');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ mode: 'dp', epsilon: 1, answered: true });
    expect(empty.body.cells.map((c: StatisticsEntry) => c.key.gender)).toContain('other');
    const refused = await ask('groupBy=stage');
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/privacy budget/);
    expect((await ask('groupBy=region')).body).toEqual(first.body);
    const [budget] = await asSuperuser<{ epsilon_spent: string }>(
      t.db,
      `SELECT epsilon_spent FROM statistics_privacy_budget WHERE period = 'lifetime'`,
    );
    expect(Number(budget.epsilon_spent)).toBe(2);
    const timeliness = await t.http().get('/statistics/timeliness').set('Authorization', `Bearer ${token}`);
    expect(timeliness.status).toBe(409);
  });
});

describe('Statistics: the daily cap on distinct questions', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_STATISTICS_DAILY_QUESTIONS: '2' });
    token = await login(t, await createUser(t, Role.Commission));
    const caseworker = await createUser(t, Role.Caseworker);
    await seedCases(t.db, { organisationId: caseworker.organisationId, userId: caseworker.id }, CASES);
  });

  afterAll(async () => {
    await t.close();
  });

  const ask = (path: string, as = token) => t.http().get(path).set('Authorization', `Bearer ${as}`);

  it('counts distinct questions per user and day in the database, repeated ones free', async () => {
    expect((await ask('/statistics/cases?groupBy=region,ageBand')).status).toBe(200);
    expect((await ask('/statistics/timeliness?groupBy=region')).status).toBe(200);
    // Asked again, in another spelling: free.
    expect((await ask('/statistics/cases?groupBy=ageBand,region')).status).toBe(200);
    const refused = await ask('/statistics/cases?groupBy=stage');
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/different statistical questions a day/);
    // The refused question was not recorded; another commission user has a cap of their own.
    const rows = await asSuperuser<{ n: string }>(t.db, `SELECT count(*) AS n FROM statistics_question`);
    expect(Number(rows[0].n)).toBe(2);
    const other = await login(t, await createUser(t, Role.Commission));
    expect((await ask('/statistics/cases?groupBy=stage', other)).status).toBe(200);
  });
});
