// tsc compiles the templates but copies nothing else: the pages' stylesheets and script go beside
// the compiled web folder, where the assets controller reads them.
import * as fs from 'node:fs';
import * as path from 'node:path';

const from = path.join('src', 'core', 'web', 'assets');
const to = path.join('dist', 'src', 'core', 'web', 'assets');
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));
