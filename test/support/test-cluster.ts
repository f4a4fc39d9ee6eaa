import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bootstrapPanohDatabase, DatabaseUrls, ident } from '../../src/core/database/database-bootstrap';
import { runMigrations } from '../../src/core/database/migrations';

/**
 * The PostgreSQL the tests use: TEST_DATABASE_URL or DATABASE_URL (a role that may create roles and
 * databases), else an embedded server the global set-up started. Each test file gets a database of its
 * own, made by the same bootstrap as production's and migrated as its owner.
 */
export interface TestDatabase extends DatabaseUrls {
  name: string;
  /** A superuser connection to this database, for tests that must look under the service's role. */
  superuserUrl: string;
  drop(): Promise<void>;
}

export const TEST_ENV = {
  adminUrl: 'PANOH_TEST_ADMIN_URL',
  runId: 'PANOH_TEST_RUN_ID',
  rolePassword: 'PANOH_TEST_ROLE_PASSWORD',
} as const;

export function testRun(): { adminUrl: string; runId: string; rolePassword: string } {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const runId = process.env[TEST_ENV.runId];
  const rolePassword = process.env[TEST_ENV.rolePassword];
  if (!adminUrl || !runId || !rolePassword) throw new Error('the e2e global set-up did not run');
  return { adminUrl, runId, rolePassword };
}

export function roleNames(runId: string): { owner: string; app: string } {
  return { owner: `panoh_t${runId}_owner`, app: `panoh_t${runId}_app` };
}

/** The run's migrated database that every test file's database is copied from. */
export function templateName(runId: string): string {
  return `panoh_t${runId}_template`;
}

/**
 * Bootstraps and migrates the run's template database, once, in the global set-up: the same bootstrap
 * as production's and every migration, so a copy of it is exactly a freshly migrated database.
 */
export async function createTemplateDatabase(): Promise<void> {
  const urls = await bootstrap(templateName(testRun().runId));
  await runMigrations(urls.ownerUrl);
}

/**
 * A database of the test file's own: a copy of the migrated template (`CREATE DATABASE … TEMPLATE`, a
 * few hundred milliseconds instead of seconds of migrations), then the database-level grants, which a
 * copy does not carry; what lives inside the database (schema owner, tables, policies, grants) comes
 * with it. `migrated: false` gives a bootstrapped database without migrations, for tests of migrating.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const { adminUrl, runId } = testRun();
  const name = `panoh_t${runId}_${randomBytes(4).toString('hex')}`;
  const urls = await bootstrap(name, options.migrated === false ? undefined : templateName(runId));
  const superuserUrl = new URL(adminUrl);
  superuserUrl.pathname = `/${name}`;
  return {
    ...urls,
    name,
    superuserUrl: superuserUrl.toString(),
    drop: () => dropDatabase(adminUrl, name),
  };
}

async function bootstrap(database: string, template?: string): Promise<DatabaseUrls> {
  const { adminUrl, runId, rolePassword } = testRun();
  const roles = roleNames(runId);
  const admin = new URL(adminUrl);
  return bootstrapPanohDatabase(adminUrl, {
    database,
    template,
    owner: { name: roles.owner, password: rolePassword },
    app: { name: roles.app, password: rolePassword },
    host: admin.hostname,
    port: Number(admin.port || 5432),
  });
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs one statement as the superuser in the test database (to inspect or tamper, as an attacker would). */
export async function asSuperuser<T = Record<string, unknown>>(
  db: TestDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: db.superuserUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Runs one statement as the service's own role, to see what the database lets the service do. */
export async function asServiceRole<T = Record<string, unknown>>(
  db: TestDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: db.appUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Runs `sql` as the service's database role with a caller of `role` in `organisationId` set, as a
 * request sets it, in a transaction rolled back after: what the policies let that caller do directly.
 */
export async function asOrganisation<T = Record<string, unknown>>(
  db: TestDatabase,
  organisationId: string,
  role: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: db.appUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `SELECT set_config('panoh.organisation_id', $1, true), set_config('panoh.role', $2, true),
              set_config('panoh.user_id', $3, true)`,
      [organisationId, role, randomUUID()],
    );
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
}
