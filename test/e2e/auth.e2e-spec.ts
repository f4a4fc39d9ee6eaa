import * as argon2 from 'argon2';
import { Role } from '../../src/core/access/role';
import { TEST_ARGON2 } from '../../src/core/config/auth.config';
import { asSuperuser } from '../support/test-cluster';
import { createUser, login, startTestApp, TestApp } from '../support/test-app';

describe('authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_LOGIN_BACKOFF_AFTER: '5', PANOH_LOGIN_LOCK_AFTER: '20' });
  });
  afterAll(() => t.close());

  it('logs in and answers /auth/me with the caller, its role and its permissions', async () => {
    const user = await createUser(t, Role.Caseworker);
    const response = await t.http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(response.status).toBe(200);
    expect(response.body.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(Date.now() + 7 * 3600 * 1000);
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: user.id,
      username: user.username,
      role: 'caseworker',
      organisationId: user.organisationId,
    });
    expect(me.body.permissions).toContain('account.self');
  });

  it('stores the token only as a hash', async () => {
    const user = await createUser(t, Role.Caseworker);
    const token = await login(t, user);
    const rows = await asSuperuser<{ dump: string }>(
      t.db,
      `SELECT row_to_json(s)::text AS dump FROM auth_session s WHERE user_id = $1`,
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].dump).not.toContain(token);
    expect(rows[0].dump).not.toContain(Buffer.from(token).toString('hex'));
  });

  // The parameters themselves (m=64 MiB, t=3, p=1 outside tests) are pinned by the configuration's unit spec.
  it('stores the password as argon2id with the configured parameters, in the reference order m, t, p', async () => {
    const user = await createUser(t, Role.Caseworker);
    const [row] = await asSuperuser<{ password_hash: string }>(
      t.db,
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [user.id],
    );
    const { memoryKiB, timeCost, parallelism } = TEST_ARGON2;
    expect(row.password_hash).toMatch(
      new RegExp(`^\\$argon2id\\$v=19\\$m=${memoryKiB},t=${timeCost},p=${parallelism}\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$`),
    );
  });

  it('rehashes a password stored with older parameters at the next login', async () => {
    const user = await createUser(t, Role.Caseworker);
    const old = await argon2.hash(user.password, {
      type: argon2.argon2id,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    await asSuperuser(t.db, `UPDATE app_user SET password_hash = $2 WHERE id = $1`, [user.id, old]);
    await login(t, user);
    const [row] = await asSuperuser<{ password_hash: string }>(
      t.db,
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(row.password_hash).toContain(`$m=${TEST_ARGON2.memoryKiB},t=${TEST_ARGON2.timeCost},p=1$`);
  });

  it('answers an unknown user and a wrong password with the same 401, after the same work', async () => {
    const user = await createUser(t, Role.Caseworker);
    const attempt = async (username: string) => {
      const started = process.hrtime.bigint();
      const response = await t.http().post('/auth/login').send({ username, password: 'not the password at all' });
      return { response, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const wrong = await attempt(user.username);
    const unknown = await attempt(`nobody.${Date.now()}`);
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.response.body)).toEqual(strip(wrong.response.body));
    expect(unknown.response.headers['www-authenticate']).toEqual(wrong.response.headers['www-authenticate']);
    // Both verify an argon2id hash (tens of milliseconds); an unknown name must not answer in a fraction of that.
    expect(unknown.ms).toBeGreaterThan(wrong.ms * 0.4);
  });

  it('slows down the sixth quick failure for one account and says when to retry', async () => {
    const user = await createUser(t, Role.Caseworker);
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 6; i++) {
      const response = await t
        .http()
        .post('/auth/login')
        .send({ username: user.username, password: 'wrong password number ' + i });
      statuses.push(response.status);
      retryAfter = response.headers['retry-after'];
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Even the right password waits out the backoff.
    const right = await t.http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(right.status).toBe(429);
  });

  it('lets no burst of parallel guesses slip past the backoff', async () => {
    const user = await createUser(t, Role.Caseworker);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t
          .http()
          .post('/auth/login')
          .send({ username: user.username, password: `parallel guess ${i}` }),
      ),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const [row] = await asSuperuser<{ failed_login_count: number }>(
      t.db,
      `SELECT failed_login_count FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(row.failed_login_count).toBe(5);
  });

  it('throttles unknown usernames exactly like known ones', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await t
        .http()
        .post('/auth/login')
        .send({ username: 'ghost.account', password: 'wrong password number ' + i });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('ends the session at once on logout', async () => {
    const user = await createUser(t, Role.Caseworker);
    const token = await login(t, user);
    expect((await t.http().post('/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(204);
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('ends every session of a user at once when an administrator disables it', async () => {
    const admin = await createUser(t, Role.Admin);
    const user = await createUser(t, Role.Caseworker);
    const [first, second] = [await login(t, user), await login(t, user)];
    const adminToken = await login(t, admin);
    expect((await t.http().post(`/users/${user.id}/disable`).set('Authorization', `Bearer ${adminToken}`)).status).toBe(
      200,
    );
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${first}`)).status).toBe(401);
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${second}`)).status).toBe(401);
    const again = await t.http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(again.status).toBe(401);
  });

  it('ends every session of a user at once when its role changes', async () => {
    const admin = await createUser(t, Role.Admin);
    const user = await createUser(t, Role.Caseworker);
    const token = await login(t, user);
    const adminToken = await login(t, admin);
    const changed = await t
      .http()
      .patch(`/users/${user.id}/role`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ role: 'org_manager' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('org_manager');
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    const fresh = await login(t, user);
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${fresh}`);
    expect(me.body.role).toBe('org_manager');
  });

  it('ends a session after 15 idle minutes and after 8 hours in all', async () => {
    const user = await createUser(t, Role.Caseworker);
    const idle = await login(t, user);
    const old = await login(t, user);
    await asSuperuser(
      t.db,
      `UPDATE auth_session SET last_seen_at = now() - interval '16 minutes' WHERE user_id = $1 AND created_at = (SELECT min(created_at) FROM auth_session WHERE user_id = $1)`,
      [user.id],
    );
    await asSuperuser(
      t.db,
      `UPDATE auth_session SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND last_seen_at > now() - interval '1 minute'`,
      [user.id],
    );
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${idle}`)).status).toBe(401);
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${old}`)).status).toBe(401);
  });

  it('refuses a missing, malformed or unknown bearer token with 401', async () => {
    expect((await t.http().get('/auth/me')).status).toBe(401);
    expect((await t.http().get('/auth/me').set('Authorization', 'Bearer nonsense')).status).toBe(401);
    expect(
      (
        await t
          .http()
          .get('/auth/me')
          .set('Authorization', `Bearer ${'A'.repeat(43)}`)
      ).status,
    ).toBe(401);
  });

  it('lets a user change its password, ending its other sessions', async () => {
    const user = await createUser(t, Role.Caseworker);
    const other = await login(t, user);
    const current = await login(t, user);
    const weak = await t
      .http()
      .post('/auth/password')
      .set('Authorization', `Bearer ${current}`)
      .send({ currentPassword: user.password, newPassword: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    const changed = await t
      .http()
      .post('/auth/password')
      .set('Authorization', `Bearer ${current}`)
      .send({ currentPassword: user.password, newPassword: 'a quite different pass phrase 42' });
    expect(changed.status).toBe(204);
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${other}`)).status).toBe(401);
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${current}`)).status).toBe(200);
    await login(t, { username: user.username, password: 'a quite different pass phrase 42' });
  });
});

