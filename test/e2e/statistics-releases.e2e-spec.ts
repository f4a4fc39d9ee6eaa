import { createPublicKey, verify } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/core/access/role';
import type {
  PublishedTable,
  ReleaseSummary,
  ReleaseView,
} from '../../src/modules/statistics/releases/release-contract';
import { canonicalBytes } from '../../src/modules/statistics/releases/release-signature';
import { seedCases, SeedCase, times } from '../support/statistics-seed';
import { asOrganisation, asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';

const K = 11;
const LIMIT = 4;

/** 2025: 60 cases, three of them from Khatlon (a count below k). */
const CASES: SeedCase[] = [
  ...times(3, { region: 'TJ-KT', gender: 'Masculine' }),
  ...times(20, { region: 'TJ-SU', gender: 'Feminine' }),
  ...times(25, { region: 'TJ-DU', gender: 'Feminine' }),
  ...times(12, { region: 'TJ-RA', gender: 'Feminine', ageBand: '18--26' }),
];

/** Ed25519 checked with node's own implementation, independently of the service's library. */
function ed25519Verifies(message: Buffer, signature: string, publicKey: string): boolean {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKey, 'base64')]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return verify(null, message, key, Buffer.from(signature, 'base64'));
}

describe('Statistics releases', () => {
  let t: TestApp;
  let admin: string;
  let commission: string;
  let sameCommission: string;
  let otherCommission: string;
  let caseworker: string;
  let owner: { organisationId: string; userId: string };
  let commissionUser: TestUser;
  let release: ReleaseSummary;

  const get = (token: string, path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object) =>
    t.http().post(path).set('Authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    t = await startTestApp({ PANOH_STATISTICS_MONTHLY_REQUESTS: String(LIMIT) });
    admin = await login(t, await createUser(t, Role.Admin));
    const commissionOrg = await createOrganisation(t, undefined, 'CentralGovernmentOrganisation', 'oversight');
    commissionUser = await createUser(t, Role.Commission, commissionOrg);
    commission = await login(t, commissionUser);
    sameCommission = await login(t, await createUser(t, Role.Commission, commissionOrg));
    otherCommission = await login(
      t,
      await createUser(
        t,
        Role.Commission,
        await createOrganisation(t, undefined, 'CentralGovernmentOrganisation', 'oversight'),
      ),
    );
    const worker = await createUser(t, Role.Caseworker, await createOrganisation(t));
    caseworker = await login(t, worker);
    owner = { organisationId: worker.organisationId, userId: worker.id };
    await seedCases(t.db, owner, CASES, { personErased: false });
  });

  afterAll(async () => {
    await t.close();
  });

  it('publishes only as an administrator, only closed periods, naming the field and never echoing it', async () => {
    expect((await post(commission, '/statistics/releases', { period: '2025' })).status).toBe(403);
    expect((await post(caseworker, '/statistics/releases', { period: '2025' })).status).toBe(403);

    const bad = await post(admin, '/statistics/releases', { period: '2025<script>' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('period');
    expect(JSON.stringify(bad.body)).not.toContain('<script>');

    const year = new Date().getUTCFullYear();
    const quarter = Math.floor(new Date().getUTCMonth() / 3) + 1;
    for (const period of [String(year), `${year}-Q${quarter}`, String(year + 1)]) {
      const open = await post(admin, '/statistics/releases', { period });
      expect(open.status).toBe(422);
      expect(open.body.details).toEqual([expect.objectContaining({ field: 'period' })]);
    }
    expect((await get(commission, '/statistics/releases')).body).toEqual([]);
  });

  it('publishes a release of a closed year, signed, listed for the Commission, withheld cells null', async () => {
    const published = await post(admin, '/statistics/releases', { period: '2025' });
    expect(published.status).toBe(201);
    release = published.body as ReleaseSummary;
    expect(release).toMatchObject({ period: '2025', version: 1, method: 'suppression', threshold: K });
    expect(release.suppressionRate).toBeGreaterThanOrEqual(0);
    expect(release.suppressionRate).toBeLessThan(1);

    const list = await get(commission, '/statistics/releases');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([release]);

    const view = (await get(commission, `/statistics/releases/${release.id}`)).body as ReleaseView;
    expect(view.summary).toEqual(release);
    expect(view.requests).toEqual([]);
    expect(view.tables.length).toBeGreaterThan(0);
    for (const table of view.tables) {
      for (const entry of table.entries) {
        // Nothing published counts 1 to k - 1 cases.
        if (entry.count !== null) expect(entry.count === 0 || entry.count >= K).toBe(true);
      }
    }
    // Khatlon's three cases are never a published count of their own.
    const byRegion = view.tables.find((table) => table.id === 'victims-by-region') as PublishedTable;
    const regionIndex = byRegion.categories[0].indexOf('TJ-KT');
    if (regionIndex >= 0) {
      expect(byRegion.entries.find((e) => e.key[0] === 'TJ-KT')?.count).toBeNull();
    }
    // The grand total is the period's victims.
    expect(byRegion.entries.find((e) => e.key.every((c) => c === '*'))?.count).toBe(CASES.length);
  });

  it('serves the same bytes on every download, and the signature verifies over them', async () => {
    const tables1 = await get(commission, `/statistics/releases/${release.id}/tables.csv`);
    const tables2 = await get(sameCommission, `/statistics/releases/${release.id}/tables.csv`);
    expect(tables1.status).toBe(200);
    expect(tables1.headers['content-type']).toMatch(/^text\/csv/);
    expect(tables2.text).toBe(tables1.text);
    const ctdc1 = await get(commission, `/statistics/releases/${release.id}/ctdc.csv`);
    const ctdc2 = await get(otherCommission, `/statistics/releases/${release.id}/ctdc.csv`);
    expect(ctdc1.status).toBe(200);
    expect(ctdc2.text).toBe(ctdc1.text);
    expect(ctdc1.text.split('\r\n')[0]).toContain('yearOfRegistration');

    const view = (await get(commission, `/statistics/releases/${release.id}`)).body as ReleaseView;
    const { signature, ...summary } = view.summary;
    const signed = {
      summary,
      tables: view.tables,
      timeliness: view.timeliness,
      tablesCsv: tables1.text,
      ctdcCsv: ctdc1.text,
    };
    expect(ed25519Verifies(canonicalBytes(signed), signature, summary.publicKey)).toBe(true);
    // One changed count, or one changed byte of a download, and it no longer verifies.
    const tampered = structuredClone(signed);
    const entry = tampered.tables[0].entries.find((e) => e.count !== null);
    (entry as { count: number }).count += 1;
    expect(ed25519Verifies(canonicalBytes(tampered), signature, summary.publicKey)).toBe(false);
    expect(
      ed25519Verifies(canonicalBytes({ ...signed, ctdcCsv: `${ctdc1.text} ` }), signature, summary.publicKey),
    ).toBe(false);
  });

  it('answers an unknown id with 404 and a malformed one with 400 naming id', async () => {
    expect((await get(commission, `/statistics/releases/${randomUUID()}`)).status).toBe(404);
    expect((await get(commission, `/statistics/releases/${randomUUID()}/ctdc.csv`)).status).toBe(404);
    const bad = await get(commission, '/statistics/releases/not-an-id');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('id');
    expect(JSON.stringify(bad.body)).not.toContain('not-an-id');
  });

  it('keeps releases, snapshots and requests immutable in the database, the snapshot out of reach', async () => {
    for (const sql of [
      `UPDATE statistics_release SET tables_csv = '' WHERE id = '${release.id}'`,
      `DELETE FROM statistics_release WHERE id = '${release.id}'`,
      `TRUNCATE statistics_release CASCADE`,
      `UPDATE statistics_release_snapshot SET records = '[]'`,
      `DELETE FROM statistics_release_snapshot`,
      `TRUNCATE statistics_release_request`,
    ]) {
      await expect(asSuperuser(t.db, sql)).rejects.toThrow(/never changed/);
    }
    // The Commission's own database role reads no snapshot row and cannot take a snapshot.
    await expect(
      asOrganisation(t.db, commissionUser.organisationId, 'commission', `SELECT * FROM statistics_release_snapshot`),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asOrganisation(
        t.db,
        commissionUser.organisationId,
        'commission',
        `SELECT * FROM panoh_statistics_snapshot('2025-01-01', '2026-01-01')`,
      ),
    ).rejects.toThrow(/not allowed/);
    // A caseworker's role sees no release at all.
    const seen = await asOrganisation(t.db, owner.organisationId, 'caseworker', `SELECT id FROM statistics_release`);
    expect(seen).toEqual([]);
  });

  it('answers requests against the latest release, counts refusals too, per organisation and month', async () => {
    const bad = await post(commission, '/statistics/requests', { dimensions: ['region', '<b>x</b>'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('dimensions');
    expect(JSON.stringify(bad.body)).not.toContain('<b>');
    expect((await post(commission, '/statistics/requests', { dimensions: [] })).status).toBe(400);
    expect((await post(admin, '/statistics/requests', { dimensions: ['region'] })).status).toBe(403);

    const first = await post(commission, '/statistics/requests', { dimensions: ['gender', 'region'] });
    expect(first.status).toBe(201);
    const table = first.body as PublishedTable;
    expect(table.id).toBe('request-1');
    expect(table.dimensions).toEqual(['region', 'gender']);
    for (const entry of table.entries)
      if (entry.count !== null) expect(entry.count === 0 || entry.count >= K).toBe(true);

    // region × gender, region × age and the catalogue's gender × age would close a cycle.
    const cyclic = await post(sameCommission, '/statistics/requests', { dimensions: ['region', 'ageBand'] });
    expect(cyclic.status).toBe(422);
    expect(cyclic.body.code).toBe('cyclic');

    // Both count, whichever account of the organisation asked; another organisation's count is its own.
    expect((await get(sameCommission, '/statistics/requests/allowance')).body).toEqual({ used: 2, limit: LIMIT });
    expect((await get(otherCommission, '/statistics/requests/allowance')).body).toEqual({ used: 0, limit: LIMIT });

    for (const dimensions of [['stage'], ['traffickingStatus']]) {
      expect([201, 422]).toContain((await post(commission, '/statistics/requests', { dimensions })).status);
    }
    const over = await post(sameCommission, '/statistics/requests', { dimensions: ['referralOutcome'] });
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('monthly-requests-spent');
    expect((await get(commission, '/statistics/requests/allowance')).body).toEqual({ used: LIMIT, limit: LIMIT });
    expect([201, 422]).toContain(
      (await post(otherCommission, '/statistics/requests', { dimensions: ['referralOutcome'] })).status,
    );

    // A published request is part of the release for every Commission account.
    const view = (await get(otherCommission, `/statistics/releases/${release.id}`)).body as ReleaseView;
    expect(view.requests[0]).toEqual(table);

    const events = await asSuperuser<{ outcome: string; detail: Record<string, unknown> }>(
      t.db,
      `SELECT outcome, detail FROM audit_event WHERE action = 'statistics.requested' ORDER BY seq`,
    );
    const answered = events.filter((e) => e.detail?.outcome !== undefined);
    expect(answered[0]).toMatchObject({
      outcome: 'allowed',
      detail: { dimensions: ['region', 'gender'], outcome: 'published' },
    });
    expect(answered[1]).toMatchObject({
      outcome: 'failed',
      detail: { dimensions: ['region', 'ageBand'], outcome: 'cyclic' },
    });
    const rows = await asSuperuser<{ n: number }>(
      t.db,
      `SELECT count(*)::integer AS n FROM statistics_release_request WHERE organisation_id = $1`,
      [commissionUser.organisationId],
    );
    expect(rows[0].n).toBe(LIMIT);
    // The record of requests is append-only: a refusal cannot be taken back to free the allowance.
    await expect(
      asSuperuser(t.db, `DELETE FROM statistics_release_request WHERE outcome <> 'published'`),
    ).rejects.toThrow(/never changed/);
  });

  it('defers a revision that changes a line by one, storing nothing, and publishes one that changes by k or more', async () => {
    // Nothing registered late: a new version would repeat the published one, and is refused.
    const unchanged = await post(admin, '/statistics/releases', { period: '2025' });
    expect(unchanged.status).toBe(409);
    expect(unchanged.body.code).toBe('revision-unchanged');

    await seedCases(t.db, owner, [{ region: 'TJ-DU', gender: 'Feminine' }], { personErased: false });
    const deferred = await post(admin, '/statistics/releases', { period: '2025' });
    expect(deferred.status).toBe(409);
    expect(deferred.body.code).toBe('revision-deferred');
    const stored = await asSuperuser<{ n: number }>(t.db, `SELECT count(*)::integer AS n FROM statistics_release`);
    expect(stored[0].n).toBe(1);
    const audited = await asSuperuser<{ outcome: string; status_code: number }>(
      t.db,
      `SELECT outcome, status_code FROM audit_event WHERE action = 'statistics.release_published' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audited[0]).toEqual({ outcome: 'failed', status_code: 409 });

    await seedCases(t.db, owner, times(K, { region: 'TJ-DU', gender: 'Feminine' }), { personErased: false });
    const revised = await post(admin, '/statistics/releases', { period: '2025' });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ period: '2025', version: 2 });
    const list = (await get(commission, '/statistics/releases')).body as ReleaseSummary[];
    expect(list.map((r) => r.version)).toEqual([2, 1]);
    // Version 1 is as it was: its bytes did not change.
    const again = await get(commission, `/statistics/releases/${release.id}`);
    expect(again.body.summary).toEqual(release);
  });
});
