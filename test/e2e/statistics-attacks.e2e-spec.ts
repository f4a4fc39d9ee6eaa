import { Role } from '../../src/core/access/role';
import { CTDC_COLUMNS } from '../../src/modules/statistics/ctdc-layout';
import type {
  PublishedTable,
  ReleaseDimension,
  ReleaseSummary,
  ReleaseView,
  RequestAllowance,
} from '../../src/modules/statistics/releases/release-contract';
import { Api, Caller } from '../support/api';
import {
  AttackCase,
  AttackRecord,
  attackPopulation,
  caseBody,
  containsRareBoy,
  entryName,
  K,
  linkedBounds,
  RARE_BOY,
  recordOf,
  releaseEngine,
  trueCount,
  truthOf,
  zerosNextToWithheld,
} from '../support/disclosure-attack';
import { seedCases, seedReferrals, times } from '../support/statistics-seed';
import { createOrganisation, createUser, startTestApp, TestApp } from '../support/test-app';

/**
 * The attacks that broke the live statistics (docs/statistics.md, "What releases protect against"),
 * run again as a commission member would run them against the releases: on a population of 200
 * victims registered through the API, identified in 2025 (a closed year), with one rare victim among
 * them — the only boy of 9–17 from Gorno-Badakhshan, in forced begging, exploited in Afghanistan.
 */

const PERIOD = '2025';

/** A case registered after the release, in its period: a second boy like the rare one. */
const LATE: AttackCase = { ...RARE_BOY, registeredOn: '2025-12-20' };

/**
 * The tables the attacker asks for, the rare boy's attributes first: every 1–3-dimension table the
 * allowance permits, so the limit, not the attacker's patience, ends the list.
 */
const WANTED: ReleaseDimension[][] = [
  ['region', 'gender', 'ageBand'],
  ['region', 'exploitationType'],
  ['region', 'countryOfExploitation'],
  ['gender', 'ageBand', 'exploitationType'],
  ['region', 'gender', 'exploitationType'],
  ['region', 'ageBand', 'exploitationType'],
  ['ageBand', 'exploitationType'],
  ['gender', 'exploitationType'],
  ['exploitationType', 'countryOfExploitation'],
  ['region', 'gender'],
  ['region', 'ageBand'],
  ['gender', 'countryOfExploitation'],
  ['ageBand', 'countryOfExploitation'],
  ['region', 'quarter'],
  ['quarter', 'exploitationType'],
  ['region', 'stage'],
  ['region', 'referralOutcome'],
  ['exploitationType', 'referralOutcome'],
  ['gender', 'ageBand', 'countryOfExploitation'],
  ['region', 'exploitationType', 'countryOfExploitation'],
  ['quarter', 'gender', 'ageBand'],
  ['traffickingStatus', 'region'],
];

const REFUSALS = ['cyclic', 'too-detailed', 'unprotectable'];

async function registerPopulation(caller: Caller, cases: readonly AttackCase[], from = 0): Promise<void> {
  let n = from;
  for (const c of cases) {
    const created = await caller.openCase(caseBody(c, n++) as Parameters<Caller['openCase']>[0]);
    await caller.consent(created.id, { purpose: 'statistics' });
  }
}

async function publish(admin: Caller, period = PERIOD) {
  return admin.post('/statistics/releases').send({ period });
}

async function read(caller: Caller, id: string): Promise<ReleaseView> {
  return (await caller.get(`/statistics/releases/${id}`).expect(200)).body as ReleaseView;
}

const everyTable = (view: ReleaseView): PublishedTable[] => [...view.tables, ...view.requests];

