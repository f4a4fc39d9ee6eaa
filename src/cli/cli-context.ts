import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { parseAppConfig, parseDatabaseConfig, validateAllConfig } from '../core/config';
import { runMigrations } from '../core/database/migrations';
import { resolveDatabase, ResolvedDatabase } from '../core/database/resolve-database';

/** What a command works with: the configured database and, on demand, the application's services. */
export interface CliContext {
  database: ResolvedDatabase;
  /** The application's services (no HTTP), connected with the owner's connection when there is one. */
  services(): Promise<INestApplicationContext>;
  nodeEnv: string;
  out: (line: string) => void;
  err: (line: string) => void;
  readSecret: (prompt: string) => Promise<string>;
}

export async function openCliContext(
  io: Pick<CliContext, 'out' | 'err' | 'readSecret'>,
): Promise<CliContext & { close(): Promise<void> }> {
  validateAllConfig(process.env);
  const app = parseAppConfig(process.env);
  const database = await resolveDatabase(parseDatabaseConfig(process.env), app.dataDir, () => undefined);
  let context: INestApplicationContext | undefined;
  return {
    ...io,
    database,
    nodeEnv: app.nodeEnv,
    async services() {
      if (!context && database.ownerUrl) await runMigrations(database.ownerUrl);
      context ??= await NestFactory.createApplicationContext(
        AppModule.forRoot({ databaseUrl: database.ownerUrl ?? database.appUrl }),
        { logger: ['error', 'warn'] },
      );
      return context;
    },
    async close() {
      await context?.close();
      await database.stop();
    },
  };
}
