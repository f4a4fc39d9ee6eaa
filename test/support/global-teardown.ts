import * as fs from 'node:fs';
import { Client } from 'pg';
import { EmbeddedDatabase } from '../../src/core/database/embedded-postgres';
import { ident } from '../../src/core/database/database-bootstrap';
import { roleNames, TEST_ENV } from './test-cluster';

/** Drops this run's databases and roles, and stops the embedded server if the set-up started one. */
export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as Record<string, unknown>).__panohEmbedded as
    { embedded: EmbeddedDatabase; dataDir: string } | undefined;
  if (started) {
    await started.embedded.stop();
    for (const dir of [started.dataDir, started.embedded.clusterDir]) fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const runId = process.env[TEST_ENV.runId];
  if (!adminUrl || !runId) return;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `panoh_t${runId}_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
    const roles = roleNames(runId);
    for (const role of [roles.app, roles.owner]) await client.query(`DROP ROLE IF EXISTS ${ident(role)}`);
  } finally {
    await client.end();
  }
}
