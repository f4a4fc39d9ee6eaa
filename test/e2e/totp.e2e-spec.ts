import { Role } from '../../src/core/access/role';
import { totpCode, totpStep } from '../../src/core/auth/totp';
import { asSuperuser } from '../support/test-cluster';
import { createUser, login, startTestApp, TestApp } from '../support/test-app';
import { base32Decode } from '../support/totp';

describe('TOTP second factor', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('enrols, confirms, then requires a code at every login, and refuses a code used once', async () => {
    const user = await createUser(t, Role.Caseworker);
    const token = await login(t, user);
    const auth = { Authorization: `Bearer ${token}` };

    const enrolment = await t.http().post('/auth/totp/enrol').set(auth);
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const secret = base32Decode(enrolment.body.secret);

    const wrong = await t
      .http()
      .post('/auth/totp/confirm')
      .set(auth)
      .send({ code: '000000' === totpCode(secret, totpStep(Date.now())) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('code');

    const confirmStep = totpStep(Date.now());
    expect(
      (
        await t
          .http()
          .post('/auth/totp/confirm')
          .set(auth)
          .send({ code: totpCode(secret, confirmStep) })
      ).status,
    ).toBe(204);

    const withoutCode = await t.http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.details).toEqual([expect.objectContaining({ field: 'totpCode' })]);

    // The confirmation consumed its step; the next step's code logs in once.
    const next = totpCode(secret, confirmStep + 1);
    const withCode = await t
      .http()
      .post('/auth/login')
      .send({ username: user.username, password: user.password, totpCode: next });
    expect(withCode.status).toBe(200);
    const replay = await t
      .http()
      .post('/auth/login')
      .send({ username: user.username, password: user.password, totpCode: next });
    expect(replay.status).toBe(401);

    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${withCode.body.accessToken}`);
    expect(me.body.mfaEnrolled).toBe(true);
  });

  it('stores the TOTP secret encrypted', async () => {
    const user = await createUser(t, Role.Caseworker);
    const token = await login(t, user);
    const enrolment = await t.http().post('/auth/totp/enrol').set('Authorization', `Bearer ${token}`);
    const secret = base32Decode(enrolment.body.secret);
    const [row] = await asSuperuser<{ totp_pending_secret: Buffer }>(
      t.db,
      `SELECT totp_pending_secret FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(row.totp_pending_secret.length).toBeGreaterThan(secret.length + 16);
    expect(row.totp_pending_secret.includes(secret)).toBe(false);
  });
});
