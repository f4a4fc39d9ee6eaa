import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/**
 * The one description of the database, used by the service, the CLI, the tests and TypeORM's own CLI.
 * Schema changes go through the migrations only.
 */
export function dataSourceOptions(
  url: string,
  extra: { poolSize?: number; statementTimeoutMs?: number } = {},
): DataSourceOptions {
  const migrationsGlob = path.join(__dirname, '..', '..', '..', 'migrations', `*${path.extname(__filename)}`);
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [migrationsGlob],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: extra.poolSize ?? 10,
    extra: {
      // Fail fast when the database is down so the request can answer 503 rather than hang.
      connectionTimeoutMillis: 5000,
      statement_timeout: extra.statementTimeoutMs ?? 30000,
      application_name: 'panoh',
    },
  };
}

/** For `typeorm migration:run -d dist/src/core/database/data-source.js` with the owner's URL. */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL ?? 'postgres://localhost/panoh'),
);
