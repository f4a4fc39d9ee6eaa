// tsc compiles the migrations but copies nothing else: the SQL files they read (migrations/<name>/*.sql)
// go beside them in dist/migrations, so that the compiled service migrates without the source tree.
import * as fs from 'node:fs';
import * as path from 'node:path';

const from = 'migrations';
const to = path.join('dist', 'migrations');
for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
  const source = path.join(entry.parentPath, entry.name);
  // Only the migrations' own files: migrations/schema.sql, the snapshot, is for reading, not running.
  if (!entry.isFile() || !entry.name.endsWith('.sql') || path.dirname(source) === from) continue;
  const target = path.join(to, path.relative(from, source));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
}
