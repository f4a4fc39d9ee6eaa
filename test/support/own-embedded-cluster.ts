import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedDatabase } from '../../src/core/database/embedded-postgres';
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

export async function startOwnEmbeddedCluster(database = 'panoh'): Promise<OwnEmbeddedCluster> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-own-cluster-'));
  const embedded = await startEmbeddedDatabase({ dataDir, port: await freePort(), database });
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
      await embedded.stop();
      // The cluster lives outside the data folder when the account cannot reach it (as root under /tmp).
      for (const dir of [dataDir, embedded.clusterDir]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
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
