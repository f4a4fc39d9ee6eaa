import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { totpCode, totpStep } from '../../src/core/auth/totp';
import { Envelope } from '../../src/core/crypto/envelope';
import { newKeyFile, readKeyFile, withNewKekVersion, writeKeyFile } from '../../src/core/crypto/key-file';
import { KeyRing } from '../../src/core/crypto/key-ring';
import { KeyRotationService } from '../../src/core/crypto/key-rotation.service';
import { CLI, runCli } from '../support/cli';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';
import { enrolTotp } from '../support/totp';
import { waitFor } from '../support/wait-for';

const EXTRA_DATA_KEYS = 1000;

describe('KEK rotation', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-rotation-'));
  const keyFile = path.join(dir, 'keys', 'panoh-keys.json');
  let t: TestApp;
  let token: string;
  const persons = new Map<string, unknown>();
  const totpUser = { username: '', password: '' };
  let totpSecret: Buffer;
  let lastStep: number;

  beforeAll(async () => {
    expect(fs.existsSync(CLI)).toBe(true);
    writeKeyFile(keyFile, newKeyFile());
    t = await startTestApp({ PANOH_KEY_FILE: keyFile });
    const organisationId = await createOrganisation(t);
    token = await login(t, await createUser(t, Role.Caseworker, organisationId));
    for (let i = 0; i < 60; i++) {
      const response = await t
        .http()
        .post('/persons')
        .set('Authorization', `Bearer ${token}`)
        .send({ familyName: `Rahimova ${i}`, givenName: 'Malika', dateOfBirth: '2001', notes: `note ${i}` });
      persons.set(response.body.id, response.body);
    }
    // Data keys of records to come, so that re-wrapping lasts long enough to overlap with reads.
    const envelope = t.app.get(Envelope);
    const extra = Array.from({ length: EXTRA_DATA_KEYS }, () => envelope.newDataKey());
    await asSuperuser(
      t.db,
      `INSERT INTO data_key (id, kek_version, wrapped_key) SELECT gen_random_uuid(), 1, unnest($1::bytea[])`,
      [extra.map((k) => k.wrapped)],
    );
    const user = await createUser(t, Role.OrgManager, organisationId);
    Object.assign(totpUser, { username: user.username, password: user.password });
    ({ secret: totpSecret, confirmedStep: lastStep } = await enrolTotp(t, await login(t, user)));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function kekVersions(): Promise<Record<string, number>> {
    const rows = await asSuperuser<{ kek_version: number; count: string }>(
      t.db,
      'SELECT kek_version, count(*) FROM data_key GROUP BY kek_version',
    );
    return Object.fromEntries(rows.map((r) => [String(r.kek_version), Number(r.count)]));
  }

  /** Logs the TOTP user in with a code the server accepts now: within a step of now, after the last used. */
  function loginWithNextCode() {
    lastStep = Math.max(lastStep + 1, totpStep(Date.now()) - 1);
    return t
      .http()
      .post('/auth/login')
      .send({ ...totpUser, totpCode: totpCode(totpSecret, lastStep) });
  }

  async function readAll(): Promise<void> {
    for (const [id, body] of persons) {
      const response = await t.http().get(`/persons/${id}`).set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(body);
    }
  }

  it('re-wraps every data key in another process while reads keep succeeding', async () => {
    expect(await kekVersions()).toEqual({ '1': 1060 });
    const ids = [...persons.keys()];
    let running = true;
    const reads: Array<{ at: number; status: number }> = [];
    const mixedAt: number[] = [];
    const readers = Array.from({ length: 4 }, async (_, reader) => {
      for (let i = reader; running; i++) {
        const response = await t
          .http()
          .get(`/persons/${ids[i % ids.length]}`)
          .set('Authorization', `Bearer ${token}`);
        reads.push({ at: Date.now(), status: response.status });
      }
    });
    const watcher = (async () => {
      while (running) {
        if (Object.keys(await kekVersions()).length > 1) mixedAt.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const rotation = await runCli(t, keyFile, ['keys:rotate', '--batch-size', '7']);
    running = false;
    await Promise.all([...readers, watcher]);

    expect(rotation).toEqual({ code: 0, out: expect.stringContaining('added KEK version 2') });
    expect(rotation.out).toContain('re-wrapped 1061 item(s) under version 2'); // 1060 data keys, 1 TOTP secret
    expect(reads.filter((r) => r.status !== 200)).toEqual([]);
    // Some reads were answered while some data keys were under version 1 and others under version 2.
    expect(mixedAt.length).toBeGreaterThan(0);
    const during = reads.filter((r) => r.at >= mixedAt[0] && r.at <= mixedAt[mixedAt.length - 1]);
    expect(during.length).toBeGreaterThan(0);
    expect(await kekVersions()).toEqual({ '2': 1060 });
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readKeyFile(keyFile)).toMatchObject({
      activeKekVersion: 2,
      keks: { '1': expect.any(String), '2': expect.any(String) },
    });
    await readAll();
  });

  it('keys:status shows nothing left under the old version', async () => {
    const status = await runCli(t, keyFile, ['keys:status']);
    expect(status.code).toBe(0);
    expect(status.out).toContain('active KEK version: 2');
    expect(status.out).toContain('version 1: 0 data keys, 0 TOTP secrets (unused: may be retired)');
    expect(status.out).toContain('version 2: 1060 data keys, 1 TOTP secrets (active)');
  });

  it('makes the running service wrap new data keys under the new version', async () => {
    const response = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${token}`)
      .send({ familyName: 'Nazarova', givenName: 'Shahlo' });
    expect(response.status).toBe(201);
    persons.set(response.body.id, response.body);
    expect(await kekVersions()).toEqual({ '2': 1061 });
  });

  it('continues an interrupted rotation, and refuses to retire a version while anything uses it', async () => {
    // A rotation that dies after its first batch, as if the process were killed.
    const rotation = t.app.get(KeyRotationService);
    await expect(
      rotation.rotate(10, (rewrapped) => {
        if (rewrapped >= 10) throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await kekVersions()).toEqual({ '2': 1051, '3': 10 });

    const refused = await runCli(t, keyFile, ['keys:retire', '--version', '2']);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/KEK version 2 still wraps \d+ item\(s\)/);

    const resumed = await runCli(t, keyFile, ['keys:rotate']);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain('continuing the rotation to KEK version 3');
    expect(await kekVersions()).toEqual({ '3': 1061 });
    await readAll();
  });

  it('retires the old versions once nothing uses them, never the active one; TOTP still works', async () => {
    expect((await runCli(t, keyFile, ['keys:retire', '--version', '3'])).out).toContain('is the active version');
    for (const version of ['1', '2']) {
      const retired = await runCli(t, keyFile, ['keys:retire', '--version', version]);
      expect(retired).toEqual({ code: 0, out: expect.stringContaining(`KEK version ${version} removed`) });
    }
    expect(Object.keys(readKeyFile(keyFile).keks)).toEqual(['3']);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    await readAll();
    expect((await loginWithNextCode()).status).toBe(200);
  });

  it('re-reads the key file on SIGHUP', async () => {
    const keys = t.app.get(KeyRing);
    writeKeyFile(keyFile, withNewKekVersion(readKeyFile(keyFile)).contents);
    expect(keys.activeVersion).toBe(3);
    // Emitted rather than sent: a test worker may be a thread, where a real signal would reach the runner.
    process.emit('SIGHUP', 'SIGHUP');
    await waitFor(() => (keys.activeVersion === 4 ? true : undefined), { timeoutMs: 60_000, intervalMs: 20 });
    expect(keys.activeVersion).toBe(4);
    expect(keys.versions).toEqual([3, 4]);
  });
});
