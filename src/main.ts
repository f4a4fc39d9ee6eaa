import 'reflect-metadata';
import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { createApp } from './app-factory';
import { ConfigError, parseAppConfig, parseDatabaseConfig, validateAllConfig } from './core/config';
import { parseCryptoConfig } from './core/config/crypto.config';
import { loadKeys } from './core/crypto/key-ring';
import { hasPendingMigrations, runMigrations } from './core/database/migrations';
import { resolveDatabase, ResolvedDatabase } from './core/database/resolve-database';
import { serviceRoleProblems } from './core/database/service-role-check';

const log = new Logger('Panoh');

async function main(): Promise<void> {
  validateAllConfig(process.env);
  const app = parseAppConfig(process.env);
  const databaseConfig = parseDatabaseConfig(process.env);
  Logger.overrideLogger(nestLogLevels(app.logLevel));

  // Keys are checked before anything starts, so production without keys stops here.
  const keys = loadKeys(parseCryptoConfig(process.env));
  if (keys.createdFile) {
    log.warn(
      `DEVELOPMENT KEYS CREATED at ${keys.createdFile} (mode 0600). Without this file the encrypted data cannot be ` +
        'read: back it up apart from the database. Production refuses to start without configured keys.',
    );
  }

  const database = await resolveDatabase(databaseConfig, app.dataDir, (message) => log.verbose(message));

  let nest: INestApplication | undefined;
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal} received; stopping`);
    await nest?.close().catch(() => undefined);
    await database
      .stop()
      .catch((error: unknown) => log.error(`embedded PostgreSQL did not stop cleanly: ${String(error)}`));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  let schema: string;
  try {
    schema = await prepareSchema(database, databaseConfig.enforceLeastPrivilege);
    nest = await createApp(database.appUrl);
    await nest.listen(app.port, app.nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1');
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
  const url = (await nest.getUrl()).replace('[::1]', 'localhost');
  const started: Array<[string, string]> = [
    ['Panoh', `${url} (${app.nodeEnv})`],
    ['web', `${url}/ui — open it in a browser and sign in`],
    ['API docs', app.openApiDocs ? `${url}/docs` : 'off (PANOH_OPENAPI_DOCS)'],
    ['health', `${url}/health`],
    ['data', app.dataDir],
    ['keys', keys.source.kind === 'file' ? keys.source.path : 'from PANOH_KEYS'],
    ['database', database.describe],
    ['schema', schema],
  ];
  // A person at a terminal reads the banner; log collectors get the same facts as one line.
  if (app.nodeEnv === 'production') log.log(started.map(([name, value]) => `${name}: ${value}`).join('; '));
  else console.log(banner(started));
}

/** The start-up lines a person needs, aligned: where the service answers and where its data lives. */
function banner(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return ['', ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`), ''].join('\n');
}

/**
 * Applies migrations when this process holds the owner's connection, then checks the service's role.
 * Says what it did, for the banner.
 */
async function prepareSchema(database: ResolvedDatabase, enforceLeastPrivilege: boolean): Promise<string> {
  let schema = 'up to date';
  if (database.ownerUrl) {
    const applied = await runMigrations(database.ownerUrl);
    if (applied.length) schema = `up to date (applied ${applied.length} migrations now, the newest ${applied.at(-1)})`;
  } else if (await hasPendingMigrations(database.appUrl)) {
    throw new ConfigError(
      'DATABASE_MIGRATION_URL',
      'is needed: migrations are pending (or run `npm run cli -- migrate`)',
    );
  }
  const problems = await serviceRoleProblems(database.appUrl);
  if (problems.length) {
    const text = `the service's database role is too powerful for row-level security to hold: ${problems.join('; ')} (docs/operations.md)`;
    if (enforceLeastPrivilege) throw new ConfigError('DATABASE_URL', text);
    log.warn(text);
  }
  return schema;
}

function nestLogLevels(level: string): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const keep: Record<string, number> = { silent: 0, fatal: 1, error: 2, warn: 3, info: 4, debug: 6 };
  return order.slice(0, keep[level] ?? 4);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || (error instanceof Error && error.name === 'KeyFileError');
  const message = error instanceof Error ? error.message : String(error);
  console.error(known ? `Panoh cannot start. ${message}` : `Panoh cannot start: ${message}`);
  process.exit(1);
});
