import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import { Role } from '../../src/core/access/role';
import { PasswordHasher } from '../../src/core/auth/password-hasher';
import { TEST_ARGON2 } from '../../src/core/config/auth.config';
import { asSuperuser } from '../support/test-cluster';
import { freezeClock, TestClock } from '../support/test-clock';
import { createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';

interface EventRow {
  action: string;
  outcome: string;
  status_code: number | null;
  actor_user_id: string | null;
  detail: Record<string, unknown> | null;
}

/** The audit events of one action that name `userId` as actor or as target, oldest first. */
async function eventsAbout(t: TestApp, action: string, userId: string): Promise<EventRow[]> {
  return asSuperuser<EventRow>(
    t.db,
    `SELECT action, outcome, status_code, actor_user_id, detail FROM audit_event
     WHERE action = $1 AND (actor_user_id = $2 OR detail->>'targetUserId' = $2::text) ORDER BY seq`,
    [action, userId],
  );
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The parameters part of a PHC argon2 string: `$argon2id$v=19$m=…,t=…,p=…`. */
const argon2Parameters = (hash: string) => hash.split('$').slice(0, 4).join('$');

describe('authentication', () => {
  let t: TestApp;
  let clock: TestClock;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_LOGIN_BACKOFF_AFTER: '5', PANOH_LOGIN_LOCK_AFTER: '20' });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    clock = freezeClock(t);
  });
  afterEach(() => {
    clock.restore();
    jest.restoreAllMocks();
  });

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
      new RegExp(
        `^\\$argon2id\\$v=19\\$m=${memoryKiB},t=${timeCost},p=${parallelism}\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$`,
      ),
    );
  });

  it('rehashes a password stored with weaker parameters at the next login', async () => {
    const user = await createUser(t, Role.Caseworker);
    // Weaker than even the test parameters (a stronger hash is never rehashed down: the hasher's spec).
    const old = await argon2.hash(user.password, {
      type: argon2.argon2id,
      memoryCost: TEST_ARGON2.memoryKiB / 4,
      timeCost: 1,
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
    const [stored] = await asSuperuser<{ password_hash: string }>(
      t.db,
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [user.id],
    );
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    const attempt = async (username: string) => {
      verify.mockClear();
      const response = await t.http().post('/auth/login').send({ username, password: 'not the password at all' });
      return { response, verified: verify.mock.calls.map(([hash, password]) => ({ hash, password })) };
    };
    const wrong = await attempt(user.username);
    const unknown = await attempt(`nobody.${randomUUID()}`);
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.response.body)).toEqual(strip(wrong.response.body));
    expect(unknown.response.headers['www-authenticate']).toEqual(wrong.response.headers['www-authenticate']);
    // The same work, not the same duration: one argon2 verification with the parameters of a real hash.
    expect(wrong.verified).toEqual([{ hash: stored.password_hash, password: 'not the password at all' }]);
    expect(unknown.verified).toHaveLength(1);
    expect(unknown.verified[0].password).toBe('not the password at all');
    expect(argon2Parameters(unknown.verified[0].hash)).toBe(argon2Parameters(stored.password_hash));
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
    expect(Number(retryAfter)).toBe(1);
    // Even the right password waits out the backoff ...
    const right = await t.http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(right.status).toBe(429);
    // ... and no longer than that.
    clock.advance(1);
    await login(t, user);
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

  it('ends a session when its user changes role or organisation, even by hand in the database', async () => {
    const user = await createUser(t, Role.Caseworker);
    const [roleToken, organisationToken] = [await login(t, user), await login(t, user)];
    const refusals = async (token: string) =>
      Promise.all(
        ['/auth/me', '/cases'].map(async (route) => {
          const response = await t.http().get(route).set(bearer(token));
          return { route, status: response.status, code: response.body.code };
        }),
      );
    const ended = ['/auth/me', '/cases'].map((route) => ({ route, status: 401, code: 'session_ended' }));

    await asSuperuser(t.db, `UPDATE app_user SET role = 'org_manager' WHERE id = $1`, [user.id]);
    expect(await refusals(roleToken)).toEqual(ended);
    await asSuperuser(t.db, `UPDATE app_user SET role = 'caseworker' WHERE id = $1`, [user.id]);

    const other = await createUser(t, Role.Caseworker);
    expect((await t.http().get('/auth/me').set(bearer(organisationToken))).status).toBe(200);
    await asSuperuser(t.db, `UPDATE app_user SET organisation_id = $2 WHERE id = $1`, [user.id, other.organisationId]);
    expect(await refusals(organisationToken)).toEqual(ended);
    const fresh = await t
      .http()
      .get('/auth/me')
      .set(bearer(await login(t, user)));
    expect(fresh.body.organisationId).toBe(other.organisationId);
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

  it('refuses a missing, malformed or unknown bearer token with 401 and says which', async () => {
    const missing = await t.http().get('/auth/me');
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('authentication_required');
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="Panoh"');
    for (const header of ['Bearer nonsense', `Bearer ${'A'.repeat(43)}`]) {
      const response = await t.http().get('/auth/me').set('Authorization', header);
      expect({ header, status: response.status, code: response.body.code }).toEqual({
        header,
        status: 401,
        code: 'invalid_token',
      });
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="Panoh", error="invalid_token", error_description="The access token is not valid"',
      );
      expect(JSON.stringify(response.body)).not.toContain(header.slice(7));
    }
  });

  it('tells an expired, an idle and an ended session apart from a bad token, on audited routes too', async () => {
    const user = await createUser(t, Role.Caseworker);
    const [expired, idle, ended, live] = [
      await login(t, user),
      await login(t, user),
      await login(t, user),
      await login(t, user),
    ];
    const sessionOf = async (token: string) => {
      const response = await t.http().get('/auth/me').set(bearer(token));
      expect(response.status).toBe(200);
      return response.body.id as string;
    };
    await sessionOf(live);
    await asSuperuser(
      t.db,
      `UPDATE auth_session SET expires_at = now() - interval '1 second' WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
      [expired],
    );
    await asSuperuser(
      t.db,
      `UPDATE auth_session SET last_seen_at = now() - interval '16 minutes' WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
      [idle],
    );
    expect((await t.http().post('/auth/logout').set(bearer(ended))).status).toBe(204);
    const expectations: Array<[string, string, string]> = [
      [expired, 'session_expired', 'The session has expired'],
      [idle, 'session_idle', 'The session ended after a period without activity'],
      [ended, 'session_ended', 'The session has ended'],
    ];
    for (const [token, code, description] of expectations) {
      // /auth/me checks the session alone; GET /cases opens the request's transaction with it.
      for (const path of ['/auth/me', '/cases']) {
        const response = await t.http().get(path).set(bearer(token));
        expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 401, code });
        expect(response.headers['www-authenticate']).toBe(
          `Bearer realm="Panoh", error="invalid_token", error_description="${description}"`,
        );
        expect(Object.keys(response.body).sort()).toEqual(['code', 'error', 'message', 'requestId', 'statusCode']);
        expect(JSON.stringify(response.body)).not.toContain(user.username);
      }
    }
    expect((await t.http().get('/cases').set(bearer(live))).status).toBe(200);
  });

  it('tells the first reason a session stopped: one that went idle and was ended later reads idle', async () => {
    const user = await createUser(t, Role.Caseworker);
    const admin = await createUser(t, Role.Admin);
    const token = await login(t, user);
    await asSuperuser(
      t.db,
      `UPDATE auth_session SET last_seen_at = now() - interval '1 hour' WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
      [token],
    );
    const adminToken = await login(t, admin);
    expect((await t.http().post(`/users/${user.id}/disable`).set(bearer(adminToken))).status).toBe(200);
    expect((await t.http().get('/auth/me').set(bearer(token))).body.code).toBe('session_idle');
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
    const otherNow = await t.http().get('/auth/me').set('Authorization', `Bearer ${other}`);
    expect(otherNow.status).toBe(401);
    expect(otherNow.body.code).toBe('session_ended');
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${current}`)).status).toBe(200);
    await login(t, { username: user.username, password: 'a quite different pass phrase 42' });
    expect(await eventsAbout(t, 'account.password_changed', user.id)).toEqual([
      expect.objectContaining({ outcome: 'failed', status_code: 400, detail: { reason: 'weak_password' } }),
      expect.objectContaining({ outcome: 'allowed', status_code: 204, detail: null }),
    ]);
  });

  it('holds back guesses of the current password as it holds back logins, and audits each', async () => {
    const user = await createUser(t, Role.Caseworker);
    const other = await login(t, user);
    const thief = await login(t, user);
    const change = (currentPassword: string) =>
      t
        .http()
        .post('/auth/password')
        .set(bearer(thief))
        .send({ currentPassword, newPassword: 'the thief has chosen this one 7' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await change(`guess number ${i} of many`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429, 429, 429, 429, 429]);
    const right = await change(user.password);
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBe(1);
    // Logins of the account wait out the same backoff: one count of failures, wherever they happen.
    expect((await t.http().post('/auth/login').send({ username: user.username, password: user.password })).status).toBe(
      429,
    );
    const events = await eventsAbout(t, 'account.password_changed', user.id);
    expect(events.map((e) => e.detail?.reason)).toEqual([
      ...Array(5).fill('current_password_wrong'),
      ...Array(8).fill('too_many_attempts'),
    ]);
    expect(events.every((e) => e.outcome === 'failed' && e.actor_user_id === user.id)).toBe(true);
    const [row] = await asSuperuser<{ failed_login_count: number }>(
      t.db,
      `SELECT failed_login_count FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(row.failed_login_count).toBe(5);
    expect((await t.http().get('/auth/me').set(bearer(other))).status).toBe(200);

    clock.advance(1);
    expect((await change(user.password)).status).toBe(204);
    expect((await t.http().get('/auth/me').set(bearer(other))).status).toBe(401);
  });

  it('lets no burst of parallel password guesses slip past the backoff', async () => {
    const user = await createUser(t, Role.Caseworker);
    const token = await login(t, user);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t
          .http()
          .post('/auth/password')
          .set(bearer(token))
          .send({ currentPassword: `parallel guess ${i}`, newPassword: 'the thief has chosen this one 7' }),
      ),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe('account lock', () => {
  let t: TestApp;
  let clock: TestClock;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({
      PANOH_LOGIN_BACKOFF_AFTER: '3',
      PANOH_LOGIN_LOCK_AFTER: '4',
      PANOH_LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
    });
    admin = await createUser(t, Role.Admin);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    clock = freezeClock(t);
  });
  afterEach(() => clock.restore());

  const unlock = async (user: TestUser) => {
    const adminToken = await login(t, admin);
    const listed = await t.http().get('/users').set(bearer(adminToken));
    expect(listed.body.find((u: { id: string }) => u.id === user.id).locked).toBe(true);
    expect((await t.http().post(`/users/${user.id}/unlock`).set(bearer(adminToken))).status).toBe(200);
  };

  it('locks an account after repeated failed logins until an administrator unlocks it, ending its sessions', async () => {
    const user = await createUser(t, Role.Caseworker);
    const session = await login(t, user);
    const fail = (i: number) =>
      t
        .http()
        .post('/auth/login')
        .send({ username: user.username, password: `wrong password ${i}` });
    for (let i = 0; i < 3; i++) expect((await fail(i)).status).toBe(401);
    expect((await fail(3)).status).toBe(429); // the backoff after the third failure ...
    clock.advance(1); // ... waited out
    expect((await t.http().get('/auth/me').set(bearer(session))).status).toBe(200);
    expect((await fail(3)).status).toBe(401); // the fourth failure: locked
    const ended = await t.http().get('/auth/me').set(bearer(session));
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe('session_ended'); // not "locked": the lock is not disclosed
    clock.advance(2);
    const locked = await t.http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(locked.status).toBe(401); // the right password, refused like any failure
    expect(await eventsAbout(t, 'account.locked', user.id)).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        actor_user_id: null,
        detail: { targetUserId: user.id, failures: 4, during: 'login' },
      }),
    ]);
    await unlock(user);
    await login(t, user);
    // Unlocking does not bring the ended session back.
    expect((await t.http().get('/auth/me').set(bearer(session))).status).toBe(401);
  });

  it('locks an account whose session holder keeps guessing its password, ending every session', async () => {
    const user = await createUser(t, Role.Caseworker);
    const other = await login(t, user);
    const thief = await login(t, user);
    const guess = (i: number) =>
      t
        .http()
        .post('/auth/password')
        .set(bearer(thief))
        .send({ currentPassword: `guess ${i} at the password`, newPassword: 'the thief has chosen this one 7' });
    for (let i = 0; i < 3; i++) expect((await guess(i)).status).toBe(400);
    clock.advance(1);
    expect((await guess(3)).status).toBe(400); // the fourth failure: locked, at the configured count
    for (const token of [thief, other]) {
      const response = await t.http().get('/auth/me').set(bearer(token));
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 'session_ended' });
    }
    const right = await t
      .http()
      .post('/auth/password')
      .set(bearer(thief))
      .send({ currentPassword: user.password, newPassword: 'the thief has chosen this one 7' });
    expect(right.status).toBe(401);
    clock.advance(2);
    expect((await t.http().post('/auth/login').send({ username: user.username, password: user.password })).status).toBe(
      401,
    );
    expect(await eventsAbout(t, 'account.locked', user.id)).toEqual([
      expect.objectContaining({ detail: { targetUserId: user.id, failures: 4, during: 'password_change' } }),
    ]);
    await unlock(user);
    await login(t, user);
  });

  it('counts failed logins and failed password changes towards one lock', async () => {
    const user = await createUser(t, Role.Caseworker);
    const session = await login(t, user);
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await t
            .http()
            .post('/auth/login')
            .send({ username: user.username, password: `wrong password ${i}` })
        ).status,
      ).toBe(401);
    }
    expect(
      (
        await t
          .http()
          .post('/auth/password')
          .set(bearer(session))
          .send({ currentPassword: 'a third wrong password', newPassword: 'the thief has chosen this one 7' })
      ).status,
    ).toBe(400);
    clock.advance(1);
    expect(
      (await t.http().post('/auth/login').send({ username: user.username, password: 'the fourth wrong password' }))
        .status,
    ).toBe(401);
    expect((await t.http().get('/auth/me').set(bearer(session))).body.code).toBe('session_ended');
    await unlock(user);
  });
});

describe('per-address login rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_LOGIN_ATTEMPTS_PER_ADDRESS: '3', PANOH_LOGIN_ADDRESS_WINDOW_SECONDS: '300' });
  });
  afterAll(() => t.close());

  it('refuses the fourth attempt from one address within the window, and lets it in the next', async () => {
    const clock = freezeClock(t);
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
    clock.advance(301);
    expect(
      (await t.http().post('/auth/login').send({ username: 'someone.4', password: 'whatever it is' })).status,
    ).toBe(401);
    clock.restore();
  });
});
