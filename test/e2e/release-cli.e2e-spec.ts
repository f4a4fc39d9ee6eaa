import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { newKeyFile, writeKeyFile } from '../../src/core/crypto/key-file';
import { CLI, runCli } from '../support/cli';
import { asSuperuser } from '../support/test-cluster';
import { createUser, login, startTestApp, TestApp } from '../support/test-app';

describe('publishing and verifying releases from the command line (release:publish, release:verify)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-release-cli-'));
  const keyFile = path.join(dir, 'panoh-keys.json');
  let t: TestApp;

  beforeAll(async () => {
    expect(fs.existsSync(CLI)).toBe(true);
    writeKeyFile(keyFile, newKeyFile());
    t = await startTestApp({ PANOH_KEY_FILE: keyFile });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a closed year the Commission then reads, audited, and refuses an open one naming the period', async () => {
    const open = await runCli(t, keyFile, ['release:publish', '--period', String(new Date().getUTCFullYear())]);
    expect(open.code).not.toBe(0);
    expect(open.out).toMatch(/period/);

    const run = await runCli(t, keyFile, ['release:publish', '--period', '2024']);
    expect(run.out).toContain('published 2024 version 1');
    expect(run.code).toBe(0);
    const commission = await login(t, await createUser(t, Role.Commission));
    const listed = await t.http().get('/statistics/releases').set('Authorization', `Bearer ${commission}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ period: '2024', version: 1 })]);
    const audited = await asSuperuser<{ n: number }>(
      t.db,
      `SELECT count(*)::integer AS n FROM audit_event WHERE action = 'statistics.release_published' AND outcome = 'allowed'`,
    );
    expect(audited[0].n).toBe(1);
  });

  it('verifies every signature, and exits non-zero for a release changed behind its triggers', async () => {
    const valid = await runCli(t, keyFile, ['release:verify']);
    expect(valid.out).toContain('every signature valid');
    expect(valid.code).toBe(0);

    // Only a superuser who turns the triggers off can change a stored release; the signature tells.
    await asSuperuser(
      t.db,
      `ALTER TABLE statistics_release DISABLE TRIGGER USER;
       UPDATE statistics_release SET tables_csv = tables_csv || 'x';
       ALTER TABLE statistics_release ENABLE TRIGGER USER;`,
    );
    const broken = await runCli(t, keyFile, ['release:verify']);
    expect(broken.code).not.toBe(0);
    expect(broken.out).not.toContain('every signature valid');
  });
});
