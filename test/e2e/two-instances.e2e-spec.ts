import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { AuditSealer } from '../../src/core/audit/audit-sealer.service';
import { AuditVerifier } from '../../src/core/audit/audit-verifier.service';
import { newKeyFile, writeKeyFile } from '../../src/core/crypto/key-file';
import { KeyRotationService } from '../../src/core/crypto/key-rotation.service';
import { FILE_CHECK_INTERVAL_MS } from '../../src/core/crypto/key-ring';
import { asSuperuser, createTestDatabase, TestDatabase } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Two instances of the service behind one load balancer: one database, one key file, nothing shared in
 * memory. Whatever one does, the other must see as if it had done it.
 */
describe('two instances on one database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-two-'));
  const keyFile = path.join(dir, 'keys', 'panoh-keys.json');
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let caseworker: TestUser;

  beforeAll(async () => {
    writeKeyFile(keyFile, newKeyFile());
    db = await createTestDatabase();
    // Both seal every second, as production instances do every few seconds.
    const settings = { PANOH_KEY_FILE: keyFile, PANOH_AUDIT_SEAL_INTERVAL_SECONDS: '1' };
    a = await startTestApp(settings, db);
    b = await startTestApp(settings, db);
    caseworker = await createUser(a, Role.Caseworker, await createOrganisation(a));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function register(on: TestApp, token: string, familyName: string): Promise<string> {
    const response = await on.http().post('/persons').set(as(token)).send({ familyName, givenName: 'Ситора' });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async function kekOfPerson(id: string): Promise<number> {
    const [row] = await asSuperuser<{ kek_version: number }>(
      db,
      'SELECT k.kek_version FROM person p JOIN data_key k ON k.id = p.data_key_id WHERE p.id = $1',
      [id],
    );
    return row.kek_version;
  }

  it('accepts on one a session opened on the other, and ends it on both at logout', async () => {
    const token = await login(a, caseworker);
    expect((await b.http().get('/auth/me').set(as(token))).status).toBe(200);
    const id = await register(b, token, 'Раҳимова');
    expect((await a.http().get(`/persons/${id}`).set(as(token))).body.familyName).toBe('Раҳимова');

    expect((await b.http().post('/auth/logout').set(as(token))).status).toBe(204);
    expect((await a.http().get('/auth/me').set(as(token))).status).toBe(401);
    expect((await b.http().get('/auth/me').set(as(token))).status).toBe(401);
  });

  it('keeps one audit chain while both seal, on their timers and at once', async () => {
    const token = await login(b, caseworker);
    const id = await register(a, token, 'Қодирова');
    const read = (i: number) => (i % 2 ? a : b).http().get(`/persons/${id}`).set(as(token));
    // Both at once, by hand, while both serve reads.
    for (let round = 0; round < 6; round++) {
      await Promise.all([
        ...Array.from({ length: 4 }, (_, i) => read(i)),
        a.app.get(AuditSealer).seal(),
        b.app.get(AuditSealer).seal(),
      ]);
    }
    // Then on their own timers: reads keep coming until each instance's timer has sealed twice more.
    const timerSeals = [a, b].map((on) => jest.spyOn(on.app.get(AuditSealer), 'seal'));
    const bothTimersSealed = await waitFor(
      async () => {
        await Promise.all(Array.from({ length: 4 }, (_, i) => read(i)));
        return timerSeals.every((spy) => spy.mock.calls.length >= 2) ? true : undefined;
      },
      { intervalMs: 200 },
    );
    expect(bothTimersSealed).toBe(true);
    for (const spy of timerSeals) spy.mockRestore();
    // The timers keep running: a seal by hand that finds another sealer holding the lock seals
    // nothing, so seal until one has sealed everything up to now.
    const verified = await waitFor(async () => {
      await a.app.get(AuditSealer).seal();
      const result = await b.app.get(AuditVerifier).verify([]);
      return result.unsealed === 0 ? result : undefined;
    });
    expect(verified).toMatchObject({ intact: true, unsealed: 0 });
    expect(verified?.eventsChecked).toBeGreaterThan(32);
    const [{ seals }] = await asSuperuser<{ seals: string }>(db, 'SELECT count(*) AS seals FROM audit_seal');
    expect(Number(seals)).toBeGreaterThan(1);
  });

  it('reaches both with a key rotation: each reads what the other re-wrapped, and neither wraps under the old key after it', async () => {
    const token = await login(a, caseworker);
    const before = [await register(a, token, 'Алиева'), await register(b, token, 'Юнусова')];
    // An instance looks at the key file when it wraps a new key, at most every few seconds: let both
    // have just looked, so that the rotation below falls inside that interval (the hardest case).
    await new Promise((resolve) => setTimeout(resolve, FILE_CHECK_INTERVAL_MS + 200));
    await register(a, token, 'Каримова');
    await register(b, token, 'Саидова');

    const result = await b.app.get(KeyRotationService).rotate(7);
    expect(result).toMatchObject({ toVersion: 2, addedVersion: true, remaining: 0 });
    // New records from both, right after the rotation said it was done.
    const after = [await register(a, token, 'Назарова'), await register(b, token, 'Шарипова')];

    for (const id of [...before, ...after]) {
      for (const on of [a, b]) expect((await on.http().get(`/persons/${id}`).set(as(token))).status).toBe(200);
    }
    expect(await Promise.all(after.map(kekOfPerson))).toEqual([2, 2]);
    const left = await asSuperuser<{ count: string }>(db, 'SELECT count(*) FROM data_key WHERE kek_version < 2');
    expect(Number(left[0].count)).toBe(0);
  });
});
