import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runMigrations } from '../../src/core/database/migrations';
import { freePort } from './free-port';
import type { TestDatabase } from './test-cluster';

/**
 * A PostgreSQL server of a test's own, started with the project's embedded support and migrated, for
 * tests that do to the server what must never be done to the shared one: freeze it (SIGSTOP, as a
 * network partition or a stalled host looks to the service) and thaw it (SIGCONT).
 */
export interface OwnEmbeddedCluster {
  db: TestDatabase;
  clusterDir: string;
  /** Stops the postmaster and every process it started, so nothing answers but the kernel. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

/** The built helper that runs the embedded server (`npm test` builds before it tests). */
const PROCESS = path.join(__dirname, '..', '..', 'dist', 'test', 'support', 'embedded-cluster-process.js');

interface Started {
  appUrl: string;
  ownerUrl: string;
  superuserUrl: string;
  clusterDir: string;
}

export async function startOwnEmbeddedCluster(database = 'panoh'): Promise<OwnEmbeddedCluster> {
  if (!fs.existsSync(PROCESS)) throw new Error(`${PROCESS} is missing: run npm run build first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-own-cluster-'));
  const child = spawn(process.execPath, [PROCESS, dataDir, String(await freePort()), database], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const embedded = await started(child);
  await runMigrations(embedded.ownerUrl);
  const superuserUrl = new URL(embedded.superuserUrl);
  superuserUrl.pathname = `/${database}`;
  let frozen: number[] = [];
  const signal = (pids: number[], name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name);
      } catch {
        // gone already
      }
    }
  };
  const thaw = () => {
    // Children first: a postmaster that wakes before them would see its children stopped.
    signal([...frozen].reverse(), 'SIGCONT');
    frozen = [];
  };
  return {
    db: {
      appUrl: embedded.appUrl,
      ownerUrl: embedded.ownerUrl,
      name: database,
      superuserUrl: superuserUrl.toString(),
      drop: async () => undefined,
    },
    freeze() {
      const postmaster = postmasterPid(embedded.clusterDir);
      // The postmaster first, so that it forks no new backend while its children are being stopped.
      signal([postmaster], 'SIGSTOP');
      frozen = [postmaster, ...childrenOf(postmaster)];
      signal(frozen.slice(1), 'SIGSTOP');
    },
    thaw,
    clusterDir: embedded.clusterDir,
    async stop() {
      thaw();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function started(child: ChildProcess): Promise<Started> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(JSON.parse(line) as Started);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the embedded PostgreSQL did not start (${code}): ${err}`)));
  });
}

function postmasterPid(clusterDir: string): number {
  return Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command may hold spaces and parentheses: the parent pid is the second field after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return children;
}
