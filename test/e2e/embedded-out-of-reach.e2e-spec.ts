import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { embeddedBinaries } from '../../src/core/database/embedded-binaries';
import { startEmbeddedDatabase } from '../../src/core/database/embedded-postgres';
import { isRoot, lookUpUser } from '../../src/core/database/unprivileged-user';
import { freePort } from '../support/free-port';

/**
 * A clone under root's home or a `mktemp -d` folder (mode 0700): as root, PostgreSQL runs as the
 * `postgres` account, which cannot reach the programs in the clone's node_modules. Here the programs
 * are copied into such a folder, and the embedded database must still start from it.
 */
describe('the embedded PostgreSQL started from a clone the postgres account cannot enter', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-reach-'));
  const clone = path.join(work, 'clone'); // 0700, as mktemp -d makes it
  const shared = path.join(work, 'shared'); // stands for the folder the copies go to
  const dataDir = path.join(clone, '.panoh');
  let stop: (() => Promise<void>) | undefined;
  let clusterDir: string | undefined;

  beforeAll(async () => {
    fs.mkdirSync(clone, { mode: 0o700 });
    fs.chmodSync(work, 0o755);
    fs.mkdirSync(shared, { mode: 0o755 });
    const installed = await embeddedBinaries(undefined);
    fs.cpSync(path.join(installed.root, '..'), path.join(clone, 'package'), {
      recursive: true,
      verbatimSymlinks: true,
    });
  });
  afterAll(async () => {
    await stop?.();
    for (const dir of [work, clusterDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const shippedInClone = () => ({
    initdb: path.join(clone, 'package', 'native', 'bin', 'initdb'),
    postgres: path.join(clone, 'package', 'native', 'bin', 'postgres'),
  });

  it('copies the programs where the account reaches them when run as root, and uses them in place otherwise', async () => {
    const account = isRoot() ? lookUpUser('postgres') : undefined;
    if (account) {
      // The situation itself: from the clone, the account cannot even start initdb.
      const direct = spawnSync(shippedInClone().initdb, ['--version'], { uid: account.uid, gid: account.gid });
      expect((direct.error as NodeJS.ErrnoException | undefined)?.code).toBe('EACCES');
    }
    const binaries = await embeddedBinaries(account, shippedInClone(), shared);
    if (account) {
      const copied = spawnSync(binaries.initdb, ['--version'], { uid: account.uid, gid: account.gid });
      expect(copied.stdout.toString()).toMatch(/initdb \(PostgreSQL\) \d+/);
    }
    expect(binaries.copied).toBe(isRoot());
    expect(binaries.initdb.startsWith(isRoot() ? shared : clone)).toBe(true);
    expect(fs.existsSync(path.join(binaries.root, 'lib'))).toBe(true);
    // A second start finds the complete copy and copies nothing.
    const again = await embeddedBinaries(account, shippedInClone(), shared);
    expect(again.root).toBe(binaries.root);
    expect(fs.readdirSync(shared).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('initialises, starts and answers from there, and says where the cluster lives', async () => {
    const embedded = await startEmbeddedDatabase({
      dataDir,
      port: await freePort(),
      database: 'panoh_reach',
      shipped: shippedInClone(),
      sharedBinariesDir: shared,
    });
    stop = () => embedded.stop();
    clusterDir = embedded.clusterDir;
    const client = new Client({ connectionString: embedded.appUrl });
    await client.connect();
    const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
    await client.end();
    expect(rows[0].user).toBe('panoh_app');
    expect(embedded.describe).toContain(`cluster in ${embedded.clusterDir}`);
    if (isRoot()) expect(embedded.describe).toMatch(/run by postgres; programs copied to/);
  });
});
