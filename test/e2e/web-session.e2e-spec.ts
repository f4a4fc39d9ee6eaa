import { Role } from '../../src/core/access/role';
import { asSuperuser } from '../support/test-cluster';
import { totpCode, totpStep } from '../../src/core/auth/totp';
import { createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';
import { base32Decode } from '../support/totp';
import { userSignedInWithKey } from '../support/webauthn';
import { WebClient } from '../support/web-client';

describe('the web interface: signing in and out, forms, headers', () => {
  let t: TestApp;
  let caseworker: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    caseworker = await createUser(t, Role.Caseworker);
  });
  afterAll(() => t.close());

  it('sends the browser from / to the sign-in page, whose answer no cache keeps and no site frames', async () => {
    const web = new WebClient(t);
    expect((await web.get('/')).headers.location).toBe('/ui');
    expect((await web.get('/ui')).headers.location).toBe('/ui/sign-in');
    const page = await web.get('/ui/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).toMatch(/^<!doctype html><html lang="(tg|ru|en)">/);
    expect(web.formToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('speaks the browser’s language before sign-in, and the chosen one after', async () => {
    const web = new WebClient(t);
    const russian = await t.http().get('/ui/sign-in').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5');
    expect(russian.text).toContain('<html lang="ru">');
    expect(russian.text).toContain('Войти');
    await web.get('/ui/sign-in');
    expect((await web.post('/ui/language', { language: 'tg', back: '/ui/sign-in' })).status).toBe(303);
    const tajik = await web.follow();
    expect(tajik.text).toContain('<html lang="tg">');
    expect(tajik.text).toContain('Ворид шудан');
  });

  it('refuses a sign-in form sent without the page’s token, and records the attempt', async () => {
    const web = new WebClient(t);
    await web.get('/ui/sign-in');
    const forged = await web.post('/ui/sign-in', { username: caseworker.username, password: caseworker.password }, false);
    expect(forged.status).toBe(403);
    expect(forged.headers['content-type']).toMatch(/^text\/html/);
    expect(forged.headers['set-cookie']?.toString() ?? '').not.toMatch(/panoh_session=[^;]/);
    const [denied] = await asSuperuser<{ detail: { reason: string } }>(
      t.db,
      `SELECT detail FROM audit_event WHERE action = 'access.denied' AND detail->>'reason' = 'form_token' ORDER BY seq DESC LIMIT 1`,
    );
    expect(denied.detail.reason).toBe('form_token');
  });

  it('signs in with a cookie scripts cannot read, which the API does not take in place of a token', async () => {
    const web = new WebClient(t);
    const signedIn = await web.signIn(caseworker);
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('panoh_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(signedIn.headers.location).toBe('/ui/cases');
    const account = await web.get('/ui/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain(caseworker.username);
    const api = await t.http().get('/auth/me').set('Cookie', web.cookieHeader);
    expect(api.status).toBe(401);
  });

  it('refuses a signed-in form without its token, audited with the person who sent it', async () => {
    const web = new WebClient(t);
    await web.signIn(caseworker);
    await web.get('/ui/account');
    const forged = await web.post('/ui/sign-out', {}, false);
    expect(forged.status).toBe(403);
    const [denied] = await asSuperuser<{ actor_user_id: string }>(
      t.db,
      `SELECT actor_user_id FROM audit_event WHERE action = 'access.denied' AND detail->>'reason' = 'form_token' ORDER BY seq DESC LIMIT 1`,
    );
    expect(denied.actor_user_id).toBe(caseworker.id);
    // Still signed in: the forged form did nothing.
    expect((await web.get('/ui/account')).status).toBe(200);
  });

  it('remembers the language with the account, for the next sign-in on another computer', async () => {
    const user = await createUser(t, Role.Caseworker);
    const first = new WebClient(t);
    await first.signIn(user);
    await first.get('/ui/account');
    expect((await first.post('/ui/account/language', { language: 'ru', back: '/ui/account' })).status).toBe(303);
    expect((await first.follow()).text).toContain('<html lang="ru">');
    const elsewhere = new WebClient(t);
    await elsewhere.signIn(user);
    expect((await elsewhere.get('/ui/account')).text).toContain('<html lang="ru">');
  });

  it('signs out: the session ends at once, the browser is told to clear what it holds, and the page says so', async () => {
    const web = new WebClient(t);
    await web.signIn(caseworker);
    await web.get('/ui/account');
    const out = await web.post('/ui/sign-out');
    expect(out.status).toBe(303);
    expect(out.headers['clear-site-data']).toContain('"storage"');
    expect(out.headers.location).toBe('/ui/signed-out?reason=signed_out');
    const stale = await t.http().get('/ui/account').set('Cookie', `panoh_session=${'A'.repeat(43)}`).redirects(0);
    expect(stale.status).toBe(303);
    expect((await web.get('/ui/account')).headers.location).toBe('/ui/sign-in');
  });

  it('shows a refused page in the person’s language, audited as refused', async () => {
    const web = new WebClient(t);
    await web.signIn(caseworker);
    const refused = await web.get('/ui/users');
    expect([403, 404]).toContain(refused.status);
  });
});

describe('the web interface: the second step of signing in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const unescape = (text: string) =>
    text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it('asks for the code after the password, opens the session with it, and starts again after a wrong one', async () => {
    const user = await createUser(t, Role.Caseworker);
    const secret = await enrolTotp(t, await login(t, user));
    const web = new WebClient(t);
    await web.get('/ui/sign-in');
    const first = await web.post('/ui/sign-in', { username: user.username, password: user.password });
    expect(first.status).toBe(200);
    expect(first.text).toContain('name="totpCode"');
    expect((first.headers['set-cookie'] as unknown as string[]).join()).toMatch(/panoh_pending=[^;]+;.*HttpOnly/);
    const wrong = await web.post('/ui/sign-in/second-factor', { method: 'totp', totpCode: otherCode(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('name="password"'); // back to the first step
    const reused = await web.post('/ui/sign-in/second-factor', { method: 'totp', totpCode: totpCode(secret, totpStep(Date.now()) + 1) });
    expect(reused.status).toBe(401); // the pending sign-in was used up by the wrong attempt
    await web.post('/ui/sign-in', { username: user.username, password: user.password });
    const done = await web.post('/ui/sign-in/second-factor', { method: 'totp', totpCode: totpCode(secret, totpStep(Date.now()) + 1) });
    expect([done.status, done.headers.location]).toEqual([303, '/ui/cases']);
    expect((await web.get('/ui/account')).status).toBe(200);
  });

  it('signs in with a security key through the page, and makes recovery codes that work once', async () => {
    const { user, key } = await userSignedInWithKey(t);
    const web = new WebClient(t);
    await web.get('/ui/sign-in');
    const first = await web.post('/ui/sign-in', { username: user.username, password: user.password });
    const options = JSON.parse(unescape(/data-webauthn-get="([^"]+)"/.exec(first.text)?.[1] ?? '{}'));
    const signedIn = await web.post('/ui/sign-in/second-factor', { method: 'webauthn', credential: JSON.stringify(key.assert(options)) });
    expect(signedIn.status).toBe(303);
    const account = await web.get('/ui/account');
    expect(account.text).toContain('Test key');
    const codesPage = await web.post('/ui/account/recovery-codes');
    expect(codesPage.status).toBe(200);
    const codes = [...codesPage.text.matchAll(/<code>([A-Z0-9-]{16,24})<\/code>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);

    const again = new WebClient(t);
    await again.get('/ui/sign-in');
    await again.post('/ui/sign-in', { username: user.username, password: user.password });
    expect((await again.post('/ui/sign-in/second-factor', { method: 'recovery_code', recoveryCode: codes[0] })).status).toBe(303);
    const twice = new WebClient(t);
    await twice.get('/ui/sign-in');
    await twice.post('/ui/sign-in', { username: user.username, password: user.password });
    expect((await twice.post('/ui/sign-in/second-factor', { method: 'recovery_code', recoveryCode: codes[0] })).status).toBe(401);
  });
});

async function enrolTotp(t: TestApp, token: string): Promise<Buffer> {
  const auth = { Authorization: `Bearer ${token}` };
  const enrolment = await t.http().post('/auth/totp/enrol').set(auth);
  const secret = base32Decode(enrolment.body.secret);
  await t.http().post('/auth/totp/confirm').set(auth).send({ code: totpCode(secret, totpStep(Date.now())) });
  return secret;
}

function otherCode(secret: Buffer): string {
  const now = totpStep(Date.now());
  const used = new Set([-1, 0, 1, 2].map((d) => totpCode(secret, now + d)));
  for (let i = 0; ; i++) {
    const candidate = String(i).padStart(6, '0');
    if (!used.has(candidate)) return candidate;
  }
}
