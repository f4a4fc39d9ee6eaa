import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { Role } from '../../src/core/access/role';
import { newKeyFile, writeKeyFile } from '../../src/core/crypto/key-file';
import { TaskJob } from '../../src/modules/tasks';
import { TASK_JOB_LOCK } from '../../src/modules/tasks/task-job';
import { callerWith } from '../support/api';
import { asSuperuser, createTestDatabase, TestDatabase } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';

/**
 * The task job on two instances of the service over one database: each task is created once, one
 * instance works at a time, and shutting one instance down leaves the other working.
 */
describe('the task job on two instances', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-tasks-'));
  const keyFile = path.join(dir, 'keys', 'panoh-keys.json');
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  const cases: string[] = [];

  beforeAll(async () => {
    writeKeyFile(keyFile, newKeyFile());
    db = await createTestDatabase();
    // The timers off: the test runs the job itself, on both at once.
    const settings = { PANOH_KEY_FILE: keyFile, PANOH_TASK_JOB_INTERVAL_SECONDS: '0' };
    a = await startTestApp(settings, db);
    b = await startTestApp(settings, db);
    for (let i = 0; i < 3; i++) {
      const token = await login(a, await createUser(a, Role.Caseworker, await createOrganisation(a)));
      const caller = callerWith(a, token);
      for (let j = 0; j < 3; j++) {
        const { id } = await caller.openCase({ person: { familyName: 'Рахимова', givenName: `Мадина ${i}.${j}` } });
        // Straight into the database, as if moved long ago: the pages would have synced it otherwise.
        await asSuperuser(db, `UPDATE victim_case SET stage = 'reflection', stage_changed_at = now() WHERE id = $1`, [id]);
        cases.push(id);
      }
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const taskCount = async () =>
    Number((await asSuperuser<{ n: string }>(db, `SELECT count(*) AS n FROM task WHERE case_id = ANY($1)`, [cases]))[0].n);

  it('creates each task once when both instances run the job at the same moment', async () => {
    const [first, second] = await Promise.all([a.app.get(TaskJob).run(), b.app.get(TaskJob).run()]);
    // Two tasks per case in reflection: its end and the status decision.
    expect(await taskCount()).toBe(cases.length * 2);
    expect(first.created + second.created).toBe(cases.length * 2);
    const again = await Promise.all([a.app.get(TaskJob).run(), b.app.get(TaskJob).run()]);
    expect(again.map((r) => r.created)).toEqual([0, 0]);
    expect(await taskCount()).toBe(cases.length * 2);
  });

  it('lets one instance work at a time: while the job is held elsewhere, an instance skips', async () => {
    const holder = new Client({ connectionString: db.superuserUrl });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [TASK_JOB_LOCK]);
      expect(await a.app.get(TaskJob).run()).toMatchObject({ ran: false, created: 0 });
      expect(await b.app.get(TaskJob).run()).toMatchObject({ ran: false, created: 0 });
      await holder.query('SELECT pg_advisory_unlock($1)', [TASK_JOB_LOCK]);
      expect((await a.app.get(TaskJob).run()).ran).toBe(true);
    } finally {
      await holder.end();
    }
  });

  it('keeps the first instance working after the second is shut down', async () => {
    await b.close();
    b = undefined as unknown as TestApp;
    await asSuperuser(db, `UPDATE victim_case SET stage = 'status_decided', trafficking_status = 'ActualVictimOfTrafficking', status_decided_by = 'NGO' WHERE id = $1`, [cases[0]]);
    const result = await a.app.get(TaskJob).run();
    expect(result).toMatchObject({ ran: true, closed: 2 });
    const health = await a.http().get('/health');
    expect(health.status).toBe(200);
  });
});