describe('Statistics releases under attack (suppression mode)', () => {
  let t: TestApp;
  let api: Api;
  let records: AttackRecord[];
  let release: ReleaseSummary;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t);
    const oversight = await createUser(t, Role.Commission);
    await api.signIn({
      caseworker: [Role.Caseworker, await createOrganisation(t)],
      admin: [Role.Admin, oversight.organisationId],
    });
    await api.add('attacker', oversight);
    const population = attackPopulation();
    await registerPopulation(api.as('caseworker'), population);
    // Khatlon's 25 women each have a referral that waits past its deadline at the snapshot.
    const shelter = await createOrganisation(t);
    const owner = api.user('caseworker');
    await seedReferrals(t.db, { organisationId: owner.organisationId, userId: owner.id }, shelter, {
      region: 'TJ-KT',
      status: 'pending',
      sentAfterDays: 0,
      dueAfterDays: 5,
    });
    records = population.map((c) => recordOf(c, c.region === 'TJ-KT' ? 'pending' : 'none'));
    const published = await publish(api.as('admin'));
    expect(published.status).toBe(201);
    release = published.body as ReleaseSummary;
    expect(release).toMatchObject({ period: PERIOD, version: 1, method: 'suppression', threshold: K });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('1. differencing: every number of the snapshot in one linear program', () => {
    const outcomes: number[] = [];

    beforeAll(async () => {
      for (const dimensions of WANTED) {
        const response = await api.as('attacker').post('/statistics/requests').send({ dimensions });
        outcomes.push(response.status);
        if (response.status === 429) break;
        expect([201, 422]).toContain(response.status);
        if (response.status === 422) expect(REFUSALS).toContain(response.body.code);
      }
    });

    it('stops the attacker at the Commission limit, refusals included', async () => {
      expect(outcomes).toHaveLength(21);
      expect(outcomes[20]).toBe(429);
      const allowance = (await api.as('attacker').get('/statistics/requests/allowance').expect(200))
        .body as RequestAllowance;
      expect(allowance).toEqual({ used: 20, limit: 20 });
    });

    it('leaves the rare boy’s existence and attributes unproved: each of his small cells is in [0, ≥ k]', async () => {
      const tables = everyTable(await read(api.as('attacker'), release.id));
      const { bounds, inconsistent } = linkedBounds(tables);
      // Exact counts: a cell two tables share has one value.
      expect(inconsistent).toEqual([]);
      let small = 0;
      for (const table of tables) {
        for (const entry of table.entries) {
          const truth = trueCount(table, entry.key, records);
          if (!containsRareBoy(table, entry.key) || truth === 0 || truth >= K) continue;
          small += 1;
          expect({ table: table.id, key: entry.key, count: entry.count }).toEqual({
            table: table.id,
            key: entry.key,
            count: null,
          });
          const range = bounds.get(entryName(table, entry.key));
          expect({ key: entryName(table, entry.key), lower: range?.lower, atLeastK: (range?.upper ?? 0) >= K }).toEqual(
            {
              key: entryName(table, entry.key),
              lower: 0,
              atLeastK: true,
            },
          );
        }
      }
      // At least the cell region × gender × age band that holds him alone was asked for.
      expect(small).toBeGreaterThan(0);
    });

    it('passes the suppression audit over the whole release: every small cell stays in [0, ≥ k]', async () => {
      const tables = everyTable(await read(api.as('attacker'), release.id));
      const engine = await releaseEngine();
      expect(engine.auditRelease({ published: tables, truth: truthOf(tables, records), k: K })).toEqual([]);
      // And the attacker's own program agrees, for every withheld small entry of every table.
      const { bounds } = linkedBounds(tables);
      for (const table of tables) {
        for (const entry of table.entries) {
          const truth = trueCount(table, entry.key, records);
          if (entry.count !== null) {
            // Exact, and never a small count.
            expect({ key: entry.key, count: entry.count }).toEqual({ key: entry.key, count: truth });
            expect(truth === 0 || truth >= K).toBe(true);
          } else if (truth > 0 && truth < K) {
            const range = bounds.get(entryName(table, entry.key)) as { lower: number; upper: number };
            expect(range.lower).toBe(0);
            expect(range.upper).toBeGreaterThanOrEqual(K);
          }
        }
      }
    });
  });

  describe('2. published zeros', () => {
    it('publishes no zero in a line with a withheld member or total, in any table of the release', async () => {
      const tables = everyTable(await read(api.as('attacker'), release.id));
      // Among them the line that gave the boys' exploitation away live, Gorno-Badakhshan's boys of
      // 9–17 by exploitation type (every type 0 but one withheld), in any table that has it.
      expect(zerosNextToWithheld(tables)).toEqual([]);
    });
  });

  describe('3. a new registration between two identical reads', () => {
    it('changes no byte of the release, and its revision for one late case is deferred', async () => {
      const attacker = api.as('attacker');
      const before = {
        list: (await attacker.get('/statistics/releases').expect(200)).text,
        view: (await attacker.get(`/statistics/releases/${release.id}`).expect(200)).text,
        tables: (await attacker.get(`/statistics/releases/${release.id}/tables.csv`).expect(200)).text,
        ctdc: (await attacker.get(`/statistics/releases/${release.id}/ctdc.csv`).expect(200)).text,
      };
      await registerPopulation(api.as('caseworker'), [LATE], 10_000);
      const after = {
        list: (await attacker.get('/statistics/releases').expect(200)).text,
        view: (await attacker.get(`/statistics/releases/${release.id}`).expect(200)).text,
        tables: (await attacker.get(`/statistics/releases/${release.id}/tables.csv`).expect(200)).text,
        ctdc: (await attacker.get(`/statistics/releases/${release.id}/ctdc.csv`).expect(200)).text,
      };
      expect(after).toEqual(before);
      // A new version would differ from the first by one in every line holding the late boy.
      const revision = await publish(api.as('admin'));
      expect(revision.status).toBe(409);
      expect(revision.body.code).toBe('revision-deferred');
      const versions = ((await attacker.get('/statistics/releases').expect(200)).body as ReleaseSummary[]).filter(
        (s) => s.period === PERIOD,
      );
      expect(versions.map((s) => s.version)).toEqual([1]);
    });
  });

  describe('4. averaging', () => {
    it('gives the same numbers to every repetition, exact where published, null where withheld', async () => {
      // A Commission of its own: a fresh allowance.
      const other = await api.add('other commission', await createUser(t, Role.Commission));
      const answers = [];
      for (let i = 0; i < 3; i++) {
        const response = await other.post('/statistics/requests').send({ dimensions: ['region', 'exploitationType'] });
        answers.push({ status: response.status, entries: (response.body as PublishedTable).entries });
      }
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      const reads = [];
      for (let i = 0; i < 4; i++) reads.push(everyTable(await read(other, release.id)));
      for (const r of reads.slice(1)) expect(r).toEqual(reads[0]);
      // Nothing to average: a published count is the true count, a withheld one stays null on every read.
      for (const table of reads[0]) {
        for (const entry of table.entries) {
          if (entry.count === null) continue;
          const truth = trueCount(table, entry.key, records);
          expect({ table: table.id, key: entry.key, count: entry.count }).toEqual({
            table: table.id,
            key: entry.key,
            count: truth,
          });
        }
      }
    });
  });

  describe('5. timeliness', () => {
    it('comes only from the release, withheld below k, and does not move with new data', async () => {
      const attacker = api.as('attacker');
      expect((await attacker.get('/statistics/timeliness')).status).toBe(404);
      expect((await attacker.get('/statistics/cases?groupBy=region')).status).toBe(404);
      const first = await read(attacker, release.id);
      // No accepted referral (0 < k): no median; Khatlon's 25 overdue referrals are at least k.
      expect(first.timeliness).toEqual({
        identificationToAcceptanceDays: null,
        referralResponseDays: null,
        overdueReferrals: 25,
      });
      // Rasht's 28 cases now get accepted referrals, and one more late case arrives: the release stays.
      const owner = api.user('caseworker');
      await seedReferrals(
        t.db,
        { organisationId: owner.organisationId, userId: owner.id },
        await createOrganisation(t),
        {
          region: 'TJ-RA',
          status: 'accepted',
          sentAfterDays: 1,
          decidedAfterDays: 2,
          dueAfterDays: 5,
        },
      );
      await registerPopulation(api.as('caseworker'), [{ ...LATE, registeredOn: '2025-12-21' }], 10_001);
      expect((await read(attacker, release.id)).timeliness).toEqual(first.timeliness);
    });
  });

  describe('two downloads of one release', () => {
    it('are byte-identical, tables and CTDC dataset', async () => {
      const attacker = api.as('attacker');
      for (const file of ['tables.csv', 'ctdc.csv']) {
        const one = await attacker.get(`/statistics/releases/${release.id}/${file}`).expect(200);
        const two = await attacker.get(`/statistics/releases/${release.id}/${file}`).expect(200);
        expect(one.headers['content-type']).toMatch(/^text\/csv/);
        expect(Buffer.from(two.text, 'utf8').equals(Buffer.from(one.text, 'utf8'))).toBe(true);
      }
    });
  });
});