describe('account lock and address rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      PANOH_LOGIN_BACKOFF_AFTER: '3',
      PANOH_LOGIN_LOCK_AFTER: '4',
      PANOH_LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
    });
  });
  afterAll(() => t.close());

  it('locks an account after repeated failures until an administrator unlocks it', async () => {
    const user = await createUser(t, Role.Caseworker);
    const admin = await createUser(t, Role.Admin);
    const fail = (i: number) =>
      t
        .http()
        .post('/auth/login')
        .send({ username: user.username, password: `wrong password ${i}` });
    for (let i = 0; i < 3; i++) expect((await fail(i)).status).toBe(401);
    await sleep(1100); // the backoff after the third failure
    expect((await fail(3)).status).toBe(401);
    await sleep(2100); // the backoff after the fourth
    const locked = await t.http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(locked.status).toBe(401); // the right password, refused like any failure: the lock is not disclosed
    const adminToken = await login(t, admin);
    const listed = await t.http().get('/users').set('Authorization', `Bearer ${adminToken}`);
    expect(listed.body.find((u: { id: string }) => u.id === user.id).locked).toBe(true);
    expect((await t.http().post(`/users/${user.id}/unlock`).set('Authorization', `Bearer ${adminToken}`)).status).toBe(
      200,
    );
    await login(t, user);
  });
});

describe('per-address login rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_LOGIN_ATTEMPTS_PER_ADDRESS: '3' });
  });
  afterAll(() => t.close());

  it('refuses the fourth attempt from one address within the window', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await t
            .http()
            .post('/auth/login')
            .send({ username: `someone.${i}`, password: 'whatever it is' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
