import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { Role } from '../../src/core/access/role';
import { AuditSealer } from '../../src/core/audit/audit-sealer.service';
import { newKeyFile, writeKeyFile } from '../../src/core/crypto/key-file';
import { serviceRoleProblems } from '../../src/core/database/service-role-check';
import { findPostgresTools, PostgresTools, startSystemCluster, SystemCluster } from '../support/postgres-tools';
import { createOrganisation, createUser, login, startTestApp, STRONG_PASSWORD, TestApp } from '../support/test-app';
import type { TestDatabase } from '../support/test-cluster';
import { PRODUCTION_WEBAUTHN } from '../support/webauthn';

const GUIDE = path.join(__dirname, '..', '..', 'docs', 'operations.md');
const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

/** The fenced blocks of one section of the operations guide, unindented, in order. */
function guideBlocks(section: string, language: string): string[] {
  const text = fs.readFileSync(GUIDE, 'utf8');
  const start = text.indexOf(`\n## ${section}\n`);
  const end = text.indexOf('\n## ', start + 1);
  const body = text.slice(start, end === -1 ? undefined : end);
  const blocks: string[] = [];
  const fence = new RegExp('^( *)```' + language + '\\n([\\s\\S]*?)^\\1```', 'gm');
  for (const match of body.matchAll(fence)) {
    const indent = match[1].length;
    blocks.push(
      match[2]
        .split('\n')
        .map((line) => line.slice(indent))
        .join('\n'),
    );
  }
  return blocks;
}

interface Run {
  code: number | null;
  out: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH, ...env },
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.stdin.end(input ?? '');
    child.once('exit', (code) => resolve({ code, out }));
  });
}

const tools = findPostgresTools();
// Without PostgreSQL's client tools (and a server of their version) there is nothing to follow the
// guide with; the reason is in the test's name. On the project's machines and in CI they are there.
const withTools = 'missing' in tools ? describe.skip : describe;

