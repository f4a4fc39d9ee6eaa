import { DatabaseConfig } from '../config/database.config';
import { startEmbeddedDatabase } from './embedded-postgres';

export interface ResolvedDatabase {
  appUrl: string;
  /** Present when this process may apply migrations (embedded, or DATABASE_MIGRATION_URL set). */
  ownerUrl?: string;
  embedded: boolean;
  describe: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under PANOH_DATA_DIR, started if needed. */
export async function resolveDatabase(
  config: DatabaseConfig,
  dataDir: string,
  log: (message: string) => void,
): Promise<ResolvedDatabase> {
  if (config.url) {
    const where = new URL(config.url);
    return {
      appUrl: config.url,
      ownerUrl: config.migrationUrl,
      embedded: false,
      describe: `PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname}`,
      stop: async () => undefined,
    };
  }
  const embedded = await startEmbeddedDatabase({ dataDir, port: config.embeddedPort, log });
  return {
    appUrl: embedded.appUrl,
    ownerUrl: embedded.ownerUrl,
    embedded: true,
    describe: embedded.describe,
    stop: () => embedded.stop(),
  };
}
