import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chownTree, isRoot, lookUpUser } from '../../src/core/database/unprivileged-user';
import { freePort } from './free-port';

/**
 * PostgreSQL's client tools as an operator has them (`pg_dump`, `pg_restore`, `psql` on PATH), and a
 * server of the same major version made from the same installation, for a test that follows the
 * operations guide on a server of its own: its roles have the guide's fixed names, which no test may
 * create on a server that others share.
 */
export interface PostgresTools {
  major: number;
  /** The folder with initdb and postgres of that version. */
  serverBin: string;
}

/** The tools, or why a test that needs them cannot run here. */
export function findPostgresTools(): PostgresTools | { missing: string } {
  const version = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return { missing: 'pg_dump is not on PATH' };
  const major = Number(/(\d+)(?:\.\d+)?/.exec(version.stdout)?.[1]);
  const candidates = [`/usr/lib/postgresql/${major}/bin`];
  try {
    candidates.push(path.dirname(fs.realpathSync(execFileSync('which', ['pg_dump'], { encoding: 'utf8' }).trim())));
  } catch {
    // no `which`: the first candidate only
  }
  const serverBin = candidates.find(
    (dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres')),
  );
  if (!serverBin) return { missing: `no PostgreSQL ${major} server binaries (initdb, postgres) beside pg_dump` };
  return { major, serverBin };
}

export interface SystemCluster {
  host: string;
  port: number;
  superuser: string;
  superuserPassword: string;
  stop(): Promise<void>;
}

/** A fresh cluster with password authentication on 127.0.0.1 only, run as an unprivileged account. */
export async function startSystemCluster(tools: PostgresTools): Promise<SystemCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-system-cluster-'));
  const dataDir = path.join(dir, 'data');
  const passwordFile = path.join(dir, 'superuser-password');
  const superuserPassword = randomBytes(18).toString('base64url');
  fs.writeFileSync(passwordFile, superuserPassword, { mode: 0o600 });
  const runAs = isRoot() ? lookUpUser(process.env.PANOH_EMBEDDED_PG_USER || 'postgres') : undefined;
  if (isRoot() && !runAs) throw new Error('running as root, a test cluster needs the postgres account');
  const identity = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  if (runAs) chownTree(dir, runAs);

  const initdb = spawnSync(
    path.join(tools.serverBin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C'],
    { ...identity, encoding: 'utf8' },
  );
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr}`);
  const port = await freePort();
  const server: ChildProcess = spawn(
    path.join(tools.serverBin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...identity, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  await waitForPort(port, server, () => log);
  return {
    host: '127.0.0.1',
    port,
    superuser: 'postgres',
    superuserPassword,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`postgres exited: ${log()}`);
    const ready = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    // Listening is not yet accepting logins; the caller's first connection retries that briefly.
    if (ready && log().includes('ready to accept connections')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`postgres did not start: ${log()}`);
}
