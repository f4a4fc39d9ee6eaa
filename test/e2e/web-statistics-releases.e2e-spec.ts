import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Global, HttpStatus, Module, NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/configure-app';
import { Role } from '../../src/core/access/role';
import { parseAppConfig } from '../../src/core/config/app.config';
import { DomainException } from '../../src/core/http/domain.exception';
import type {
  PublishedTable,
  ReleaseDimension,
  ReleasePeriod,
  ReleaseSummary,
  ReleaseView,
  RequestAllowance,
} from '../../src/modules/statistics/releases/release-contract';
import { ReleaseReader } from '../../src/modules/statistics/releases/release-contract';
import { asSuperuser, createTestDatabase, TestDatabase } from '../support/test-cluster';
import { createUser, TestApp, TestUser } from '../support/test-app';
import { WebClient } from '../support/web-client';

/** A refusal as the release service throws one: a code and its status. */
class Refusal extends DomainException {
  constructor(
    code: string,
    private readonly answer: HttpStatus,
    field?: string,
  ) {
    super(code, `refused: ${code}`, field);
  }
  get status(): HttpStatus {
    return this.answer;
  }
}

const NEWEST: ReleaseSummary = {
  id: '5a1e0000-0000-4000-8000-000000002025',
  period: '2025',
  version: 1,
  method: 'suppression',
  threshold: 11,
  suppressionRate: 0.25,
  generatedAt: '2026-01-10T06:00:00.000Z',
  signature: 'c2lnbmF0dXJlLW9mLTIwMjU=',
  publicKey: 'cHVibGljLWtleQ==',
};
const OLDER: ReleaseSummary = { ...NEWEST, id: '5a1e0000-0000-4000-8000-000000002024', period: '2024', generatedAt: '2025-01-10T06:00:00.000Z' };

const BY_REGION: PublishedTable = {
  id: 'victims-by-region',
  dimensions: ['region'],
  categories: [['TJ-DU', 'TJ-SU', 'other']],
  folded: {},
  entries: [
    { key: ['TJ-DU'], count: 19 },
    { key: ['TJ-SU'], count: null },
    { key: ['other'], count: null },
    { key: ['*'], count: 34 },
  ],
};

/**
 * A release reader over fixed releases, standing for the release service: what the pages show and
 * send is all this test looks at; the service's own protection is tested with the service.
 */
class FakeReleases extends ReleaseReader {
  readonly requests: PublishedTable[] = [];
  readonly asked: ReleaseDimension[][] = [];
  published: ReleasePeriod[] = [];
  used = 0;
  limit = 20;
  tablesBytes = 'table,region,count\r\nvictims-by-region,TJ-DU,19\r\n';
  ctdcBytes = 'ageBroad,gender\r\n18--25,Feminine\r\n';

  async list(): Promise<readonly ReleaseSummary[]> {
    return [NEWEST, OLDER];
  }
  async read(id: string): Promise<ReleaseView> {
    const summary = [NEWEST, OLDER].find((r) => r.id === id);
    if (!summary) throw new NotFoundException('No such release');
    return {
      summary,
      tables: [BY_REGION],
      timeliness: { identificationToAcceptanceDays: 12, referralResponseDays: null, overdueReferrals: 0 },
      requests: summary === NEWEST ? this.requests : [],
    };
  }
  async tablesCsv(id: string): Promise<string> {
    await this.read(id);
    return this.tablesBytes;
  }
  async ctdcCsv(id: string): Promise<string> {
    await this.read(id);
    return this.ctdcBytes;
  }
  async request(dimensions: readonly ReleaseDimension[]): Promise<PublishedTable> {
    this.asked.push([...dimensions]);
    if (this.used >= this.limit) throw new Refusal('monthly-requests-spent', HttpStatus.TOO_MANY_REQUESTS);
    this.used++;
    if (dimensions.includes('countryOfExploitation')) throw new Refusal('cyclic', HttpStatus.UNPROCESSABLE_ENTITY, 'dimensions');
    const table: PublishedTable = {
      id: `request-${this.requests.length + 1}`,
      dimensions,
      categories: dimensions.map(() => ['Feminine']),
      folded: {},
      entries: [
        { key: dimensions.map(() => 'Feminine'), count: null },
        { key: dimensions.map(() => '*'), count: 34 },
      ],
    };
    this.requests.push(table);
    return table;
  }
  async allowance(): Promise<RequestAllowance> {
    return { used: this.used, limit: this.limit };
  }
  async publish(period: ReleasePeriod): Promise<ReleaseSummary> {
    if (period === '2025') throw new Refusal('revision-deferred', HttpStatus.CONFLICT);
    if (period === '2026') throw new Refusal('period-not-closed', HttpStatus.UNPROCESSABLE_ENTITY, 'period');
    this.published.push(period);
    return { ...OLDER, period, version: 2 };
  }
}

