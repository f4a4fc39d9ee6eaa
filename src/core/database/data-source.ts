import * as path from 'node:path';
import type { DataSourceOptions, EntitySchema } from 'typeorm';
import { TimeoutClosingClient } from './connection-guard';

export interface ConnectionLimits {
  poolSize?: number;
  /** The server cancels a statement after this long (`statement_timeout`). */
  statementTimeoutMs?: number;
  /** How long to wait for a connection, new or from the pool, before the request answers 503. */
  connectTimeoutMs?: number;
}

/**
 * How much longer than the statement timeout the client waits for an answer. The server's own timeout
 * comes first when the server is alive (a clean error, the connection kept); only a server that does
 * not answer at all (frozen, or cut off by a partition) meets the client's, which closes the connection.
 */
export const QUERY_TIMEOUT_MARGIN_MS = 1000;

/**
 * A backend left idle inside a transaction this long is ended by the server: the net for a client that
 * vanished without closing its connection (a partition), whose locks would otherwise stay held until
 * the server's TCP keepalive noticed, by default hours later. No Panoh transaction pauses that long.
 */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/** An entity class, as TypeORM takes it. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function | EntitySchema;

/**
 * The one description of the database, used by the service, the CLI, the tests and TypeORM's own CLI.
 * Schema changes go through the migrations only. The platform knows no business table: each module
 * registers its own entities (`TypeOrmModule.forFeature`, loaded by `autoLoadEntities`), and a
 * DataSource outside Nest is given its list by the composition root (`src/data-source.ts`).
 */
export function dataSourceOptions(
  url: string,
  limits: ConnectionLimits = {},
  entities: EntityClass[] = [],
): DataSourceOptions {
  const migrationsGlob = path.join(__dirname, '..', '..', '..', 'migrations', `*${path.extname(__filename)}`);
  const statementTimeoutMs = limits.statementTimeoutMs ?? 30000;
  return {
    type: 'postgres',
    url,
    entities,
    migrations: [migrationsGlob],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: limits.poolSize ?? 10,
    extra: {
      // Fail fast when the database is down or does not answer, so the request answers 503 rather than hang.
      Client: TimeoutClosingClient,
      connectionTimeoutMillis: limits.connectTimeoutMs ?? 5000,
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
      idle_in_transaction_session_timeout: Math.max(IDLE_IN_TRANSACTION_TIMEOUT_MS, statementTimeoutMs),
      // Notices a peer that is gone (no answer to probes) on an idle pooled connection.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'panoh',
    },
  };
}
