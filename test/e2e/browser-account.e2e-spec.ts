import type { Browser } from 'playwright-core';
import { Role } from '../../src/core/access/role';
import { freePort } from '../support/free-port';
import { asSuperuser } from '../support/test-cluster';
import { createUser, startTestApp, TestApp, TestUser } from '../support/test-app';
import { axeViolations, launchChromium, newComputer, listen, readStorage, seriousOnes, watchDocuments, watchForDefects } from '../support/browser';

describe('in a real browser: signing in, the account, signing out', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    browser = await launchChromium();
    user = await createUser(t, Role.Auditor);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in in Russian, switches to Tajik, enrols a second factor, signs out, and leaves nothing behind', async () => {
    const context = await newComputer(browser, { locale: 'ru-RU', extraHTTPHeaders: { 'Accept-Language': 'ru-RU,ru;q=0.9' } });
    const page = await context.newPage();
    const defects: string[] = [];
    const documents: Array<{ url: string; status: number; headers: Record<string, string> }> = [];
    watchForDefects(page, defects);
    watchDocuments(page, documents);

    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(seriousOnes(await axeViolations(page))).toEqual([]);

    await page.selectOption('#language-choice', 'tg');
    await page.click('form.language button[type=submit]');
    expect(await page.getAttribute('html', 'lang')).toBe('tg');
    expect(await page.textContent('h1')).toBe('Воридшавӣ');

    await page.fill('[name=username]', user.username);
    await page.fill('[name=password]', 'not the password');
    await page.click('main form button[type=submit]');
    expect(await page.textContent('.notice')).toContain('нодуруст');
    expect(await page.inputValue('[name=username]')).toBe(user.username);
    expect(await page.inputValue('[name=password]')).toBe('');

    await page.fill('[name=password]', user.password);
    await page.click('main form button[type=submit]');
    await page.goto(`${base}/ui/account`);
    expect(await page.textContent('h1')).toBe('Ҳисоби ман');
    expect(seriousOnes(await axeViolations(page))).toEqual([]);
    await page.click('form[action="/ui/account/totp"] button');
    expect(await page.getAttribute('main img', 'src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(seriousOnes(await axeViolations(page))).toEqual([]);

    await page.goto(`${base}/ui/account`);
    await page.click('form.sign-out button');
    expect(new URL(page.url()).pathname).toBe('/ui/signed-out');
    const storage = await readStorage(context, page);
    expect(storage).toEqual({
      localStorage: {},
      sessionStorage: {},
      indexedDb: [],
      cacheStorage: [],
      cookies: storage.cookies.filter((c) => c.name === 'panoh_lang' || c.name === 'panoh_pre'),
    });
    for (const cookie of storage.cookies) expect(cookie.sameSite).toBe('Strict');

    for (const document of documents) {
      expect({ url: document.url, cacheControl: document.headers['cache-control'] }).toEqual({ url: document.url, cacheControl: 'no-store' });
      expect(document.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    expect(defects).toEqual([]);
    await context.close();
  });
});

describe('in a real browser: a security key, from adding it to signing in with it', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    // WebAuthn binds a key to its site: the browser must reach the service as `localhost`, the
    // development relying party, on the origin the service is told.
    const port = await freePort();
    t = await startTestApp({ PANOH_WEBAUTHN_ORIGINS: `http://localhost:${port}` });
    await t.app.listen(port, '127.0.0.1');
    base = `http://localhost:${port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('adds a key on the account page, then signs in with it through the second step', async () => {
    const user = await createUser(t, Role.Caseworker);
    const context = await newComputer(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    const defects: string[] = [];
    watchForDefects(page, defects);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await page.goto(`${base}/ui/sign-in`);
    await page.fill('[name=username]', user.username);
    await page.fill('[name=password]', user.password);
    await page.click('main form button[type=submit]');
    await page.goto(`${base}/ui/account`);
    await page.fill('[name=label]', 'Blue key');
    await Promise.all([page.waitForURL(/done=key_added/), page.click('form[data-webauthn-create] button[type=submit]')]);
    expect(await page.textContent('main')).toContain('Blue key');

    await page.click('form.sign-out button');
    await page.goto(`${base}/ui/sign-in`);
    await page.fill('[name=username]', user.username);
    await page.fill('[name=password]', user.password);
    await page.click('main form button[type=submit]');
    expect(await page.isVisible('form[data-webauthn-get] button')).toBe(true);
    await Promise.all([page.waitForURL(/\/ui\/cases/), page.click('form[data-webauthn-get] button')]);
    const [session] = await asSuperuser<{ second_factor: boolean }>(
      t.db,
      `SELECT second_factor FROM auth_session WHERE user_id = $1 AND ended_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [user.id],
    );
    expect(session.second_factor).toBe(true);
    expect(defects.filter((d) => !d.startsWith('404'))).toEqual([]);
    await context.close();
  });
});
