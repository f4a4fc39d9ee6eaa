import * as fs from 'node:fs';
import * as path from 'node:path';
import { roleNames, testRun } from '../support/test-cluster';
import type { TestApp } from '../support/test-app';
import type { LoadRequest, LoadResult } from './load';
import { WRITE_BODY } from './peer';
import {
  countStatements,
  CostRow,
  explainReplay,
  profileWhile,
  summariseProfile,
  watchStatements,
  writeProfile,
} from './profile';

type Load = (
  request: Omit<LoadRequest, 'durationMs' | 'concurrency'>,
  concurrency: number,
  seconds: number,
) => Promise<LoadResult>;

/**
 * `BENCH_ONLY=profile`: the secure read (GET /cases/:id, 32 connections) and the write (POST /cases,
 * 8 connections) each profiled over BENCH_PROFILE_SECONDS of load after a warm-up; their statements
 * counted over sequential requests; one request of each replayed under auto_explain. Writes the
 * .cpuprofile files (open them in Chrome's DevTools) and the plans into BENCH_PROFILE_DIR.
 */
export async function profileReadAndWrite(t: TestApp, base: string, token: string, load: Load): Promise<void> {
  const dir = path.resolve(process.env.BENCH_PROFILE_DIR ?? 'bench-profiles');
  const seconds = Number(process.env.BENCH_PROFILE_SECONDS ?? 5);
  const sequential = Number(process.env.BENCH_PROFILE_REQUESTS ?? 50);
  const auth = { Authorization: `Bearer ${token}` };
  const post = () =>
    fetch(`${base}/cases`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: WRITE_BODY,
    });
  const created = await post();
  if (created.status !== 201) throw new Error(`creating a case answered ${created.status}`);
  const { id } = (await created.json()) as { id: string };
  const read = () => fetch(`${base}/cases/${id}`, { headers: auth }).then((r) => r.arrayBuffer());
  const write = () => post().then((r) => r.arrayBuffer());
  const targets = {
    read: { request: { url: `${base}/cases/${id}`, headers: auth, expectStatus: 200 }, connections: 32, once: read },
    write: {
      request: {
        url: `${base}/cases`,
        headers: auth,
        expectStatus: 201,
        method: 'POST' as const,
        body: WRITE_BODY,
      },
      connections: 8,
      once: write,
    },
  };
  const report: string[] = [];
  const say = (line = '') => {
    console.log(line);
    report.push(line);
  };
  const table = (title: string, rows: CostRow[]) => {
    say(`  ${title}`);
    for (const r of rows) say(`    ${r.percent.toFixed(1).padStart(5)} %  ${r.name}`);
  };
  for (const [name, target] of Object.entries(targets)) {
    await load(target.request, target.connections, 2); // warm-up
    let result: LoadResult | undefined;
    const profile = await profileWhile(async () => {
      result = await load(target.request, target.connections, seconds);
    });
    const file = writeProfile(dir, name, profile);
    const summary = summariseProfile(profile);
    const done = result as LoadResult;
    say(
      `Profile of the ${name} (${target.connections} connections, ${seconds} s: ${(done.completed / done.seconds).toFixed(0)} req/s, ` +
        `${done.unexpected} unexpected; ${summary.busySamples} busy samples, ${summary.idlePercent.toFixed(0)} % idle) — ${path.basename(file)}`,
    );
    table('self time by function (share of busy samples)', summary.selfByFunction);
    table('total time by function (on the stack)', summary.totalByFunction);
    table('self time by module', summary.selfByModule);
    table('total time by module', summary.totalByModule);

    const statements = await watchStatements(async () => {
      for (let i = 0; i < sequential; i++) await target.once();
    });
    const counts = countStatements(statements, sequential);
    say(
      `  statements per ${name} (${sequential} requests one at a time, as the client sends them): ${(statements.length / sequential).toFixed(1)}`,
    );
    for (const c of counts.slice(0, 15))
      say(
        `    ${c.perRequest.toFixed(2).padStart(5)} × ${c.meanMs.toFixed(2).padStart(6)} ms  ${c.text.slice(0, 150)}`,
      );

    const one = await watchStatements(target.once, { rollBackCommits: true });
    const explained = await explainReplay(t.db.superuserUrl, roleNames(testRun().runId).app, one);
    const plans: string[] = [];
    say(`  one ${name}'s statements replayed under auto_explain (ANALYZE, BUFFERS), the slowest plans:`);
    const all = explained.flatMap((e) => e.plans.map((p) => ({ ...p, sent: e.sent })));
    for (const e of explained) {
      plans.push(`=== ${e.sent}`);
      for (const p of e.plans)
        plans.push(`--- ${p.durationMs} ms ${p.nested ? '(nested) ' : ''}${p.queryText}`, p.plan);
    }
    for (const p of [...all].sort((a, b) => b.durationMs - a.durationMs).slice(0, 8))
      say(
        `    ${p.durationMs.toFixed(3).padStart(7)} ms ${p.nested ? 'nested' : 'sent  '}  ${p.queryText.slice(0, 140)}`,
      );
    fs.writeFileSync(path.join(dir, `${name}-plans.txt`), plans.join('\n'));
    say('');
  }
  fs.writeFileSync(path.join(dir, 'summary.txt'), report.join('\n'));
  console.log(`profiles, plans and this summary are in ${dir}`);
}