describe('6. Statistics releases under attack (differential-privacy mode)', () => {
  let t: TestApp;
  let api: Api;
  let records: AttackRecord[];
  let release: ReleaseSummary;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_STATISTICS_MODE: 'dp' });
    api = new Api(t);
    const oversight = await createUser(t, Role.Commission);
    await api.signIn({
      caseworker: [Role.Caseworker, await createOrganisation(t)],
      admin: [Role.Admin, oversight.organisationId],
    });
    await api.add('attacker', oversight);
    const population = attackPopulation();
    await registerPopulation(api.as('caseworker'), population);
    records = population.map((c) => recordOf(c));
    const published = await publish(api.as('admin'));
    expect(published.status).toBe(201);
    release = published.body as ReleaseSummary;
    expect(release.method).toBe('dp');
  });

  afterAll(async () => {
    await t.close();
  });

  it('gives a synthetic CTDC dataset: the same bytes on every download, before and after a new case', async () => {
    const attacker = api.as('attacker');
    const download = async () => (await attacker.get(`/statistics/releases/${release.id}/ctdc.csv`).expect(200)).text;
    const first = await download();
    expect(await download()).toBe(first);
    await registerPopulation(api.as('caseworker'), [LATE], 10_000);
    expect(await download()).toBe(first);
  });

  it('counts in the synthetic dataset what the noisy tables publish, not the true counts', async () => {
    const attacker = api.as('attacker');
    const view = await read(attacker, release.id);
    const csv = (await attacker.get(`/statistics/releases/${release.id}/ctdc.csv`).expect(200)).text;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0].split(',')).toEqual([...CTDC_COLUMNS]);
    const ageAt = CTDC_COLUMNS.indexOf('ageBroad');
    const ages = lines.slice(1).map((line) => line.split(',')[ageAt]);
    const table = view.tables.find((x) => x.id === 'victims-by-gender-and-age') as PublishedTable;
    const grand = table.entries.find((e) => e.key.every((k) => k === '*'));
    expect(ages).toHaveLength(grand?.count as number);
    for (const entry of table.entries.filter((e) => e.key[0] === '*' && e.key[1] !== '*')) {
      const band = entry.key[1];
      if (band === 'Unknown' || band === 'other') continue;
      expect({ band, rows: ages.filter((a) => a === band).length }).toEqual({ band, rows: entry.count });
    }
    // Noise: some published margin differs from the truth (with 200 victims and ρ split over the
    // catalogue, all of them exact is vanishingly unlikely).
    const differs = view.tables.some((x) => x.entries.some((e) => e.count !== trueCount(x, e.key, records)));
    expect(differs).toBe(true);
  });

  it('draws the noise of a period once: a second release of it, which could be averaged with the first, is refused', async () => {
    const again = await publish(api.as('admin'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('release-final');
    const list = (await api.as('attacker').get('/statistics/releases').expect(200)).body as ReleaseSummary[];
    expect(list.map((r) => r.id)).toEqual([release.id]);
  });
});

