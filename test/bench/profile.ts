import * as fs from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { Client } from 'pg';

/**
 * The bench's profiling tools (`BENCH_ONLY=profile`), run inside the service's process: a CPU profile
 * of a window of load (V8's sampling profiler, as `node --cpu-prof` takes it, but of the window only,
 * not of start-up and seeding), a count of the statements each request sends, and a replay of one
 * request's statements under auto_explain for their plans, nested statements of functions included.
 */

// ---- CPU profile -------------------------------------------------------------------------------

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Profiles the process while `work` runs, sampling every `intervalMicros`. */
export async function profileWhile(work: () => Promise<unknown>, intervalMicros = 250): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: intervalMicros });
    await post('Profiler.start');
    await work();
    const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
    return profile;
  } finally {
    session.disconnect();
  }
}

export interface CostRow {
  name: string;
  /** Share of the busy samples (idle excluded), percent. */
  percent: number;
}

export interface ProfileSummary {
  busySamples: number;
  idlePercent: number;
  selfByFunction: CostRow[];
  totalByFunction: CostRow[];
  selfByModule: CostRow[];
  totalByModule: CostRow[];
}

/** Where a script comes from: a package, Panoh's own file (as compiled), node's own, or V8's. */
export function moduleOf(url: string): string {
  if (!url) return '(V8 / native)';
  if (url.startsWith('node:')) return 'node (internal)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length).replace(/^file:\/\//, '') : url;
}

function functionOf(frame: CallFrame): string {
  const where = frame.url ? `${moduleOf(frame.url)}:${frame.lineNumber + 1}` : '';
  const name = frame.functionName || '(anonymous)';
  return where ? `${name} ${where}` : name;
}

/**
 * The costs of a profile: self time (samples whose top frame is there) and total time (samples with it
 * anywhere on the stack, counted once per sample), by function and by module, as shares of the busy
 * samples.
 */
export function summariseProfile(profile: CpuProfile, top = 10): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = { fn: new Map<string, number>(), mod: new Map<string, number>() };
  const total = { fn: new Map<string, number>(), mod: new Map<string, number>() };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let idle = 0;
  let busy = 0;
  const stackCache = new Map<number, { fns: string[]; mods: string[] }>();
  for (const id of profile.samples) {
    const node = byId.get(id) as ProfileNode;
    if (node.callFrame.functionName === '(idle)') {
      idle++;
      continue;
    }
    busy++;
    add(self.fn, functionOf(node.callFrame));
    add(self.mod, moduleOf(node.callFrame.url));
    let stack = stackCache.get(id);
    if (!stack) {
      const fns = new Set<string>();
      const mods = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = (byId.get(at) as ProfileNode).callFrame;
        if (frame.functionName === '(root)') continue;
        fns.add(functionOf(frame));
        mods.add(moduleOf(frame.url));
      }
      stack = { fns: [...fns], mods: [...mods] };
      stackCache.set(id, stack);
    }
    for (const f of stack.fns) add(total.fn, f);
    for (const m of stack.mods) add(total.mod, m);
  }
  const rows = (map: Map<string, number>): CostRow[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, percent: (n / Math.max(1, busy)) * 100 }));
  return {
    busySamples: busy,
    idlePercent: (idle / Math.max(1, idle + busy)) * 100,
    selfByFunction: rows(self.fn),
    totalByFunction: rows(total.fn),
    selfByModule: rows(self.mod),
    totalByModule: rows(total.mod),
  };
}

export function writeProfile(dir: string, name: string, profile: CpuProfile): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  return file;
}

// ---- Statements ---------------------------------------------------------------------------------

export interface Statement {
  text: string;
  values?: unknown[];
  /** Which client sent it, to set a background job's statements apart. */
  client: object;
  ms?: number;
}

const COMMIT_AT_END = /(^|;)\s*COMMIT\s*;?\s*$/i;
const START_AT_BEGINNING = /^\s*(START TRANSACTION|BEGIN)\s*(;|$)/i;

type QueryFn = (this: object, ...args: unknown[]) => unknown;

/**
 * Watches every statement pg sends from this process while `work` runs. With `rollBackCommits`, a
 * COMMIT is sent as ROLLBACK (the service is told it committed): the request leaves nothing behind,
 * so its statements can be replayed as they were, inserts included.
 */
