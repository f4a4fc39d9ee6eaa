import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A SQL file of a migration: `migrations/<migration>/<file>`, the folder named as the migration's file.
 * Function bodies live in such files so that they read as SQL, not as TypeScript strings. The build
 * copies them beside the compiled migrations (`migrations/support/copy-sql.mjs`), so the same path holds
 * under ts-jest (migrations/) and in the compiled service (dist/migrations/).
 *
 * This folder is not a migration: the migrations glob (`migrations/*.ts`) does not descend into it.
 */
export function migrationSql(migrationFile: string, file: string): string {
  const folder = path.join(path.dirname(migrationFile), path.basename(migrationFile, path.extname(migrationFile)));
  return fs.readFileSync(path.join(folder, file), 'utf8');
}
