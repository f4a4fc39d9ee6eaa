import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/free-port';
import { waitFor } from '../support/wait-for';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

function withoutDatabaseSettings(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'TEST_DATABASE_URL', 'PANOH_KEY_FILE', 'PANOH_KEYS'])
    delete env[name];
  return env;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The built service, started as a new user would start it (`npm start` runs this after building). */
describe('starting the service', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an embedded PostgreSQL with no settings, answers /health, and stops it cleanly on SIGTERM', async () => {
    expect(fs.existsSync(MAIN)).toBe(true);
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...withoutDatabaseSettings(),
        NODE_ENV: 'development',
        PORT: String(port),
        PANOH_DATA_DIR: dataDir,
        PANOH_EMBEDDED_PG_PORT: String(await freePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const exit = exited(child);

    const status = await waitFor(
      async () => {
        if (child.exitCode !== null) return 0;
        const answer = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
        return answer === 200 ? answer : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 250 },
    );
    expect({ status, output: status === 200 ? '' : output }).toEqual({ status: 200, output: '' });
    expect(output).toMatch(/DEVELOPMENT KEYS CREATED/);
    // One short banner says where things are; the framework's route lines are not in it.
    await waitFor(() => (output.includes('schema') ? true : undefined), { timeoutMs: 30_000 });
    expect(output).toContain(`Panoh     http://127.0.0.1:${port}`);
    expect(output).toMatch(/database {2}embedded PostgreSQL \S+ on 127\.0\.0\.1:\d+, cluster in /);
    expect(output).not.toMatch(/Mapped \{/);
    expect(fs.statSync(path.join(dataDir, 'keys', 'panoh-keys.json')).mode & 0o777).toBe(0o600);

    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const postgres = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('postgres') && line.includes(dataDir));
    expect(postgres).toEqual([]);
  });

  it('refuses to start in production without a database URL, naming the setting', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...withoutDatabaseSettings(), NODE_ENV: 'production', PANOH_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk) => (output += chunk));
    expect(await exited(child)).toBe(1);
    expect(output).toMatch(/DATABASE_URL is required in production/);
  });

  it('refuses to start in production without keys, naming the setting', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...withoutDatabaseSettings(),
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://panoh@127.0.0.1:1/panoh',
        PANOH_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk) => (output += chunk));
    expect(await exited(child)).toBe(1);
    expect(output).toMatch(/PANOH_KEY_FILE is required in production/);
  });

  it('refuses a malformed setting, naming it', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...withoutDatabaseSettings(), PORT: 'abc', PANOH_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk) => (output += chunk));
    expect(await exited(child)).toBe(1);
    expect(output).toMatch(/PORT must be a whole number/);
  });
});