const fake = new FakeReleases();

/** Provides the fake wherever no module provides the reader; the override replaces any that does. */
@Global()
@Module({ providers: [{ provide: ReleaseReader, useValue: fake }], exports: [ReleaseReader] })
class FakeReleasesModule {}

/** The whole application, as startTestApp builds it, with the release reader replaced by the fake. */
async function startWithFakeReleases(): Promise<TestApp> {
  const db: TestDatabase = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-app-'));
  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    PANOH_LOG_LEVEL: 'silent',
    PANOH_LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
    PANOH_REQUIRE_MFA: 'false',
    PANOH_TRUST_PROXY_HOPS: '1',
    PANOH_DATA_DIR: dataDir,
  });
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ databaseUrl: db.appUrl }), FakeReleasesModule],
    })
      .overrideProvider(ReleaseReader)
      .useValue(fake)
      .compile();
    const app = moduleRef.createNestApplication({ bufferLogs: true, bodyParser: false, abortOnError: false });
    configureApp(app, parseAppConfig(process.env));
    await app.init();
    return {
      app,
      db,
      dataDir,
      http: () => request(app.getHttpServer()),
      async close() {
        await app.close();
        await db.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } finally {
    process.env = saved;
  }
}

interface Event {
  action: string;
  outcome: string;
  status_code: number;
  detail: Record<string, unknown> | null;
}

