import { fork } from 'node:child_process';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { asSuperuser, createTestDatabase } from '../support/test-cluster';
import { createUser, login, startTestApp } from '../support/test-app';
import { benchAudit } from './audit-bench';
import { measureAuditCost } from './audit-cost';
import { CASES, measureCaseRead, RouteFigures, serverCpuMicros } from './case-read';
import { PlainReadModule } from './plain-read.module';
import { actorFor, measureCrypto } from './crypto';
import type { LoadRequest, LoadResult } from './load';
import { formatUtility, measureReleaseUtility } from './statistics';
import { measurePages, PageUnderTest } from './pages';
import { measureSearch } from './search';

/**
 * `npm run bench`: figures as ratios against a baseline measured in the same run, since the machine
 * is shared and noisy. Rounds alternate between the measured route and its baseline.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const CASE_CONNECTIONS = Number(process.env.BENCH_CASE_CONNECTIONS ?? 32);
/** `BENCH_ONLY=case-read` (or a comma-separated list of sections) runs only those sections. */
const ONLY = process.env.BENCH_ONLY?.split(',');
const runs = (section: 'auth' | 'audit' | 'crypto' | 'case-read' | 'statistics' | 'pages' | 'search') =>
  !ONLY || ONLY.includes(section);

function load(
  request: Omit<LoadRequest, 'durationMs' | 'concurrency'>,
  concurrency = CONCURRENCY,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'load.js'));
    child.once('message', (result: LoadResult) => resolve(result));
    child.once('error', reject);
    child.send({ ...request, durationMs: SECONDS * 1000, concurrency } satisfies LoadRequest);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  process.env.PANOH_LOG_LEVEL = 'silent';
  await globalSetup();
  const db = await createTestDatabase();
  const poolSize = Number(process.env.PANOH_DB_POOL_SIZE ?? 10);
  // As deployed, not as tested: production's password hashing (test mode is the test suite's alone).
  const t = await startTestApp({ NODE_ENV: 'development' }, db, [PlainReadModule.forUrl(db.superuserUrl, poolSize)]);
  try {
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const caseworker = await createUser(t, Role.Caseworker);
    const token = await login(t, caseworker);

    if (runs('case-read')) {
      const pids = async () =>
        (
          await asSuperuser<{ pid: number }>(
            db,
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
          )
        ).map((r) => r.pid);
      const cases = await measureCaseRead(base, token, load, ROUNDS, CASE_CONNECTIONS, () => serverCpuMicros(pids));
      const cpu = (f: RouteFigures) =>
        `  CPU/request ${f.serviceCpuMicros.toFixed(0).padStart(5)} µs service` +
        (f.databaseCpuMicros === undefined ? '' : ` + ${f.databaseCpuMicros.toFixed(0).padStart(5)} µs database`);
      const row = (label: string, f: RouteFigures) =>
        console.log(
          `${label.padEnd(46)}${f.rps.toFixed(0).padStart(8)} req/s  p99 ${f.p99Ms.toFixed(1).padStart(6)} ms${cpu(f)}`,
        );
      console.log(`Case read over HTTP (${ROUNDS} rounds of ${SECONDS} s, ${cases.connections} connections, medians)`);
      console.log('');
      row('GET /bench/plain-case/:id (plain findOneBy)', cases.plain);
      row('GET /cases/:id (the whole secure path)', cases.secure);
      row(`GET /cases?limit=${CASES} (a page of summaries)`, cases.list50);
      console.log(
        `secure : plain throughput (target >= 0.50)    ${(cases.secure.rps / cases.plain.rps).toFixed(2).padStart(8)}`,
      );
      console.log(`secure p99 (target < 50 ms)                   ${cases.secure.p99Ms.toFixed(1).padStart(8)} ms`);
      console.log(
        `page of ${CASES} : single read, cost per request (target <= 3) ${(cases.secure.rps / cases.list50.rps).toFixed(2).padStart(6)}`,
      );
      console.log(
        `page of ${CASES} : single read, p99                ${(cases.list50.p99Ms / cases.secure.p99Ms).toFixed(2).padStart(8)}`,
      );
      const total = (f: RouteFigures) => f.serviceCpuMicros + (f.databaseCpuMicros ?? 0);
      console.log(
        `secure : plain, CPU per request (service${cases.plain.databaseCpuMicros === undefined ? '' : ' + database'}) ${(total(cases.secure) / total(cases.plain)).toFixed(2).padStart(6)}`,
      );
      console.log('');
    }

    if (runs('search')) {
      const persons = Number(process.env.BENCH_SEARCH_PERSONS ?? 100_000);
      const figures = await measureSearch(
        t,
        base,
        token,
        { organisationId: caseworker.organisationId, userId: caseworker.id },
        persons,
        Number(process.env.BENCH_SEARCH_REQUESTS ?? 200),
      );
      console.log(
        `Search over ${figures.persons} persons of one organisation (seeded in ${figures.seedSeconds.toFixed(1)} s)`,
      );
      console.log(
        `POST /cases/search, a two-word name, ${figures.requests} requests one at a time (${figures.found} found)`,
      );
      console.log(`median (target < 50 ms)                       ${figures.medianMs.toFixed(1).padStart(8)} ms`);
      console.log(`p95                                           ${figures.p95Ms.toFixed(1).padStart(8)} ms`);
      console.log('the index read, as the caller (EXPLAIN ANALYZE):');
      for (const line of figures.plan) console.log(`  ${line}`);
      console.log(
        `the search's one statement as the caller, ${figures.statementRuns} runs on one connection (no HTTP): median ${figures.statementMedianMs.toFixed(1)} ms, p95 ${figures.statementP95Ms.toFixed(1)} ms`,
      );
      console.log('its plan, as the caller (EXPLAIN (ANALYZE, BUFFERS)):');
      for (const line of figures.statementPlan) console.log(`  ${line}`);
      console.log('');
    }

    if (runs('pages')) {
      const manager = await createUser(t, Role.OrgManager);
      const commission = await createUser(t, Role.Commission);
      const auditor = await createUser(t, Role.Auditor);
      const admin = await createUser(t, Role.Admin);
      const opened = await fetch(`${base}/cases`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          person: { familyName: 'Каримова', givenName: 'Зарина', dateOfBirth: '1998', phone: '+992 92 555 0101' },
          gender: 'Feminine',
          exploitationTypes: ['ForcedLabour'],
          narrative: 'Recruited in Khujand for building work; passport taken on arrival.',
        }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      const list: PageUnderTest[] = [
        { label: 'sign-in', path: '/ui/sign-in' },
        { label: 'my account', path: '/ui/account', api: '/auth/me' },
        { label: 'cases', path: '/ui/cases', api: '/cases' },
        { label: 'register a person', path: '/ui/cases/new' },
        { label: 'a case', path: `/ui/cases/${opened.id}`, api: `/cases/${opened.id}` },
        { label: 'referrals', path: '/ui/referrals', api: '/referrals' },
        {
          label: 'statistics',
          path: '/ui/statistics',
          api: '/statistics/releases',
          token: await login(t, commission),
        },
        { label: 'audit search', path: '/ui/audit', api: '/audit', token: await login(t, auditor) },
        { label: 'users', path: '/ui/users', api: '/users', token: await login(t, admin) },
        {
          label: 'referral inbox (manager)',
          path: '/ui/referrals?box=in',
          api: '/referrals',
          token: await login(t, manager),
        },
      ];
      const requests = Number(process.env.BENCH_PAGE_REQUESTS ?? 50);
      const figures = await measurePages(base, token, list, requests);
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(6)} KB`;
      console.log(`Pages of the web interface (${requests} requests each, one at a time, medians)`);
      console.log(`stylesheets and script, fetched once per visit${kb(figures.assetsBytes)}`);
      console.log('');
      for (const page of figures.pages) {
        const ratio = page.apiMedianMs
          ? ` page : API ${(page.medianMs / page.apiMedianMs).toFixed(2).padStart(5)}`
          : '';
        console.log(
          `${page.label.padEnd(22)} first visit ${kb(page.firstVisitBytes)} (target <= 100 KB)  html ${kb(page.htmlBytes)}` +
            ` (gzip ${kb(page.htmlGzipBytes)})  server ${page.medianMs.toFixed(1).padStart(6)} ms p95 ${page.p95Ms.toFixed(1).padStart(6)} ms${ratio}`,
        );
      }
      console.log('');
    }

    const health = { url: `${base}/health`, headers: {}, expectStatus: 200 };
    const me = { url: `${base}/auth/me`, headers: { Authorization: `Bearer ${token}` }, expectStatus: 200 };
    if (runs('auth')) {
      await load(health); // warm-up
      await load(me);

      const rates = { health: [] as number[], me: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, request] of [
          ['health', health],
          ['me', me],
        ] as const) {
          const result = await load(request);
          if (result.unexpected > 0) throw new Error(`${name}: ${result.unexpected} unexpected answers`);
          rates[name].push(result.completed / result.seconds);
        }
      }
      const healthRps = median(rates.health);
      const meRps = median(rates.me);
      console.log(`Panoh benchmark (${ROUNDS} rounds of ${SECONDS} s, ${CONCURRENCY} connections, medians)`);
      console.log('');
      console.log(`GET /health (baseline: one SELECT 1)         ${healthRps.toFixed(0).padStart(8)} req/s`);
      console.log(`GET /auth/me (bearer token looked up)        ${meRps.toFixed(0).padStart(8)} req/s`);
      console.log(`ratio /auth/me : /health                     ${(meRps / healthRps).toFixed(2).padStart(8)}`);
    }

    if (runs('audit')) {
      const audit = await benchAudit(t, Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000));
      console.log('');
      console.log(
        `audit sealing over ${audit.events} events          ${audit.sealPerSecond.toFixed(0).padStart(8)} events/s`,
      );
      console.log(
        `audit verification                           ${audit.verifyPerSecond.toFixed(0).padStart(8)} events/s (target >= 50,000)`,
      );
      console.log(
        `sealing under a live load of ${audit.liveRate.toFixed(0)} events/s for ${audit.liveSeconds.toFixed(0)} s: ` +
          `largest backlog ${audit.liveMaxBacklog} events, ${audit.liveFinalBacklog} left after the last seal ` +
          `(${audit.liveMaxBacklog <= audit.liveRate * 3 ? 'keeps up' : 'falls behind'})`,
      );
    }

    if (runs('crypto')) {
      const crypto = await measureCrypto(t, actorFor(caseworker), ROUNDS);
      const overhead = (crypto.readDecryptedMicros / crypto.readMicros - 1) * 100;
      console.log('');
      console.log('Encryption (in process, medians)');
      console.log(
        `field encrypt (XChaCha20-Poly1305, committing) ${crypto.encryptPerSecond.toFixed(0).padStart(8)} ops/s`,
      );
      console.log(
        `field decrypt                                  ${crypto.decryptPerSecond.toFixed(0).padStart(8)} ops/s`,
      );
      console.log(`person read, query only                        ${crypto.readMicros.toFixed(0).padStart(8)} µs`);
      console.log(
        `person read, query + unwrap + 8 fields         ${crypto.readDecryptedMicros.toFixed(0).padStart(8)} µs`,
      );
      console.log(
        `unwrap + 8 fields alone                        ${crypto.decryptRecordMicros.toFixed(0).padStart(8)} µs`,
      );
      console.log(`decryption adds to the read (target ≤ 10%)     ${overhead.toFixed(1).padStart(8)} %`);
      console.log(
        `re-wrapping (keys:rotate, batches of 500)      ${crypto.rewrapPerSecond.toFixed(0).padStart(8)} data keys/s (${crypto.rewrapped} keys)`,
      );

      const person = await fetch(`${base}/persons`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          familyName: 'Каримова',
          givenName: 'Зарина',
          dateOfBirth: '2001-04-12',
          phone: '+992 93 555 0101',
        }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      const cost = await measureAuditCost(t, actorFor(caseworker), person.id, ROUNDS, SECONDS);
      console.log('');
      console.log('Audit (in process, 8 concurrent readers, medians)');
      console.log(
        `person read in its transaction, no event        ${cost.withoutAudit.toFixed(0).padStart(8)} reads/s`,
      );
      console.log(`the same read with its audit event              ${cost.withAudit.toFixed(0).padStart(8)} reads/s`);
      console.log(
        `audit costs (target <= 25% of throughput)       ${((1 - cost.withAudit / cost.withoutAudit) * 100).toFixed(1).padStart(8)} %`,
      );
    }

    if (runs('statistics')) {
      // Utility of the releases: how much of each catalogue table a year's release publishes.
      console.log('');
      console.log('Statistics releases: published non-zero cells per catalogue table (synthetic populations, k = 11)');
      for (const line of formatUtility(await measureReleaseUtility())) console.log(line);
    }
  } finally {
    await t.close();
    await db.drop();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
