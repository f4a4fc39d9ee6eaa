import { Client } from 'pg';
import { Role } from '../../src/core/access/role';
import { Clock } from '../../src/core/time/clock';
import { totpCode } from '../../src/core/auth/totp';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';
import { freezeClock, TestClock } from '../support/test-clock';
import { asSuperuser } from '../support/test-cluster';
import { enrolTotp } from '../support/totp';

const ORIGIN = 'http://localhost:3000';

describe('WebAuthn, recovery codes and the two-step sign-in', () => {
  let t: TestApp;
  let clock: TestClock;

  beforeAll(async () => {
    t = await startTestApp({
      PANOH_WEBAUTHN_RP_ID: 'localhost',
      PANOH_WEBAUTHN_ORIGINS: ORIGIN,
      // Small enough to reach in a test; the back-off starts one failure earlier.
      PANOH_LOGIN_BACKOFF_AFTER: '5',
      PANOH_LOGIN_LOCK_AFTER: '6',
    });
    clock = freezeClock(t);
  });
  afterAll(async () => {
    clock.restore();
    await t.close();
  });

  /** The app's time, which the test moves on. */
  const clockNow = () => t.app.get(Clock).now().getTime();

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function registerKey(token: string, key: SoftAuthenticator, label = 'Blue key') {
    const options = await t.http().post('/auth/webauthn/registration/options').set(bearer(token));
    expect(options.status).toBe(200);
    return t
      .http()
      .post('/auth/webauthn/credentials')
      .set(bearer(token))
      .send({ label, credential: key.register(options.body) });
  }

  const passwordStep = (user: TestUser) =>
    t.http().post('/auth/login/password').send({ username: user.username, password: user.password });

  const secondStep = (body: Record<string, unknown>) => t.http().post('/auth/login/second-factor').send(body);

  /** A user with one registered key, and the password-only session it registered it from. */
  async function userWithKey(role = Role.Caseworker) {
    const user = await createUser(t, role);
    const token = await login(t, user);
    const key = new SoftAuthenticator('localhost', ORIGIN);
    const registered = await registerKey(token, key);
    expect(registered.status).toBe(201);
    return { user, token, key, credentialId: registered.body.id as string };
  }

  /** Both steps with the key; the session token. */
  async function signInWithKey(user: TestUser, key: SoftAuthenticator): Promise<string> {
    const first = await passwordStep(user);
    expect(first.status).toBe(200);
    const done = await secondStep({
      pendingSignIn: first.body.pendingSignIn,
      webauthn: key.assert(first.body.webauthn),
    });
    expect(done.status).toBe(200);
    return done.body.accessToken as string;
  }

  const eventsOf = (userId: string) =>
    asSuperuser<{ action: string; outcome: string; detail: Record<string, unknown> | null }>(
      t.db,
      `SELECT action, outcome, detail FROM audit_event
       WHERE actor_user_id = $1 OR detail->>'targetUserId' = $1::text ORDER BY seq`,
      [userId],
    );

  it('registers a security key from a session, then signs in with it in two steps', async () => {
    const user = await createUser(t, Role.Caseworker);
    const token = await login(t, user);
    const key = new SoftAuthenticator('localhost', ORIGIN);

    const options = await t.http().post('/auth/webauthn/registration/options').set(bearer(token));
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      rp: { id: 'localhost', name: 'Panoh' },
      user: { name: user.username },
      attestation: 'none',
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const registered = await t
      .http()
      .post('/auth/webauthn/credentials')
      .set(bearer(token))
      .send({ label: 'Blue key', credential: key.register(options.body) });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({
      id: expect.any(String),
      label: 'Blue key',
      transports: ['usb'],
      backedUp: false,
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    expect((await t.http().get('/auth/webauthn/credentials').set(bearer(token))).body).toEqual([registered.body]);
    const me = await t.http().get('/auth/me').set(bearer(token));
    expect(me.body).toMatchObject({ mfaEnrolled: true, secondFactor: false, webauthnCredentials: 1 });

    // The one-request login cannot take a key: it says where to go instead.
    const oneStep = await t.http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(oneStep.status).toBe(401);
    expect(oneStep.body.code).toBe('second_factor_required');

    const first = await passwordStep(user);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      pendingSignIn: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      methods: ['webauthn'],
      webauthn: expect.objectContaining({
        challenge: expect.any(String),
        rpId: 'localhost',
        allowCredentials: [expect.objectContaining({ id: key.id, type: 'public-key' })],
      }),
    });
    expect(first.body.accessToken).toBeUndefined();
    expect(Date.parse(first.body.expiresAt) - clockNow()).toBe(5 * 60 * 1000);

    const done = await secondStep({
      pendingSignIn: first.body.pendingSignIn,
      webauthn: key.assert(first.body.webauthn),
    });
    expect(done.status).toBe(200);
    const signedIn = await t.http().get('/auth/me').set(bearer(done.body.accessToken));
    expect(signedIn.body).toMatchObject({ secondFactor: true, mfaEnrolled: true });

    // Good once: the same pending sign-in opens nothing more.
    const again = await secondStep({
      pendingSignIn: first.body.pendingSignIn,
      webauthn: key.assert(first.body.webauthn),
    });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('sign_in_expired');

    const [row] = await asSuperuser<{ sign_count: string; last_used_at: Date | null; public_key: Buffer }>(
      t.db,
      `SELECT sign_count, last_used_at, public_key FROM webauthn_credential WHERE id = $1`,
      [registered.body.id],
    );
    expect(row).toMatchObject({ sign_count: '1', last_used_at: expect.any(Date) });
    const [token_row] = await asSuperuser<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM pending_sign_in WHERE token_hash = sha256($1::text::bytea)`,
      [first.body.pendingSignIn],
    );
    expect(token_row.n).toBe(1); // stored as its hash only

    const actions = (await eventsOf(user.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'account.webauthn_registration_started',
        'account.webauthn_credential_added',
        'login.second_factor_pending',
        'login.succeeded',
      ]),
    );
    const succeeded = (await eventsOf(user.id)).filter((e) => e.action === 'login.succeeded').at(-1);
    expect(succeeded?.detail).toEqual({ secondFactor: true, method: 'webauthn', credentialId: registered.body.id });
  });

  it('refuses an assertion whose counter was replayed or went back, and counts each as a failed second factor', async () => {
    const { user, key } = await userWithKey();
    await signInWithKey(user, key); // counter 1
    await signInWithKey(user, key); // counter 2

    for (const counter of [2, 1]) {
      const first = await passwordStep(user);
      const refused = await secondStep({
        pendingSignIn: first.body.pendingSignIn,
        webauthn: key.assert(first.body.webauthn, { counter }),
      });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({
        code: 'webauthn_invalid',
        details: [expect.objectContaining({ field: 'webauthn' })],
      });
    }
    const [counted] = await asSuperuser<{ failed_login_count: number }>(
      t.db,
      `SELECT failed_login_count FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(counted.failed_login_count).toBe(2);
    const failed = await asSuperuser<{ detail: Record<string, unknown> }>(
      t.db,
      `SELECT detail FROM audit_event WHERE action = 'login.failed' AND detail->>'reason' = 'webauthn_invalid'`,
    );
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed[0].detail).toEqual({ reason: 'webauthn_invalid', step: 'second_factor', method: 'webauthn' });

    // The counter moves on from 2, so the next honest assertion (3) still signs in, and clears the count.
    await signInWithKey(user, key);
  });

  it('refuses an assertion made for another origin or another relying party', async () => {
    const { user, key } = await userWithKey();
    for (const overrides of [{ origin: 'https://panoh.example.tj' }, { rpId: 'example.tj' }]) {
      const first = await passwordStep(user);
      const refused = await secondStep({
        pendingSignIn: first.body.pendingSignIn,
        webauthn: key.assert(first.body.webauthn, overrides),
      });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('webauthn_invalid');
    }
    // Nor does a registration from another origin verify.
    const token = await signInWithKey(user, key);
    const options = await t.http().post('/auth/webauthn/registration/options').set(bearer(token));
    const other = new SoftAuthenticator('localhost', 'https://phish.example');
    const refused = await t
      .http()
      .post('/auth/webauthn/credentials')
      .set(bearer(token))
      .send({ label: 'Phished', credential: other.register(options.body) });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('registration_invalid');
  });

  it('uses a registration challenge once, and not after it expires', async () => {
    const user = await createUser(t, Role.Caseworker);
    const token = await login(t, user);
    const options = await t.http().post('/auth/webauthn/registration/options').set(bearer(token));
    const first = new SoftAuthenticator('localhost', ORIGIN);
    const second = new SoftAuthenticator('localhost', ORIGIN);
    const ok = await t
      .http()
      .post('/auth/webauthn/credentials')
      .set(bearer(token))
      .send({ label: 'First', credential: first.register(options.body) });
    expect(ok.status).toBe(201);

    // The account has a key now: the rest needs a session opened with it.
    const fromPasswordSession = await t.http().post('/auth/webauthn/registration/options').set(bearer(token));
    expect(fromPasswordSession.status).toBe(401);
    expect(fromPasswordSession.headers['www-authenticate']).toMatch(/insufficient_user_authentication/);
    expect(fromPasswordSession.body.code).toBe('second_factor_session_required');

    const strong = await signInWithKey(user, first);
    const twice = await t
      .http()
      .post('/auth/webauthn/credentials')
      .set(bearer(strong))
      .send({ label: 'Second', credential: second.register(options.body) });
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('challenge_invalid');

    const fresh = await t.http().post('/auth/webauthn/registration/options').set(bearer(strong));
    clock.advance(301);
    const late = await t
      .http()
      .post('/auth/webauthn/credentials')
      .set(bearer(strong))
      .send({ label: 'Second', credential: second.register(fresh.body) });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('challenge_invalid');

    const refusals = await asSuperuser<{ outcome: string; detail: Record<string, unknown> }>(
      t.db,
      `SELECT outcome, detail FROM audit_event WHERE action = 'account.webauthn_credential_added' AND actor_user_id = $1 ORDER BY seq`,
      [user.id],
    );
    expect(refusals.map((r) => [r.outcome, r.detail.reason ?? 'added'])).toEqual([
      ['allowed', 'added'],
      ['failed', 'challenge_invalid'],
      ['failed', 'challenge_invalid'],
    ]);
  });

  it('lets a pending sign-in expire after five minutes, and spends it on a wrong factor', async () => {
    const { user, key } = await userWithKey();
    const first = await passwordStep(user);
    clock.advance(5 * 60 + 1);
    const late = await secondStep({
      pendingSignIn: first.body.pendingSignIn,
      webauthn: key.assert(first.body.webauthn),
    });
    expect(late.status).toBe(401);
    expect(late.body).toMatchObject({
      code: 'sign_in_expired',
      details: [expect.objectContaining({ field: 'pendingSignIn' })],
    });

    const next = await passwordStep(user);
    const wrong = await secondStep({
      pendingSignIn: next.body.pendingSignIn,
      webauthn: key.assert(next.body.webauthn, { origin: 'https://elsewhere.example' }),
    });
    expect(wrong.status).toBe(401);
    const right = await secondStep({
      pendingSignIn: next.body.pendingSignIn,
      webauthn: key.assert(next.body.webauthn),
    });
    expect(right.status).toBe(401);
    expect(right.body.code).toBe('sign_in_expired');

    const none = await secondStep({ pendingSignIn: next.body.pendingSignIn });
    expect(none.status).toBe(400);
    expect(none.body.details).toEqual([expect.objectContaining({ field: 'body' })]);
  });

  it('gives recovery codes only to a session opened with a second factor; each works once', async () => {
    const { user, token, key } = await userWithKey();
    const weak = await t.http().post('/auth/recovery-codes').set(bearer(token));
    expect(weak.status).toBe(401);
    expect(weak.body.code).toBe('second_factor_session_required');

    const strong = await signInWithKey(user, key);
    const generated = await t.http().post('/auth/recovery-codes').set(bearer(strong));
    expect(generated.status).toBe(201);
    const codes = generated.body.codes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await t.http().get('/auth/me').set(bearer(strong))).body.recoveryCodesRemaining).toBe(10);

    const stored = await asSuperuser<{ code_hash: Buffer }>(
      t.db,
      `SELECT code_hash FROM recovery_code WHERE user_id = $1`,
      [user.id],
    );
    expect(stored).toHaveLength(10);
    for (const { code_hash } of stored) {
      expect(code_hash).toHaveLength(32);
      for (const code of codes) expect(code_hash.includes(Buffer.from(code.replace(/-/g, '')))).toBe(false);
    }

    const withCode = async (code: string) => {
      const first = await passwordStep(user);
      expect(first.body.methods).toContain('recovery_code');
      return secondStep({ pendingSignIn: first.body.pendingSignIn, recoveryCode: code });
    };
    const used = await withCode(codes[0]);
    expect(used.status).toBe(200);
    expect((await t.http().get('/auth/me').set(bearer(used.body.accessToken))).body.secondFactor).toBe(true);
    const reused = await withCode(codes[0]);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('recovery_code_invalid');
    // Case and hyphens do not matter.
    expect((await withCode(codes[1].toLowerCase().replace(/-/g, ''))).status).toBe(200);
    expect((await t.http().get('/auth/me').set(bearer(strong))).body.recoveryCodesRemaining).toBe(8);

    // A new set replaces the old one.
    const renewed = await t.http().post('/auth/recovery-codes').set(bearer(strong));
    expect(renewed.status).toBe(201);
    expect((await withCode(codes[2])).status).toBe(401);
    expect((await withCode(renewed.body.codes[0])).status).toBe(200);

    const events = await eventsOf(user.id);
    expect(
      events.filter((e) => e.action === 'account.recovery_codes_generated').map((e) => [e.outcome, e.detail]),
    ).toEqual([
      ['denied', null],
      ['allowed', { recoveryCodes: 10 }],
      ['allowed', { recoveryCodes: 10 }],
    ]);
    expect(
      events.filter((e) => e.action === 'login.succeeded' && e.detail?.method === 'recovery_code').map((e) => e.detail),
    ).toEqual([
      { secondFactor: true, method: 'recovery_code', recoveryCodesRemaining: 9 },
      { secondFactor: true, method: 'recovery_code', recoveryCodesRemaining: 8 },
      { secondFactor: true, method: 'recovery_code', recoveryCodesRemaining: 9 },
    ]);
  });

  it('takes a TOTP code at the second step, once across both ways of signing in', async () => {
    const user = await createUser(t, Role.Caseworker);
    const { secret, confirmedStep } = await enrolTotp(t, await login(t, user));
    const first = await passwordStep(user);
    expect(first.body).toMatchObject({ methods: ['totp'] });
    expect(first.body.webauthn).toBeUndefined();
    // The confirmation spent its step; the next step's code is good once (TOTP keeps real time).
    const code = totpCode(secret, confirmedStep + 1);
    const done = await secondStep({ pendingSignIn: first.body.pendingSignIn, totpCode: code });
    expect(done.status).toBe(200);
    expect((await t.http().get('/auth/me').set(bearer(done.body.accessToken))).body.secondFactor).toBe(true);
    const replayed = await t
      .http()
      .post('/auth/login')
      .send({ username: user.username, password: user.password, totpCode: code });
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('totp_invalid');
  });

  it('signs an account without a second factor in at the first step, as login does', async () => {
    const user = await createUser(t, Role.Caseworker);
    const first = await passwordStep(user);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      accessToken: expect.any(String),
      expiresAt: expect.any(String),
      idleTimeoutSeconds: 900,
    });
    const wrong = await t
      .http()
      .post('/auth/login/password')
      .send({ username: user.username, password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('locks the account after as many wrong second factors as wrong passwords', async () => {
    const { user, key } = await userWithKey();
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      clock.advance(60); // past the back-off of the attempts before
      const first = await passwordStep(user);
      expect({ attempt, status: first.status }).toEqual({ attempt, status: 200 });
      await secondStep({ pendingSignIn: first.body.pendingSignIn, recoveryCode: 'ABCD-EFGH-JKMN-PQRS' });
    }
    clock.advance(60);
    expect((await passwordStep(user)).status).toBe(401);
    const [locked] = await asSuperuser<{ detail: Record<string, unknown> }>(
      t.db,
      `SELECT detail FROM audit_event WHERE action = 'account.locked' AND detail->>'targetUserId' = $1`,
      [user.id],
    );
    expect(locked.detail).toMatchObject({ during: 'second_factor' });
    void key;
  });

  it('removes a key of ones own, not another user’s, from a session opened with a second factor', async () => {
    const { user, token, key, credentialId } = await userWithKey();
    const other = await userWithKey();
    expect((await t.http().delete(`/auth/webauthn/credentials/${credentialId}`).set(bearer(token))).status).toBe(401);
    const strong = await signInWithKey(user, key);
    const foreign = await t.http().delete(`/auth/webauthn/credentials/${other.credentialId}`).set(bearer(strong));
    expect(foreign.status).toBe(404);
    expect((await t.http().delete(`/auth/webauthn/credentials/${credentialId}`).set(bearer(strong))).status).toBe(204);
    expect((await t.http().get('/auth/me').set(bearer(strong))).body).toMatchObject({
      mfaEnrolled: false,
      webauthnCredentials: 0,
    });
    const removed = (await eventsOf(user.id)).filter((e) => e.action === 'account.webauthn_credential_removed');
    expect(removed.map((e) => [e.outcome, e.detail?.credentialId])).toEqual([
      ['denied', undefined],
      ['denied', other.credentialId],
      ['allowed', credentialId],
    ]);
  });

  it('keeps credentials and recovery codes to their own user in the database itself', async () => {
    const { user, key } = await userWithKey();
    const strong = await signInWithKey(user, key);
    await t.http().post('/auth/recovery-codes').set(bearer(strong));
    const stranger = await createUser(t, Role.Caseworker);
    const client = new Client({ connectionString: t.db.appUrl });
    await client.connect();
    try {
      const count = async (caller: string) => {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('panoh.user_id', $1, true)`, [caller]);
        const { rows } = await client.query<{ keys: number; codes: number }>(
          `SELECT (SELECT count(*)::int FROM webauthn_credential) AS keys, (SELECT count(*)::int FROM recovery_code) AS codes`,
        );
        await client.query('ROLLBACK');
        return rows[0];
      };
      expect(await count(user.id)).toEqual({ keys: 1, codes: 10 });
      expect(await count(stranger.id)).toEqual({ keys: 0, codes: 0 });
      expect(await count('')).toEqual({ keys: 0, codes: 0 });
      await expect(client.query(`SELECT * FROM panoh_reset_second_factor($1)`, [user.id])).rejects.toThrow(
        /only an administrator/,
      );
    } finally {
      await client.end();
    }
  });

  it("lets an administrator reset a user's second factors: keys, TOTP and recovery codes go, and the sessions end", async () => {
    const { user, key } = await userWithKey();
    const strong = await signInWithKey(user, key);
    await enrolTotp(t, strong);
    await t.http().post('/auth/recovery-codes').set(bearer(strong));
    const admin = await createUser(t, Role.Admin);
    const adminToken = await login(t, admin);

    const self = await t.http().post(`/users/${admin.id}/second-factor/reset`).set(bearer(adminToken));
    expect(self.status).toBe(409);

    const reset = await t.http().post(`/users/${user.id}/second-factor/reset`).set(bearer(adminToken));
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: user.id, mfaEnrolled: false });
    const [left] = await asSuperuser<Record<string, number | boolean>>(
      t.db,
      `SELECT (SELECT count(*)::int FROM webauthn_credential WHERE user_id = $1) AS keys,
              (SELECT count(*)::int FROM recovery_code WHERE user_id = $1) AS codes,
              (SELECT webauthn_credentials FROM app_user WHERE id = $1) AS counted,
              (SELECT totp_secret IS NULL AND totp_enabled_at IS NULL FROM app_user WHERE id = $1) AS totp_gone`,
      [user.id],
    );
    expect(left).toEqual({ keys: 0, codes: 0, counted: 0, totp_gone: true });
    const ended = await t.http().get('/auth/me').set(bearer(strong));
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe('session_ended');

    const [event] = await asSuperuser<{ actor_user_id: string; detail: Record<string, unknown> }>(
      t.db,
      `SELECT actor_user_id, detail FROM audit_event WHERE action = 'user.second_factor_reset' AND outcome = 'allowed'`,
    );
    expect(event).toEqual({
      actor_user_id: admin.id,
      detail: { targetUserId: user.id, totp: true, webauthnCredentials: 1, recoveryCodes: 10 },
    });

    // The password alone signs in now, and the person enrols again.
    const first = await passwordStep(user);
    expect(first.body.accessToken).toEqual(expect.any(String));
  });
});