describe('the web interface: statistics releases', () => {
  let t: TestApp;
  let commission: TestUser;
  let admin: TestUser;
  let caseworker: TestUser;

  const lastEventOf = async (userId: string, action: string): Promise<Event> => {
    const [event] = await asSuperuser<Event>(
      t.db,
      `SELECT action, outcome, status_code, detail FROM audit_event
       WHERE actor_user_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1`,
      [userId, action],
    );
    return event;
  };

  const signedIn = async (user: TestUser, language = 'en'): Promise<WebClient> => {
    const web = new WebClient(t);
    await web.signIn(user);
    await web.get('/ui/account');
    await web.post('/ui/account/language', { language, back: '/ui/account' });
    return web;
  };

  beforeAll(async () => {
    t = await startWithFakeReleases();
    commission = await createUser(t, Role.Commission);
    admin = await createUser(t, Role.Admin);
    caseworker = await createUser(t, Role.Caseworker);
  });
  afterAll(() => t.close());

  it('lands the Commission on the releases list, newest first, audited as a release read and never stored by the browser', async () => {
    const web = new WebClient(t);
    const signIn = await web.signIn(commission);
    expect(signIn.headers.location).toBe('/ui/statistics');
    const page = await web.get('/ui/statistics');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<a href="/ui/statistics" aria-current="page">');
    expect(page.text.indexOf(`/ui/statistics/releases/${NEWEST.id}`)).toBeLessThan(page.text.indexOf(`/ui/statistics/releases/${OLDER.id}`));
    expect(page.text).toContain('25.0%');
    expect(page.text).not.toContain('/ui/statistics/publish');
    expect(await lastEventOf(commission.id, 'statistics.release_read')).toEqual(
      expect.objectContaining({ outcome: 'allowed', status_code: 200 }),
    );
  });

  it('refuses the release pages to a caseworker and an administrator with the usual audited 403, and the publish page to the Commission', async () => {
    const paths = ['/ui/statistics', `/ui/statistics/releases/${NEWEST.id}`, `/ui/statistics/releases/${NEWEST.id}/tables.csv`];
    for (const user of [caseworker, admin]) {
      const web = await signedIn(user);
      for (const path of paths) {
        const refused = await web.get(path);
        expect({ path, role: user.role, status: refused.status }).toEqual({ path, role: user.role, status: 403 });
        expect(refused.text).toContain('Not allowed');
        expect(await lastEventOf(user.id, 'access.denied')).toEqual(
          expect.objectContaining({ outcome: 'denied', detail: expect.objectContaining({ reason: 'role' }) }),
        );
      }
    }
    const web = await signedIn(commission);
    expect((await web.get('/ui/statistics/publish')).status).toBe(403);
    expect((await web.get('/ui/statistics?groupBy=region')).status).toBe(200);
    for (const gone of ['/ui/statistics/timeliness', '/ui/statistics/export']) expect((await web.get(gone)).status).toBe(404);
  });

  it('shows a release: its tables with the withheld mark and legend, a chart, timeliness, signature and downloads', async () => {
    const web = await signedIn(commission);
    const page = await web.get(`/ui/statistics/releases/${NEWEST.id}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<h1>Release 2025, version 1</h1>');
    expect([...page.text.matchAll(/<td class="number withheld">([^<]*)<\/td>/g)].map((c) => c[1])).toEqual(['×', '×', '×']);
    expect(page.text).toContain('× — withheld: fewer than 11 cases');
    expect(page.text).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(page.text).toContain('<code class="wrap">c2lnbmF0dXJlLW9mLTIwMjU=</code>');
    expect(page.text).toContain('action="/ui/statistics/requests"');
    expect(page.text).toContain('Your organisation has made 0 of its 20 requests this month.');
    const tables = await web.get(`/ui/statistics/releases/${NEWEST.id}/tables.csv`);
    expect(tables.status).toBe(200);
    expect(tables.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(tables.headers['content-disposition']).toBe(`attachment; filename="panoh-release-${NEWEST.id}-tables.csv"`);
    expect(tables.headers['cache-control']).toBe('no-store');
    expect(tables.text).toBe(fake.tablesBytes);
    const ctdc = await web.get(`/ui/statistics/releases/${NEWEST.id}/ctdc.csv`);
    expect(ctdc.status).toBe(200);
    expect(ctdc.text).toBe(fake.ctdcBytes);
    expect(await lastEventOf(commission.id, 'statistics.release_read')).toEqual(expect.objectContaining({ outcome: 'allowed' }));
    // An older release points to the newest for requests.
    const older = await web.get(`/ui/statistics/releases/${OLDER.id}`);
    expect(older.text).not.toContain('action="/ui/statistics/requests"');
    expect(older.text).toContain(`<a href="/ui/statistics/releases/${NEWEST.id}">Release 2025, version 1</a>`);
  });

  it('answers 404 for an unknown release and 400 for an id that is not one, echoing neither', async () => {
    const web = await signedIn(commission);
    const unknown = await web.get('/ui/statistics/releases/00000000-0000-4000-8000-00000000beef');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Not found');
    expect((await web.get('/ui/statistics/releases/00000000-0000-4000-8000-00000000beef/tables.csv')).status).toBe(404);
    const malformed = await web.get('/ui/statistics/releases/not-a-release-at-all');
    expect(malformed.status).toBe(400);
    // The frame keeps the path for the language form; the page itself says nothing of it.
    expect(/<main[\s\S]*<\/main>/.exec(malformed.text)?.[0]).not.toContain('not-a-release-at-all');
  });

  it('takes a request form only with its form token, then shows the new table on the newest release', async () => {
    const web = await signedIn(commission);
    await web.get(`/ui/statistics/releases/${NEWEST.id}`);
    const forged = await web.post('/ui/statistics/requests', { dimensions: ['gender', 'ageBand'] }, false);
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('The form has expired');
    expect(fake.asked).toEqual([]);
    const sent = await web.post('/ui/statistics/requests', { dimensions: ['gender', 'ageBand'] });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/ui/statistics/releases/${NEWEST.id}?requested=request-1#table-request-1`);
    expect(fake.asked).toEqual([['gender', 'ageBand']]);
    expect(await lastEventOf(commission.id, 'statistics.requested')).toEqual(
      expect.objectContaining({ outcome: 'allowed', detail: null }),
    );
    const shown = await web.follow();
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('The table you requested has been published below.');
    expect(shown.text).toContain('id="table-request-1"');
    expect(shown.text).toContain('Your organisation has made 1 of its 20 requests this month.');
  });

  it('refuses a request in the person’s language, beside the form, without echoing what was sent', async () => {
    const web = await signedIn(commission, 'ru');
    await web.get(`/ui/statistics/releases/${NEWEST.id}`);
    const bad = await web.post('/ui/statistics/requests', { dimensions: ['region', '<b>injected</b>'] });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<p class="error" id="f-dimensions-error">Выберите от одного до трёх разных признаков.</p>');
    expect(bad.text).not.toContain('injected');
    expect(bad.text).toMatch(/name="dimensions" value="region" checked>/);
    await web.get(`/ui/statistics/releases/${NEWEST.id}`);
    const none = await web.post('/ui/statistics/requests', {});
    expect(none.status).toBe(400);
    await web.get(`/ui/statistics/releases/${NEWEST.id}`);
    const tooMany = await web.post('/ui/statistics/requests', { dimensions: ['region', 'gender', 'ageBand', 'stage'] });
    expect(tooMany.status).toBe(400);
    await web.get(`/ui/statistics/releases/${NEWEST.id}`);
    const cyclic = await web.post('/ui/statistics/requests', { dimensions: ['region', 'countryOfExploitation'] });
    expect(cyclic.status).toBe(422);
    expect(cyclic.text).toContain('<p class="notice warn" role="alert">Эту таблицу нельзя опубликовать');
    expect(await lastEventOf(commission.id, 'statistics.requested')).toEqual(
      expect.objectContaining({ outcome: 'failed', status_code: 422 }),
    );
    fake.limit = fake.used;
    await web.get(`/ui/statistics/releases/${NEWEST.id}`);
    const spent = await web.post('/ui/statistics/requests', { dimensions: ['stage'] });
    expect(spent.status).toBe(429);
    expect(spent.text).toContain('Ваша организация исчерпала запросы этого месяца.');
    fake.limit = 20;
  });

  it('gives the administrator the publish page in the menu: a summary, a deferral or a bad period in the person’s language', async () => {
    const web = new WebClient(t);
    await web.signIn(admin);
    const form = await web.get('/ui/statistics/publish');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<a href="/ui/statistics/publish" aria-current="page">Publish statistics release</a>');
    expect(form.text).toContain('Releases published so far');
    expect(await lastEventOf(admin.id, 'statistics.release_read')).toEqual(expect.objectContaining({ outcome: 'allowed' }));
    const forged = await web.post('/ui/statistics/publish', { period: '2024' }, false);
    expect(forged.status).toBe(403);
    expect(fake.published).toEqual([]);
    const done = await web.post('/ui/statistics/publish', { period: '2024' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('The release of 2024, version 2, has been published.');
    expect(fake.published).toEqual(['2024']);
    expect(await lastEventOf(admin.id, 'statistics.release_published')).toEqual(
      expect.objectContaining({ outcome: 'allowed', status_code: 200 }),
    );
    const deferred = await web.post('/ui/statistics/publish', { period: '2025' });
    expect(deferred.status).toBe(409);
    expect(deferred.text).toContain('The new version was not published');
    expect(await lastEventOf(admin.id, 'statistics.release_published')).toEqual(
      expect.objectContaining({ outcome: 'failed', status_code: 409 }),
    );
    const open = await web.post('/ui/statistics/publish', { period: '2026' });
    expect(open.status).toBe(422);
    expect(open.text).toContain('<p class="error" id="f-period-error">Enter a year or a quarter that has ended');
    const bad = await web.post('/ui/statistics/publish', { period: '<i>twenty</i>' });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain('twenty');
    expect(fake.published).toEqual(['2024']);
  });
});
