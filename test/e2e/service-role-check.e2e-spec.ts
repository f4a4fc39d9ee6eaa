import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { Role } from '../../src/core/access/role';
import { newKeyFile, writeKeyFile } from '../../src/core/crypto/key-file';
import { ident, SERVICE_GROUP_ROLE } from '../../src/core/database/database-bootstrap';
import { serviceRoleProblems } from '../../src/core/database/service-role-check';
import { freePort } from '../support/free-port';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';
import { asSuperuser, roleNames, testRun } from '../support/test-cluster';
import { PRODUCTION_WEBAUTHN } from '../support/webauthn';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const PERSONS = 3;

/**
 * The production start-up check of the service's database role. Each role below was once accepted and
 * could read every person row; each test first shows how, then that the check names it.
 */
describe("the service's database role", () => {
  const { runId, rolePassword } = testRun();
  const prefix = `panoh_t${runId}_rc`;
  const created: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    // One person in each of three organisations: a role that sees all three sees across organisations.
    for (let i = 0; i < PERSONS; i++) {
      const token = await login(t, await createUser(t, Role.Caseworker, await createOrganisation(t)));
      const response = await t
        .http()
        .post('/persons')
        .set('Authorization', `Bearer ${token}`)
        .send({ familyName: `Назарова ${i}`, givenName: 'Шахло' });
      expect(response.status).toBe(201);
    }
  });
  afterAll(async () => {
    for (const role of created.reverse()) await asSuperuser(t.db, `DROP ROLE IF EXISTS ${ident(role)}`);
    await t.close();
  });

  /** Creates a role for this run (roles belong to the whole server), dropped at the end. */
  async function role(suffix: string, attributes: string, memberOf: string[] = []): Promise<string> {
    const name = `${prefix}_${suffix}`;
    await asSuperuser(t.db, `CREATE ROLE ${ident(name)} ${attributes}`);
    created.push(name);
    for (const group of memberOf) await asSuperuser(t.db, `GRANT ${ident(group)} TO ${ident(name)}`);
    return name;
  }

  async function loginRole(suffix: string, attributes: string, memberOf: string[]): Promise<string> {
    const name = await role(suffix, `LOGIN PASSWORD '${rolePassword}' ${attributes}`, [
      SERVICE_GROUP_ROLE,
      ...memberOf,
    ]);
    const url = new URL(t.db.appUrl);
    url.username = name;
    return url.toString();
  }

  /** Runs `steps` as the role in a transaction that is rolled back, and counts the person rows it then sees. */
  async function personsSeenAfter(url: string, steps: string[]): Promise<number> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      for (const step of steps) await client.query(step);
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM person');
      return Number(rows[0].count);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  }

  const owner = () => roleNames(runId).owner;

  it('accepts the ordinary app role, which sees no person outside a request', async () => {
    expect(await serviceRoleProblems(t.db.appUrl)).toEqual([]);
    expect(await personsSeenAfter(t.db.appUrl, [])).toBe(0);
  });

  it('refuses a role with CREATEROLE', async () => {
    const url = await loginRole('createrole', 'CREATEROLE', []);
    const [{ server_version_num: version }] = await asSuperuser<{ server_version_num: string }>(
      t.db,
      'SHOW server_version_num',
    );
    if (Number(version) < 160000) {
      // Before PostgreSQL 16, CREATEROLE may grant itself any role that is not a superuser: the owner.
      const me = new URL(url).username;
      expect(
        await personsSeenAfter(url, [
          `GRANT ${ident(owner())} TO ${ident(me)}`,
          `SET ROLE ${ident(owner())}`,
          'ALTER TABLE person NO FORCE ROW LEVEL SECURITY',
        ]),
      ).toBe(PERSONS);
    }
    expect(await serviceRoleProblems(url)).toEqual([expect.stringMatching(/has CREATEROLE$/)]);
  });

  it('refuses a member of the owner through a NOINHERIT role', async () => {
    const middle = await role('noinherit', 'NOLOGIN NOINHERIT', [owner()]);
    const url = await loginRole('via_noinherit', '', [middle]);
    expect(
      await personsSeenAfter(url, [`SET ROLE ${ident(owner())}`, 'ALTER TABLE person NO FORCE ROW LEVEL SECURITY']),
    ).toBe(PERSONS);
    const problems = await serviceRoleProblems(url);
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`can become role ${owner()} .*which owns \\d+ object\\(s\\) in this database`)),
    );
  });

  it('refuses a member of a BYPASSRLS role', async () => {
    const bypass = await role('bypass', 'NOLOGIN BYPASSRLS', [SERVICE_GROUP_ROLE]);
    const url = await loginRole('via_bypass', '', [bypass]);
    expect(await personsSeenAfter(url, [`SET ROLE ${ident(bypass)}`])).toBe(PERSONS);
    expect(await serviceRoleProblems(url)).toEqual([
      expect.stringMatching(new RegExp(`can become role ${bypass} .*which has BYPASSRLS$`)),
    ]);
  });

  it('refuses a member of pg_read_all_data, and a role with CREATEDB or REPLICATION', async () => {
    const reader = await loginRole('read_all', '', ['pg_read_all_data']);
    expect(await serviceRoleProblems(reader)).toEqual([
      expect.stringMatching(/can become role pg_read_all_data .*predefined role/),
    ]);
    expect(await serviceRoleProblems(await loginRole('createdb', 'CREATEDB', []))).toEqual([
      expect.stringMatching(/has CREATEDB$/),
    ]);
    expect(await serviceRoleProblems(await loginRole('replication', 'REPLICATION', []))).toEqual([
      expect.stringMatching(/has REPLICATION$/),
    ]);
  });

  it('refuses the owner and a superuser', async () => {
    expect(await serviceRoleProblems(t.db.ownerUrl)).toContainEqual(
      expect.stringMatching(/owns \d+ object\(s\) in this database$/),
    );
    expect(await serviceRoleProblems(t.db.superuserUrl)).toEqual([expect.stringMatching(/is a superuser$/)]);
  });

  describe('in production', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-role-check-'));
    const keyFile = path.join(dir, 'keys', 'panoh-keys.json');
    beforeAll(() => writeKeyFile(keyFile, newKeyFile()));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    function start(databaseUrl: string, port: number): { child: ChildProcess; output: () => string } {
      const child = spawn(process.execPath, [MAIN], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          ...PRODUCTION_WEBAUTHN,
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          PANOH_KEY_FILE: keyFile,
          PANOH_DATA_DIR: dir,
          PANOH_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
      return { child, output: () => output };
    }

    it('does not start with a role that can become the owner, naming the setting and the reason', async () => {
      const middle = await role('prod_noinherit', 'NOLOGIN NOINHERIT', [owner()]);
      const url = await loginRole('prod_via_noinherit', '', [middle]);
      const { child, output } = start(url, await freePort());
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect({ code, output: output() }).toEqual({
        code: 1,
        output: expect.stringMatching(/DATABASE_URL .*too powerful.*can become role .*which owns/s),
      });
    });

    it('starts with the ordinary app role', async () => {
      const port = await freePort();
      const { child, output } = start(t.db.appUrl, port);
      try {
        let status = 0;
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline && status !== 200 && child.exitCode === null) {
          status = await fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.status,
            () => 0,
          );
          if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect({ status, output: status === 200 ? '' : output() }).toEqual({ status: 200, output: '' });
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      }
    });
  });
});
