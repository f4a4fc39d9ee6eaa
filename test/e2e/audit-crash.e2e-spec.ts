import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { AuditSealer } from '../../src/core/audit/audit-sealer.service';
import { AuditVerifier } from '../../src/core/audit/audit-verifier.service';
import { asSuperuser } from '../support/test-cluster';
import { createUser, login, startTestApp, TestApp } from '../support/test-app';
import { freePort } from '../support/free-port';
import { waitFor } from '../support/wait-for';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/**
 * The built service, killed with SIGKILL in the middle of a burst of audited writes. Every write it
 * answered must have its event and its data; no event may be without its data; the chain verifies.
 */
describe('a service killed during a burst of audited writes', () => {
  let t: TestApp;
  let child: ChildProcess;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t.close();
  });

  it('loses no committed record, and the audit log still verifies', async () => {
    const token = await login(t, await createUser(t, Role.Admin));
    const port = await freePort();
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        DATABASE_URL: t.db.appUrl,
        PANOH_KEY_FILE: path.join(t.dataDir, 'keys', 'panoh-keys.json'),
        PANOH_DATA_DIR: t.dataDir,
        PANOH_AUDIT_SEAL_INTERVAL_SECONDS: '1',
        PANOH_LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr?.on('data', (chunk) => (errors += chunk));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () =>
        (await fetch(`${base}/health`).then(
          (r) => r.status === 200,
          () => false,
        )) || undefined,
      { timeoutMs: 240_000, intervalMs: 250 },
    );

    const answered: Array<{ requestId: string; id: string }> = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const response = await fetch(`${base}/organisations`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ name: `Burst ${w}-${i}-${Date.now()}`, type: 'NGO', region: 'TJ-DU' }),
          });
          if (response.status === 201)
            answered.push({
              requestId: response.headers.get('x-request-id') as string,
              id: ((await response.json()) as { id: string }).id,
            });
        } catch {
          return; // the service is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    // Killed in the middle of the burst, once enough writes were answered (however long that takes).
    await waitFor(() => (answered.length > 10 ? true : undefined), { timeoutMs: 240_000, intervalMs: 20 });
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect({ answered: answered.length > 10, errors }).toEqual({ answered: true, errors: '' });

    const events = await asSuperuser<{ request_id: string; detail: { organisationId: string } }>(
      t.db,
      `SELECT request_id, detail FROM audit_event WHERE action = 'organisation.created' AND outcome = 'allowed'`,
    );
    const organisations = new Set(
      (await asSuperuser<{ id: string }>(t.db, `SELECT id FROM organisation`)).map((r) => r.id),
    );
    const eventRequests = new Set(events.map((e) => e.request_id));
    for (const write of answered) {
      expect(eventRequests.has(write.requestId)).toBe(true);
      expect(organisations.has(write.id)).toBe(true);
    }
    for (const event of events) expect(organisations.has(event.detail.organisationId)).toBe(true);

    await t.app.get(AuditSealer).seal();
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ intact: true, unsealed: 0 });
  });
});
