import { registerAs } from '@nestjs/config';
import { ConfigError } from './config.error';
import { Env, readBoolean, readInt, readPostgresUrl } from './env';
import { parseAppConfig } from './app.config';

export interface DatabaseConfig {
  /** The service's own connection: a role that owns no table and cannot bypass row-level security. */
  url?: string;
  /** The owner's connection, used only to apply migrations. */
  migrationUrl?: string;
  /** True when no DATABASE_URL is set: the service runs its own PostgreSQL under PANOH_DATA_DIR. */
  embedded: boolean;
  embeddedPort: number;
  poolSize: number;
  /** Refuse to start when the service's role could bypass row-level security (always on in production). */
  enforceLeastPrivilege: boolean;
  statementTimeoutMs: number;
  /** How long a request waits for a connection (new, or from a full pool) before it answers 503. */
  connectTimeoutMs: number;
}

export function parseDatabaseConfig(env: Env): DatabaseConfig {
  const { nodeEnv } = parseAppConfig(env);
  const url = readPostgresUrl(env, 'DATABASE_URL');
  const migrationUrl = readPostgresUrl(env, 'DATABASE_MIGRATION_URL');
  if (nodeEnv === 'production' && !url) {
    throw new ConfigError(
      'DATABASE_URL',
      'is required in production (the embedded PostgreSQL is for development and evaluation only)',
    );
  }
  if (migrationUrl && !url) {
    throw new ConfigError('DATABASE_URL', 'must be set when DATABASE_MIGRATION_URL is set');
  }
  return {
    url,
    migrationUrl,
    embedded: !url,
    embeddedPort: readInt(env, 'PANOH_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    poolSize: readInt(env, 'PANOH_DB_POOL_SIZE', 10, 1, 200),
    enforceLeastPrivilege: nodeEnv === 'production' || readBoolean(env, 'PANOH_ENFORCE_DB_LEAST_PRIVILEGE', false),
    statementTimeoutMs: readInt(env, 'PANOH_DB_STATEMENT_TIMEOUT_MS', 30000, 100, 3600000),
    connectTimeoutMs: readInt(env, 'PANOH_DB_CONNECT_TIMEOUT_MS', 5000, 100, 600000),
  };
}

export const databaseConfig = registerAs('database', () => parseDatabaseConfig(process.env));
