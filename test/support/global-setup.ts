import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedDatabase } from '../../src/core/database/embedded-postgres';
import { TEST_ENV } from './test-cluster';

/**
 * Chooses the PostgreSQL for this run. Workers inherit the variables set here.
 * With TEST_DATABASE_URL (or DATABASE_URL) that server is used; otherwise an embedded one is started
 * in a temporary folder and stopped by the global teardown.
 */
export default async function globalSetup(): Promise<void> {
  process.env[TEST_ENV.runId] = randomBytes(3).toString('hex');
  process.env[TEST_ENV.rolePassword] = randomBytes(18).toString('base64url');
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) {
    process.env[TEST_ENV.adminUrl] = given;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-test-'));
  const embedded = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'panoh_test_bootstrap' });
  process.env[TEST_ENV.adminUrl] = embedded.superuserUrl;
  (globalThis as Record<string, unknown>).__panohEmbedded = { embedded, dataDir };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
