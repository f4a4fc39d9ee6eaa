import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedDatabase } from '../../src/core/database/embedded-postgres';
import { createTemplateDatabase, TEST_ENV } from './test-cluster';
import { freePort } from './free-port';

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
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-test-'));
    const embedded = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'panoh_test_bootstrap' });
    process.env[TEST_ENV.adminUrl] = embedded.superuserUrl;
    (globalThis as Record<string, unknown>).__panohEmbedded = { embedded, dataDir };
  }
  await createTemplateDatabase();
}
