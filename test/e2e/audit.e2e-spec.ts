import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '../../src/core/access/role';
import { AuditSealer } from '../../src/core/audit/audit-sealer.service';
import { AuditVerifier } from '../../src/core/audit/audit-verifier.service';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import { createUser, login, startTestApp, TestApp } from '../support/test-app';

interface EventRow {
  seq: string;
  action: string;
  outcome: string;
  status_code: number | null;
  actor_user_id: string | null;
  detail: Record<string, unknown> | null;
}

async function eventsOf(t: TestApp, requestId: string): Promise<EventRow[]> {
  return asSuperuser<EventRow>(
    t.db,
    `SELECT seq, action, outcome, status_code, actor_user_id, detail FROM audit_event WHERE request_id = $1 ORDER BY seq`,
    [requestId],
  );
}

function requestId(): string {
  return `test-${randomUUID()}`;
}

/** A superuser acting behind the service's back: triggers off, change, triggers on. */
async function tamper(t: TestApp, sql: string): Promise<void> {
  await asSuperuser(
    t.db,
    `ALTER TABLE audit_event DISABLE TRIGGER USER; ${sql}; ALTER TABLE audit_event ENABLE TRIGGER USER;`,
  );
}

describe('audit events', () => {
  let t: TestApp;
  let admin: { token: string; id: string };

  beforeAll(async () => {
    t = await startTestApp();
    const user = await createUser(t, Role.Admin);
    admin = { token: await login(t, user), id: user.id };
  });
  afterAll(() => t.close());

  it('records a successful login, a failed login and a logout, with ids and codes only', async () => {
    const user = await createUser(t, Role.Caseworker);
    const ok = requestId();
    const response = await t
      .http()
      .post('/auth/login')
      .set('X-Request-Id', ok)
      .send({ username: user.username, password: user.password });
    expect(await eventsOf(t, ok)).toEqual([
      expect.objectContaining({ action: 'login.succeeded', outcome: 'allowed', actor_user_id: user.id }),
    ]);
    const bad = requestId();
    await t
      .http()
      .post('/auth/login')
      .set('X-Request-Id', bad)
      .send({ username: user.username, password: 'not my password at all' });
    const failed = await eventsOf(t, bad);
    expect(failed).toEqual([
      expect.objectContaining({ action: 'login.failed', outcome: 'denied', status_code: 401, actor_user_id: null }),
    ]);
    expect(JSON.stringify(failed)).not.toContain(user.username);
    const out = requestId();
    await t
      .http()
      .post('/auth/logout')
      .set('X-Request-Id', out)
      .set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(await eventsOf(t, out)).toEqual([expect.objectContaining({ action: 'logout', outcome: 'allowed' })]);
  });

  it('records an audited route with its action, and a refusal by role as access denied', async () => {
    const allowed = requestId();
    const created = await t
      .http()
      .post('/organisations')
      .set('X-Request-Id', allowed)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ name: `Audited ${Date.now()}`, type: 'NGO', region: 'TJ-GB' });
    expect(created.status).toBe(201);
    expect(await eventsOf(t, allowed)).toEqual([
      expect.objectContaining({
        action: 'organisation.created',
        outcome: 'allowed',
        status_code: 201,
        actor_user_id: admin.id,
        detail: expect.objectContaining({ organisationId: created.body.id }),
      }),
    ]);
    const caseworker = await login(t, await createUser(t, Role.Caseworker));
    const refused = requestId();
    await t
      .http()
      .post('/organisations')
      .set('X-Request-Id', refused)
      .set('Authorization', `Bearer ${caseworker}`)
      .send({ name: 'X', type: 'NGO', region: 'TJ-GB' });
    expect(await eventsOf(t, refused)).toEqual([
      expect.objectContaining({
        action: 'access.denied',
        outcome: 'denied',
        status_code: 403,
        detail: expect.objectContaining({ attempted: 'organisation.created' }),
      }),
    ]);
  });

  it('records a request refused inside the route (unknown id) with its status', async () => {
    const id = requestId();
    const response = await t
      .http()
      .post(`/users/${randomUUID()}/disable`)
      .set('X-Request-Id', id)
      .set('Authorization', `Bearer ${admin.token}`);
    expect(response.status).toBe(404);
    expect(await eventsOf(t, id)).toEqual([
      expect.objectContaining({ action: 'user.disabled', outcome: 'denied', status_code: 404 }),
    ]);
  });

  it('lets the auditor search the log by action and actor, page by page', async () => {
    const auditor = await login(t, await createUser(t, Role.Auditor));
    const first = await t
      .http()
      .get('/audit')
      .query({ action: 'login.succeeded', limit: 2 })
      .set('Authorization', `Bearer ${auditor}`);
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(2);
    expect(first.body.events.every((e: { action: string }) => e.action === 'login.succeeded')).toBe(true);
    const second = await t
      .http()
      .get('/audit')
      .query({ action: 'login.succeeded', limit: 2, afterSeq: first.body.nextAfterSeq })
      .set('Authorization', `Bearer ${auditor}`);
    expect(second.body.events[0].seq).toBeGreaterThan(first.body.nextAfterSeq);
    const mine = await t
      .http()
      .get('/audit')
      .query({ actorUserId: admin.id })
      .set('Authorization', `Bearer ${auditor}`);
    expect(mine.body.events.length).toBeGreaterThan(0);
    expect(mine.body.events.every((e: { actorUserId: string }) => e.actorUserId === admin.id)).toBe(true);
    const malformed = [
      { action: 'no.such' },
      { from: '2024-02-30T00:00:00Z' },
      { afterSeq: '1e300' },
      { afterSeq: String(2 ** 60) },
    ];
    for (const query of malformed) {
      expect((await t.http().get('/audit').query(query).set('Authorization', `Bearer ${auditor}`)).status).toBe(400);
    }
  });

  it('refuses the service role UPDATE, DELETE and TRUNCATE on the audit tables', async () => {
    for (const table of ['audit_event', 'audit_chain', 'audit_seal']) {
      await expect(
        asServiceRole(t.db, `UPDATE ${table} SET ${table === 'audit_seal' ? 'up_to_seq' : 'seq'} = 0 WHERE false`),
      ).rejects.toThrow(/permission denied/);
      await expect(asServiceRole(t.db, `DELETE FROM ${table} WHERE false`)).rejects.toThrow(/permission denied/);
      await expect(asServiceRole(t.db, `TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses even the owner UPDATE, DELETE and TRUNCATE, through the triggers', async () => {
    const owner = new Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });
});

describe('when the audit event cannot be written', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('fails the request with 503, returns no data and keeps no write', async () => {
    const auditor = await login(t, await createUser(t, Role.Auditor));
    const admin = await login(t, await createUser(t, Role.Admin));
    expect((await t.http().get('/audit').set('Authorization', `Bearer ${auditor}`)).status).toBe(200);

    await asSuperuser(t.db, `REVOKE INSERT ON audit_event FROM panoh_service`);
    try {
      const read = await t.http().get('/audit').set('Authorization', `Bearer ${auditor}`);
      expect(read.status).toBe(503);
      expect(read.body.events).toBeUndefined();
      expect(read.body.message).toMatch(/could not be recorded/);

      const name = `Never created ${Date.now()}`;
      const write = await t
        .http()
        .post('/organisations')
        .set('Authorization', `Bearer ${admin}`)
        .send({ name, type: 'NGO', region: 'TJ-DU' });
      expect(write.status).toBe(503);
      expect(await asSuperuser(t.db, `SELECT 1 FROM organisation WHERE name = $1`, [name])).toEqual([]);
    } finally {
      await asSuperuser(t.db, `GRANT INSERT ON audit_event TO panoh_service`);
    }
  });
});

describe('sealing and verification', () => {
  let t: TestApp;
  let auditor: string;

  async function someEvents(count: number): Promise<void> {
    const user = await createUser(t, Role.Caseworker);
    for (let i = 0; i < count; i++)
      await t
        .http()
        .post('/auth/login')
        .send({ username: user.username, password: `wrong password ${i}` });
  }

  beforeEach(async () => {
    t = await startTestApp({
      PANOH_LOGIN_BACKOFF_AFTER: '100',
      PANOH_LOGIN_LOCK_AFTER: '1000',
      PANOH_AUDIT_SEAL_WAIT_MS: '300',
    });
    auditor = await login(t, await createUser(t, Role.Auditor));
    await someEvents(8);
    expect((await t.app.get(AuditSealer).seal()).sealed).toBeGreaterThan(8);
  });
  afterEach(() => t.close());

  const seqs = async () =>
    (await asSuperuser<{ seq: string }>(t.db, `SELECT seq FROM audit_event ORDER BY seq`)).map((r) => Number(r.seq));

  it('finds the log intact, through the API as well', async () => {
    const result = await t.app.get(AuditVerifier).verify();
    expect(result).toMatchObject({ intact: true, unsealed: 0 });
    const api = await t.http().get('/audit/verify').set('Authorization', `Bearer ${auditor}`);
    expect(api.status).toBe(200);
    expect(api.body.intact).toBe(true);
    expect(api.body.verifiedUpTo).toBe(result.verifiedUpTo);
  });

  it('names the sequence number of a row a superuser changed', async () => {
    const target = (await seqs())[4];
    await tamper(t, `UPDATE audit_event SET outcome = 'allowed', status_code = 200 WHERE seq = ${target}`);
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ intact: false, firstBadSeq: target });
  });

  it('names the sequence number of a row a superuser deleted', async () => {
    const target = (await seqs())[3];
    await tamper(t, `DELETE FROM audit_event WHERE seq = ${target}`);
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ intact: false, firstBadSeq: target });
  });

  it('names the first sequence number of rows a superuser reordered', async () => {
    const [, , a, b] = await seqs();
    await tamper(
      t,
      `UPDATE audit_event SET seq = -seq WHERE seq IN (${a}, ${b}); UPDATE audit_event SET seq = CASE seq WHEN -${a} THEN ${b} ELSE ${a} END WHERE seq < 0`,
    );
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ intact: false, firstBadSeq: a });
  });

  it('names a row slipped in among sealed events', async () => {
    await asSuperuser(
      t.db,
      `INSERT INTO audit_event (seq, xid, action, outcome) VALUES (0, pg_current_xact_id(), 'logout', 'allowed')`,
    );
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ intact: false, firstBadSeq: 0 });
  });

  it('notices the end of the log cut off together with its chain', async () => {
    const all = await seqs();
    const cut = all[all.length - 3];
    await asSuperuser(
      t.db,
      `ALTER TABLE audit_event DISABLE TRIGGER USER; ALTER TABLE audit_chain DISABLE TRIGGER USER;
       DELETE FROM audit_event WHERE seq >= ${cut}; DELETE FROM audit_chain WHERE seq >= ${cut};
       ALTER TABLE audit_event ENABLE TRIGGER USER; ALTER TABLE audit_chain ENABLE TRIGGER USER;`,
    );
    const result = await t.app.get(AuditVerifier).verify();
    expect(result.intact).toBe(false);
    expect(result.firstBadSeq).toBe(result.verifiedUpTo + 1);
  });

  it('notices the end of the log cut off with its chain and seals, even after newer events were chained on', async () => {
    const heads = (
      await asSuperuser<{
        up_to_seq: string;
        event_count: string;
        head_hash: Buffer;
        sealed_at: Date;
        signature: Buffer;
      }>(t.db, `SELECT up_to_seq, event_count, head_hash, sealed_at, signature FROM audit_seal ORDER BY id`)
    ).map((row) => ({
      upToSeq: Number(row.up_to_seq),
      eventCount: Number(row.event_count),
      headHash: row.head_hash.toString('hex'),
      sealedAt: row.sealed_at.toISOString(),
      signature: row.signature.toString('base64'),
    }));
    const all = await seqs();
    const cut = all[all.length - 3];
    await asSuperuser(
      t.db,
      `ALTER TABLE audit_event DISABLE TRIGGER USER; ALTER TABLE audit_chain DISABLE TRIGGER USER; ALTER TABLE audit_seal DISABLE TRIGGER USER;
       DELETE FROM audit_event WHERE seq >= ${cut}; DELETE FROM audit_chain WHERE seq >= ${cut}; DELETE FROM audit_seal;
       ALTER TABLE audit_event ENABLE TRIGGER USER; ALTER TABLE audit_chain ENABLE TRIGGER USER; ALTER TABLE audit_seal ENABLE TRIGGER USER;`,
    );
    await someEvents(3);
    await t.app.get(AuditSealer).seal();
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ intact: true }); // the database alone cannot tell
    expect(await t.app.get(AuditVerifier).verify(heads)).toMatchObject({ intact: false, firstBadSeq: cut });
  });

  it('does not seal past a transaction that is still open, and seals it once it commits', async () => {
    const open = new Client({ connectionString: t.db.appUrl });
    await open.connect();
    try {
      await open.query('BEGIN');
      await open.query(
        `WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
         INSERT INTO audit_event (seq, xid, action, outcome) SELECT nextval('audit_event_seq'), tx.xid, 'logout', 'allowed' FROM tx`,
      );
      await someEvents(2); // committed, with higher sequence numbers
      const blocked = await t.app.get(AuditSealer).seal();
      expect(blocked).toMatchObject({ sealed: 0, waitingFor: 'open transactions' });
      await open.query('COMMIT');
    } finally {
      await open.end();
    }
    expect((await t.app.get(AuditSealer).seal()).sealed).toBe(3);
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ intact: true, unsealed: 0 });
  });
});