describe('7. The request limit: refusals count, and it is per Commission', () => {
  let t: TestApp;
  let api: Api;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_STATISTICS_MONTHLY_REQUESTS: '3' });
    api = new Api(t);
    const first = await createUser(t, Role.Commission);
    await api.add('first', first);
    await api.add('colleague', await createUser(t, Role.Commission, first.organisationId));
    await api.add('elsewhere', await createUser(t, Role.Commission));
    await api.signIn({ admin: [Role.Admin, first.organisationId] });
    const caseworker = await createUser(t, Role.Caseworker);
    await seedCases(t.db, { organisationId: caseworker.organisationId, userId: caseworker.id }, [
      ...times(40, { registeredOn: '2025-03-10', region: 'TJ-DU', gender: 'Feminine', ageBand: '21--23' }),
      ...times(30, { registeredOn: '2025-05-10', region: 'TJ-SU', gender: 'Masculine', ageBand: '27--29' }),
      ...times(3, { registeredOn: '2025-08-10', region: 'TJ-KT', gender: 'Masculine', ageBand: '21--23' }),
    ]);
    expect((await publish(api.as('admin'))).status).toBe(201);
  });

  afterAll(async () => {
    await t.close();
  });

  const ask = (name: string, dimensions: ReleaseDimension[]) =>
    api.as(name).post('/statistics/requests').send({ dimensions });
  const allowance = async (name: string) =>
    (await api.as(name).get('/statistics/requests/allowance').expect(200)).body as RequestAllowance;

  it('counts a refused request, shares the limit between two accounts of one Commission, and not beyond it', async () => {
    expect(await allowance('first')).toEqual({ used: 0, limit: 3 });
    // With the catalogue's gender × age band, region × gender then region × age band closes a cycle:
    // if the first is published the second is refused (cyclic); if the first is refused, it is the refusal.
    const statuses = [
      (await ask('first', ['region', 'gender'])).status,
      (await ask('first', ['region', 'ageBand'])).status,
    ];
    expect(statuses).toContain(422);
    expect(await allowance('first')).toEqual({ used: 2, limit: 3 });
    // The colleague's account belongs to the same Commission: its allowance is the same one.
    expect(await allowance('colleague')).toEqual({ used: 2, limit: 3 });
    expect([201, 422]).toContain((await ask('colleague', ['stage'])).status);
    expect((await ask('first', ['traffickingStatus'])).status).toBe(429);
    expect((await ask('colleague', ['referralOutcome'])).status).toBe(429);
    expect(await allowance('first')).toEqual({ used: 3, limit: 3 });
    // Another Commission's account has its own.
    expect(await allowance('elsewhere')).toEqual({ used: 0, limit: 3 });
    expect((await ask('elsewhere', ['stage'])).status).not.toBe(429);
  });
});
