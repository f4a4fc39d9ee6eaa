import { runMigrations } from '../../core/database/migrations';
import { CliContext } from '../cli-context';

export async function migrateCommand(context: CliContext): Promise<void> {
  if (!context.database.ownerUrl) {
    throw new Error('DATABASE_MIGRATION_URL must be set to the owner role to apply migrations');
  }
  const applied = await runMigrations(context.database.ownerUrl);
  context.out(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply; the schema is up to date');
}