withTools(`backup and restore as docs/operations.md says${'missing' in tools ? ` (${tools.missing})` : ''}`, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-backup-'));
  const keyFile = path.join(work, 'keys', 'panoh-keys.json');
  const headsFile = path.join(work, 'panoh-audit-heads.jsonl');
  const passwords = {
    owner: randomBytes(12).toString('hex'),
    app: randomBytes(12).toString('hex'),
    backup: randomBytes(12).toString('hex'),
  };
  const clusters: SystemCluster[] = [];
  const apps: TestApp[] = [];

  const url = (cluster: SystemCluster, user: string, password: string) =>
    `postgres://${user}:${password}@${cluster.host}:${cluster.port}/panoh`;
  const database = (cluster: SystemCluster): TestDatabase => ({
    name: 'panoh',
    appUrl: url(cluster, 'panoh_app', passwords.app),
    ownerUrl: url(cluster, 'panoh_owner', passwords.owner),
    superuserUrl: url(cluster, cluster.superuser, cluster.superuserPassword),
    drop: async () => undefined,
  });
  const libpq = (cluster: SystemCluster, password: string) => ({
    PGHOST: cluster.host,
    PGPORT: String(cluster.port),
    PGPASSWORD: password,
  });

  /** A new server with the guide's roles and database, made by running its SQL as it is written. */
  async function preparedServer(): Promise<SystemCluster> {
    const cluster = await startSystemCluster(tools as PostgresTools);
    clusters.push(cluster);
    const [sql] = guideBlocks('Database roles', 'sql');
    const filled = sql
      .replace('<owner password>', passwords.owner)
      .replace('<app password>', passwords.app)
      .replace('<backup password>', passwords.backup);
    const result = await run(
      'psql',
      ['-v', 'ON_ERROR_STOP=1', '--username', cluster.superuser, '--dbname', 'postgres'],
      libpq(cluster, cluster.superuserPassword),
      filled,
    );
    expect(result).toEqual({ code: 0, out: expect.any(String) });
    return cluster;
  }

  function cli(cluster: SystemCluster, args: string[]): Promise<Run> {
    const owner = database(cluster).ownerUrl;
    return run(process.execPath, [CLI, ...args], {
      NODE_ENV: 'production',
      ...PRODUCTION_WEBAUTHN,
      PANOH_LOG_LEVEL: 'silent',
      DATABASE_URL: owner,
      DATABASE_MIGRATION_URL: owner,
      PANOH_KEY_FILE: keyFile,
      PANOH_DATA_DIR: work,
    });
  }

  beforeAll(() => writeKeyFile(keyFile, newKeyFile()));
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    for (const cluster of clusters) await cluster.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('dumps as panoh_backup, restores into a new server, and reads the same case with an intact audit log', async () => {
    expect(fs.existsSync(CLI)).toBe(true);
    const [backUp, restore] = guideBlocks('Backup and restore', 'sh');
    expect(backUp).toContain('pg_dump');
    expect(restore).toContain('pg_restore');

    // The service's database, set up and migrated as the guide says, with a case and sealed audit events.
    const original = await preparedServer();
    expect(await cli(original, ['migrate'])).toEqual({ code: 0, out: expect.any(String) });
    const before = await startTestApp({ PANOH_KEY_FILE: keyFile }, database(original));
    apps.push(before);
    const organisationId = await createOrganisation(before);
    const caseworker = await createUser(before, Role.Caseworker, organisationId);
    const token = await login(before, caseworker);
    const opened = await before
      .http()
      .post('/cases')
      .set('Authorization', `Bearer ${token}`)
      .send({ person: { familyName: 'Холова', givenName: 'Мадина' }, gender: 'Feminine' });
    expect(opened.status).toBe(201);
    const read = await before.http().get(`/cases/${opened.body.id}`).set('Authorization', `Bearer ${token}`);
    expect(read.status).toBe(200);
    expect((await before.app.get(AuditSealer).seal()).sealed).toBeGreaterThan(0);
    await before.close();
    apps.pop();
    const heads = await cli(original, ['audit:heads']);
    expect(heads.code).toBe(0);
    fs.writeFileSync(headsFile, heads.out);
    expect(heads.out).toMatch(/"upToSeq":\d+/);

    // As the owner, as the guide once said: pg_dump refuses, and says why.
    const asOwner = await run(
      'pg_dump',
      ['--format=custom', '--username=panoh_owner', '--dbname=panoh', `--file=${path.join(work, 'owner.dump')}`],
      libpq(original, passwords.owner),
    );
    expect(asOwner.code).not.toBe(0);
    expect(asOwner.out).toMatch(/row-level security/);

    // The guide's backup lines, run as they are: a failing pg_dump leaves no backup and says so by its exit status.
    const failed = await run('sh', ['-c', backUp], libpq(original, 'not the password'), undefined, work);
    expect(failed.code).not.toBe(0);
    expect(fs.readdirSync(work).filter((f) => /^panoh-\d{4}-\d\d-\d\d\.dump$/.test(f))).toEqual([]);
    const done = await run('sh', ['-c', backUp], libpq(original, passwords.backup), undefined, work);
    expect(done).toEqual({ code: 0, out: '' });
    const [dump] = fs.readdirSync(work).filter((f) => /^panoh-\d{4}-\d\d-\d\d\.dump$/.test(f));
    expect(dump).toBeDefined();
    await original.stop();

    // A new server, prepared by the guide's SQL; the guide's restore line with the file's name; migrate.
    const replacement = await preparedServer();
    const restored = await run(
      'sh',
      ['-c', restore.replace('panoh-YYYY-MM-DD.dump', dump)],
      libpq(replacement, passwords.owner),
      undefined,
      work,
    );
    expect(restored).toEqual({ code: 0, out: '' });
    expect(await cli(replacement, ['migrate'])).toEqual({ code: 0, out: expect.any(String) });

    // The service on it, with the same key file: the same person, decrypted; the audit log intact.
    const after = await startTestApp({ PANOH_KEY_FILE: keyFile }, database(replacement));
    apps.push(after);
    const again = await login(after, { username: caseworker.username, password: STRONG_PASSWORD });
    const reread = await after.http().get(`/cases/${opened.body.id}`).set('Authorization', `Bearer ${again}`);
    expect(reread.status).toBe(200);
    expect(reread.body.person.familyName).toBe('Холова');
    expect(reread.body).toEqual({ ...read.body, version: reread.body.version });
    const verified = await cli(replacement, ['audit:verify', '--heads', headsFile]);
    expect(verified).toEqual({ code: 0, out: expect.stringMatching(/^intact up to sequence number \d+/) });
  });

  it('gives panoh_backup every row to read and nothing to change, and the service refuses it', async () => {
    const cluster = clusters[clusters.length - 1];
    const backupUrl = url(cluster, 'panoh_backup', passwords.backup);
    const client = new Client({ connectionString: backupUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM person');
      expect(Number(rows[0].count)).toBe(1);
      for (const statement of [
        `INSERT INTO organisation (id, name, type, region) VALUES (gen_random_uuid(), 'x', 'NGO', 'TJ-DU')`,
        'UPDATE person SET family_name = NULL',
        'DELETE FROM audit_event',
        'CREATE TABLE copied (id int)',
        'CREATE TEMPORARY TABLE copied (id int)',
      ]) {
        const refused = await client.query(statement).then(
          () => 'allowed',
          (error: { code?: string }) => error.code,
        );
        expect({ statement, refused }).toEqual({ statement, refused: '42501' });
      }
    } finally {
      await client.end();
    }
    expect(await serviceRoleProblems(backupUrl)).toEqual([expect.stringMatching(/has BYPASSRLS$/)]);
  });
});
