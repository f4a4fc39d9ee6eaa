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
import { profileReadAndWrite } from './profile-run';
import {
  alternate,
  ContenderFigures,
  copyCaseRow,
  CpuByProcess,
  cpuOf,
  databasePids,
  startPeer,
  WRITE_BODY,
} from './peer';

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
type Section = 'peer' | 'auth' | 'audit' | 'crypto' | 'case-read' | 'statistics' | 'pages' | 'search' | 'profile';
/** `profile` runs only when named: it is a tool for reading costs, not a figure. */
const runs = (section: Section) => (ONLY ? ONLY.includes(section) : section !== 'profile');
/** Connections of the peer section's reads and writes. */
const PEER_READ_CONNECTIONS = Number(process.env.BENCH_PEER_READ_CONNECTIONS ?? 32);
const PEER_WRITE_CONNECTIONS = Number(process.env.BENCH_PEER_WRITE_CONNECTIONS ?? 8);

function load(
  request: Omit<LoadRequest, 'durationMs' | 'concurrency'>,
  concurrency = CONCURRENCY,
  seconds = SECONDS,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // No inherited node flags: under `node --cpu-prof` only the service's process is profiled.
    const child = fork(path.join(__dirname, 'load.js'), [], { execArgv: [] });
    child.once('message', (result: LoadResult) => resolve(result));
    child.once('error', reject);
    child.send({ ...request, durationMs: seconds * 1000, concurrency } satisfies LoadRequest);
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
    const panohCpu = async (): Promise<CpuByProcess> => {
      const used = process.cpuUsage();
      return new Map([[process.pid, used.user + used.system]]);
    };
    const panohDatabaseCpu = () => cpuOf(databasePids(db.superuserUrl));

    if (runs('peer')) {
      const peer = await startPeer(poolSize);
      try {
        const auth = { Authorization: `Bearer ${token}` };
        const cookie = { Cookie: `panoh_session=${token}` };
        const ids: string[] = [];
        // A full page of the case list (50) before measuring, so the list is the same size in every round.
        for (let i = 0; i < CASES; i++) {
          const created = await fetch(`${base}/cases`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: WRITE_BODY,
          });
          if (created.status !== 201) throw new Error(`creating a case answered ${created.status}`);
          ids.push(((await created.json()) as { id: string }).id);
        }
        const id = ids[0];
        await copyCaseRow(db.superuserUrl, peer.databaseUrl, id);
        const peerCpu = () => cpuOf(async () => [peer.pid]);
        const peerDatabaseCpu = () => cpuOf(databasePids(peer.databaseUrl));
        const panoh = { serviceCpu: panohCpu, databaseCpu: panohDatabaseCpu };
        const plainPeer = { serviceCpu: peerCpu, databaseCpu: peerDatabaseCpu };
        const read = (url: string, headers: Record<string, string>) => ({ url, headers, expectStatus: 200 });
        const reads = PEER_READ_CONNECTIONS;
        const writes = PEER_WRITE_CONNECTIONS;
        const f = await alternate(
          {
            peerRead: {
              label: 'peer GET /cases/:id (findOneBy)',
              request: read(`${peer.url}/cases/${id}`, {}),
              connections: reads,
              ...plainPeer,
            },
            secureRead: {
              label: 'GET /cases/:id (the whole secure path)',
              request: read(`${base}/cases/${id}`, auth),
              connections: reads,
              ...panoh,
            },
            inAppRead: {
              label: 'GET /bench/plain-case/:id (in Panoh)',
              request: read(`${base}/bench/plain-case/${id}`, {}),
              connections: reads,
              ...panoh,
            },
            casePage: {
              label: 'GET /ui/cases/:id (the case page)',
              request: read(`${base}/ui/cases/${id}`, cookie),
              connections: reads,
              ...panoh,
            },
            listPage: {
              label: 'GET /ui/cases (the case list page)',
              request: read(`${base}/ui/cases`, cookie),
              connections: reads,
              ...panoh,
            },
            listJson: {
              label: `GET /cases (the JSON list, ${CASES})`,
              request: read(`${base}/cases`, auth),
              connections: reads,
              ...panoh,
            },
            peerWrite: {
              label: 'peer POST, insert of one person row',
              request: { url: `${peer.url}/persons`, headers: {}, expectStatus: 201, method: 'POST', body: WRITE_BODY },
              connections: writes,
              ...plainPeer,
            },
            secureWrite: {
              label: 'POST /cases (person, 8 fields, 2 events)',
              request: { url: `${base}/cases`, headers: auth, expectStatus: 201, method: 'POST', body: WRITE_BODY },
              connections: writes,
              ...panoh,
            },
          },
          load,
          ROUNDS,
        );
        const cpu = (x: ContenderFigures) =>
          x.serviceCpuMicros === undefined
            ? ''
            : `  CPU ${x.serviceCpuMicros.toFixed(0).padStart(5)} µs service` +
              (x.databaseCpuMicros === undefined ? '' : ` + ${x.databaseCpuMicros.toFixed(0).padStart(5)} µs db`);
        const row = (x: ContenderFigures) =>
          console.log(
            `${x.label.padEnd(42)}${String(x.connections).padStart(3)} conn ${x.rps.toFixed(0).padStart(6)} req/s  ` +
              `p50 ${x.p50Ms.toFixed(1).padStart(5)} p99 ${x.p99Ms.toFixed(1).padStart(6)} ms${cpu(x)}` +
              `  rounds ${x.roundsRps.map((r) => r.toFixed(0)).join('/')}`,
          );
        const ratio = (label: string, value: number) =>
          console.log(`${label.padEnd(60)}${value.toFixed(2).padStart(7)}`);
        const cost = (x: ContenderFigures) =>
          x.serviceCpuMicros === undefined ? undefined : x.serviceCpuMicros + (x.databaseCpuMicros ?? 0);
        console.log(
          `Against a plain peer: a separate NestJS + TypeORM process on its own database, pool ${poolSize} ` +
            `(${ROUNDS} alternating rounds of ${SECONDS} s, medians)`,
        );
        console.log('');
        for (const key of ['peerRead', 'secureRead', 'inAppRead', 'casePage', 'listPage', 'listJson'] as const)
          row(f[key]);
        for (const key of ['peerWrite', 'secureWrite'] as const) row(f[key]);
        console.log('');
        ratio('secure read : peer read, throughput (target >= 0.50)', f.secureRead.rps / f.peerRead.rps);
        ratio('secure read : peer read, p99 (target <= 2)', f.secureRead.p99Ms / f.peerRead.p99Ms);
        ratio('secure read : in-app plain read, throughput', f.secureRead.rps / f.inAppRead.rps);
        ratio('in-app plain read : peer read, throughput', f.inAppRead.rps / f.peerRead.rps);
        ratio('POST /cases : peer insert, throughput (target >= 0.25)', f.secureWrite.rps / f.peerWrite.rps);
        ratio('POST /cases : peer insert, p99', f.secureWrite.p99Ms / f.peerWrite.p99Ms);
        ratio('case page : JSON read of the case, time per request (target <= 1.5)', f.secureRead.rps / f.casePage.rps);
        ratio('case list page : JSON list, time per request', f.listJson.rps / f.listPage.rps);
        ratio('case list page : JSON read of one case, time per request', f.secureRead.rps / f.listPage.rps);
        const [pageCost, readCost] = [cost(f.casePage), cost(f.secureRead)];
        if (pageCost !== undefined && readCost !== undefined)
          ratio('case page : JSON read, CPU per request (service + db)', pageCost / readCost);
        const [secureCost, peerCost] = [cost(f.secureRead), cost(f.peerRead)];
        if (secureCost !== undefined && peerCost !== undefined)
          ratio('secure read : peer read, CPU per request (service + db)', secureCost / peerCost);
        const [writeCost, peerWriteCost] = [cost(f.secureWrite), cost(f.peerWrite)];
        if (writeCost !== undefined && peerWriteCost !== undefined)
          ratio('POST /cases : peer insert, CPU per request (service + db)', writeCost / peerWriteCost);
        console.log('');
      } finally {
        await peer.stop();
      }
    }

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

    if (runs('profile')) {
      await profileReadAndWrite(t, base, token, load);
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
      console.log(
        'Statistics releases: per catalogue table, published cells of those holding someone, and the share of the victims they count (synthetic years, k = 11)',
      );
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