export async function watchStatements(
  work: () => Promise<unknown>,
  options: { rollBackCommits?: boolean } = {},
): Promise<Statement[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const proto = (require('pg') as { Client: { prototype: { query: QueryFn } } }).Client.prototype;
  const original = proto.query;
  const seen: Statement[] = [];
  proto.query = function (this: object, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] };
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const values = Array.isArray(args[1])
      ? (args[1] as unknown[])
      : typeof first === 'object'
        ? first?.values
        : undefined;
    const statement: Statement = { text, values, client: this };
    seen.push(statement);
    // The service commits with a bare COMMIT or at the end of a simple-protocol `…; COMMIT`.
    if (options.rollBackCommits && typeof first === 'string' && COMMIT_AT_END.test(first))
      args[0] = first.replace(COMMIT_AT_END, (commit) => commit.replace(/COMMIT/i, 'ROLLBACK'));
    const started = process.hrtime.bigint();
    const done = () => (statement.ms = Number(process.hrtime.bigint() - started) / 1e6);
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => {
        done();
        return callback(...a);
      };
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(done, done);
    return result;
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  // The audit sealer's timer may fire meanwhile: its connection's statements are not the request's.
  const sealers = new Set(seen.filter((s) => s.text.includes('pg_try_advisory_lock')).map((s) => s.client));
  return seen.filter((s) => !sealers.has(s.client));
}

/** A statement's text with literals and whitespace folded, to count alike statements together. */
export function normalise(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\$\d+(, \$\d+)*/g, '$n')
    .trim();
}

export interface StatementCount {
  text: string;
  calls: number;
  /** Per request. */
  perRequest: number;
  /** Mean time as the client waits for it, ms. */
  meanMs: number;
}

/** Statements per request, grouped by their normalised text, most frequent first. */
export function countStatements(statements: Statement[], requests: number): StatementCount[] {
  const groups = new Map<string, { calls: number; ms: number }>();
  for (const s of statements) {
    const key = normalise(s.text);
    const g = groups.get(key) ?? { calls: 0, ms: 0 };
    g.calls++;
    g.ms += s.ms ?? 0;
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([text, g]) => ({ text, calls: g.calls, perRequest: g.calls / requests, meanMs: g.ms / g.calls }))
    .sort((a, b) => b.calls * b.meanMs - a.calls * a.meanMs);
}

export interface ExplainedStatement {
  /** The statement as the client sent it, normalised. */
  sent: string;
  /** Plans auto_explain gave while it ran: its own and those of the statements nested in its functions. */
  plans: Array<{ durationMs: number; queryText: string; plan: string; nested: boolean }>;
}

/**
 * Replays `statements` (one request's, transaction control dropped) in one transaction rolled back at
 * the end, on a superuser connection that loaded auto_explain and then took the service's role, so that
 * row-level security and the caller's settings apply as they did: every statement, nested ones
 * included, gives its EXPLAIN (ANALYZE, BUFFERS) plan as a notice.
 */
export async function explainReplay(
  superuserUrl: string,
  serviceRole: string,
  statements: Statement[],
): Promise<ExplainedStatement[]> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  const notices: string[] = [];
  client.on('notice', (notice) => notices.push(notice.message ?? ''));
  const out: ExplainedStatement[] = [];
  try {
    await client.query(`LOAD 'auto_explain'`);
    await client.query(
      `SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on;
       SET auto_explain.log_timing = on; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice;
       SET client_min_messages = notice`,
    );
    await client.query(`SET ROLE ${serviceRole}`);
    // Transaction control is the replay's own: the request's statements, without their START and COMMIT.
    const replayed = statements
      .map((s) => ({ ...s, text: s.text.replace(START_AT_BEGINNING, '').replace(COMMIT_AT_END, '$1').trim() }))
      .filter((s) => s.text && !/^(ROLLBACK|SET TRANSACTION)\b/i.test(s.text));
    // Three times, each rolled back, keeping the last: the first pays the new session's plan and
    // function caches, which the service's pooled connections have long since warmed.
    for (let run = 0; run < 3; run++) {
      out.length = 0;
      await client.query('BEGIN');
      for (const s of replayed) {
        notices.length = 0;
        await client.query(s.text, s.values);
        const plans = notices.map((message) => {
          const duration = /duration: ([\d.]+) ms/.exec(message);
          const body = message.slice(message.indexOf('\n') + 1);
          const queryText = /Query Text: ([^\n]*)/.exec(body)?.[1] ?? '';
          return {
            durationMs: duration ? Number(duration[1]) : 0,
            queryText: normalise(queryText),
            plan: body,
            // The sent statement's own plan carries its text; any other is of a statement nested in a function.
            nested: !normalise(s.text).startsWith(normalise(queryText).slice(0, 40)),
          };
        });
        out.push({ sent: normalise(s.text), plans });
      }
      await client.query('ROLLBACK');
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
  return out;
}
