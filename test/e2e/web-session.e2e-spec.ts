import { Role } from '../../src/core/access/role';
import { asSuperuser } from '../support/test-cluster';
import { createUser, startTestApp, TestApp, TestUser } from '../support/test-app';
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
