import { Client } from 'pg';

/**
 * Creates, as a superuser, the roles and the database the service expects:
 * - `panoh_service`: a group role without login; migrations grant the service's privileges to it.
 * - the owner: a login role that owns the database and its tables; migrations run as it.
 * - the app: the service's login role, a member of `panoh_service`; no superuser, no BYPASSRLS, owns nothing.
 * - `panoh_backup`: BYPASSRLS, and migrations grant it SELECT on everything; a login role when a
 *   password is given for it, for `pg_dump`.
 * docs/operations.md gives the same steps for a database you run yourself.
 */
export const SERVICE_GROUP_ROLE = 'panoh_service';
export const BACKUP_ROLE = 'panoh_backup';

const BOOTSTRAP_LOCK = 0x70616e6f6862; // one bootstrap at a time on a server

export interface RoleSpec {
  name: string;
  password: string;
}

export interface DatabaseUrls {
  /** Connection of the service (the app role). */
  appUrl: string;
  /** Connection of the owner, for migrations. */
  ownerUrl: string;
  /** Connection of `panoh_backup`, for `pg_dump`, when it was given a password. */
  backupUrl?: string;
}

export interface BootstrapOptions {
  database: string;
  /** A database to copy when creating this one (the tests copy one migrated template). */
  template?: string;
  owner: RoleSpec;
  app: RoleSpec;
  /** The backup role's password: given, `panoh_backup` may log in (the embedded server gives one). */
  backupPassword?: string;
  host: string;
  port: number;
}

export async function bootstrapPanohDatabase(superuserUrl: string, options: BootstrapOptions): Promise<DatabaseUrls> {
  const admin = new Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    // Roles are shared by the whole server: bootstraps running at once (parallel test files) take
    // turns, or their ALTER ROLE and GRANT statements can fail with "tuple concurrently updated".
    await admin.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
    await ensureRole(admin, SERVICE_GROUP_ROLE, 'NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE');
    await ensureRole(admin, options.owner.name, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE');
    await ensureRole(admin, options.app.name, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT');
    await admin.query(`ALTER ROLE ${ident(options.owner.name)} PASSWORD ${literal(options.owner.password)}`);
    await admin.query(`ALTER ROLE ${ident(options.app.name)} PASSWORD ${literal(options.app.password)}`);
    await admin.query(`GRANT ${ident(SERVICE_GROUP_ROLE)} TO ${ident(options.app.name)}`);
    await ensureBackupRole(admin, options.backupPassword);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) {
      await admin.query(
        `CREATE DATABASE ${ident(options.database)} OWNER ${ident(options.owner.name)} ENCODING 'UTF8'` +
          (options.template ? ` TEMPLATE ${ident(options.template)}` : ''),
      );
    }
    await admin.query(`REVOKE ALL ON DATABASE ${ident(options.database)} FROM PUBLIC`);
    await admin.query(
      `GRANT CONNECT, TEMPORARY ON DATABASE ${ident(options.database)} TO ${ident(SERVICE_GROUP_ROLE)}`,
    );
    await admin.query(`GRANT CONNECT ON DATABASE ${ident(options.database)} TO ${ident(BACKUP_ROLE)}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK]).catch(() => undefined);
    await admin.end();
  }

  const inDatabase = new Client({ connectionString: withDatabase(superuserUrl, options.database) });
  await inDatabase.connect();
  try {
    // The owner owns the schema; nobody else may create objects in it.
    await inDatabase.query(`ALTER SCHEMA public OWNER TO ${ident(options.owner.name)}`);
    await inDatabase.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await inDatabase.query(`GRANT USAGE ON SCHEMA public TO ${ident(SERVICE_GROUP_ROLE)}, ${ident(BACKUP_ROLE)}`);
  } finally {
    await inDatabase.end();
  }

  const base = `${options.host}:${options.port}/${options.database}`;
  const url = (name: string, password: string) =>
    `postgres://${encodeURIComponent(name)}:${encodeURIComponent(password)}@${base}`;
  return {
    appUrl: url(options.app.name, options.app.password),
    ownerUrl: url(options.owner.name, options.owner.password),
    ...(options.backupPassword ? { backupUrl: url(BACKUP_ROLE, options.backupPassword) } : {}),
  };
}

/**
 * `panoh_backup` is shared by every Panoh database of the server, as `panoh_service` is. Without a
 * password it is only made to exist (NOLOGIN) when missing, so that a test database never takes
 * away the login an operator gave it.
 */
async function ensureBackupRole(client: Client, password: string | undefined): Promise<void> {
  const attributes = 'BYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION';
  if (password === undefined) {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [BACKUP_ROLE]);
    if (exists.rowCount === 0) await ensureRole(client, BACKUP_ROLE, `NOLOGIN ${attributes}`);
    return;
  }
  await ensureRole(client, BACKUP_ROLE, `LOGIN ${attributes}`);
  await client.query(`ALTER ROLE ${ident(BACKUP_ROLE)} PASSWORD ${literal(password)}`);
}

async function ensureRole(client: Client, name: string, attributes: string): Promise<void> {
  // Concurrent bootstraps (parallel test runs) may race to create the same role; the loser's error is harmless.
  await client.query(
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(name)}) THEN
         CREATE ROLE ${ident(name)} ${attributes};
       END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
  );
  await client.query(`ALTER ROLE ${ident(name)} ${attributes}`);
}

export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
