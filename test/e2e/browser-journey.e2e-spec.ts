import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/core/access/role';
import type { Language } from '../../src/core/web/i18n';
import {
  AxeViolation,
  axeViolations,
  launchChromium,
  newComputer,
  listen,
  readStorage,
  seriousOnes,
  watchDocuments,
  watchForDefects,
} from '../support/browser';
import { jpegFixture } from '../support/file-fixtures';
import { seedCases, times } from '../support/statistics-seed';
import { createOrganisation, createUser, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * One victim's whole journey through the National Referral Mechanism, in a real browser, each step
 * taken through the pages by the person whose work it is, each on a computer (browser context) of
 * their own: the administrator opens the caseworker's account; the Khujand caseworker checks for a
 * duplicate, registers the person and opens the case, screens, records consents and refers her to
 * the Dushanbe shelter; the Dushanbe manager accepts; the Khujand manager decides her status; she is
 * referred to the MIA unit, whose manager accepts and whose investigator records a perpetrator and a
 * proceeding; the Commission reads the statistics and downloads the CTDC file; the auditor finds the
 * case's trail and verifies the log; the Khujand manager reads who opened the case. Every page is
 * checked by axe-core, every document for its headers, and after each person signs out their browser
 * is read for anything of the victim.
 */
const PERSON = {
  familyName: 'Назарова',
  givenName: 'Ситора',
  dateOfBirth: '1999-04',
  phone: '+992 92 771 3355',
  narrative: 'Promised work in a bakery in Kazan; documents taken at the border crossing near Panj.',
};
const PERPETRATOR = 'Фирӯз Ҷамолзода';
const REFERENCE = 'УД-2026-7731';
const SECRETS = [PERSON.familyName, PERSON.givenName, PERSON.phone, 'bakery in Kazan', PERPETRATOR, REFERENCE];

interface Walk {
  violations: Array<{ url: string; violations: AxeViolation[] }>;
  defects: string[];
  documents: Array<{ url: string; status: number; headers: Record<string, string> }>;
  titles: string[];
  urls: string[];
  storages: Array<{ who: string; text: string }>;
}

describe('in a real browser: one victim’s journey through the NRM, role by role', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const orgs: Record<string, string> = {};
  const people: Record<string, TestUser> = {};

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    browser = await launchChromium();
    const now = Date.now();
    orgs.khujand = await createOrganisation(t, `Shelter Khujand ${now}`, 'Shelter');
    orgs.dushanbe = await createOrganisation(t, `Shelter Dushanbe ${now}`, 'Shelter');
    orgs.mia = await createOrganisation(t, `MIA anti-trafficking unit ${now}`, 'LawEnforcement');
    people.khujandManager = await createUser(t, Role.OrgManager, orgs.khujand);
    people.dushanbeManager = await createUser(t, Role.OrgManager, orgs.dushanbe);
    people.miaManager = await createUser(t, Role.OrgManager, orgs.mia);
    people.investigator = await createUser(t, Role.Investigator, orgs.mia);
    people.commission = await createUser(t, Role.Commission);
    people.auditor = await createUser(t, Role.Auditor);
    people.admin = await createUser(t, Role.Admin);
    // The cases of earlier years, for the Commission to have counts to read (codes only).
    await seedCases(t.db, { organisationId: orgs.khujand, userId: people.khujandManager.id }, [
      ...times(24, { region: 'TJ-SU', gender: 'Feminine' }),
      ...times(13, { region: 'TJ-DU', gender: 'Feminine' }),
      ...times(15, { region: 'TJ-SU', gender: 'Masculine' }),
      ...times(3, { region: 'TJ-KT', gender: 'Masculine' }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const language of ['tg', 'ru'] as Language[]) {
    it(`walks the journey in ${language === 'tg' ? 'Tajik' : 'Russian'}, leaving nothing of her in any browser`, async () => {
      const walk: Walk = { violations: [], defects: [], documents: [], titles: [], urls: [], storages: [] };
      await journey(language, walk);

      expect(walk.violations).toEqual([]);
      expect(walk.defects).toEqual([]);
      expect(walk.documents.length).toBeGreaterThan(30);
      for (const document of walk.documents) {
        expect({ url: document.url, cacheControl: document.headers['cache-control'] }).toEqual({
          url: document.url,
          cacheControl: 'no-store',
        });
        expect(document.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(document.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
      }
      const seen = [...walk.titles, ...walk.urls.map(decodeURIComponent)].join('\n');
      expect(seen).not.toMatch(/Nazarova|Sitora/); // the search's words, typed in Latin
      for (const secret of SECRETS)
        expect({ secret, inTitlesOrUrls: seen.includes(secret) }).toEqual({ secret, inTitlesOrUrls: false });
      expect(walk.storages.length).toBe(8); // one browser for each person of the journey
      for (const { who, text } of walk.storages) {
        for (const secret of SECRETS)
          expect({ who, secret, kept: text.includes(secret) }).toEqual({ who, secret, kept: false });
      }
    }, 600_000); // with notes and search the walk takes over four minutes a language on the shared machine
  }

  async function journey(language: Language, walk: Walk): Promise<void> {
    const seen = { caseId: '' };
    const run = async (
      who: string,
      user: { username: string; password: string },
      steps: (page: Page) => Promise<void>,
    ) => {
      const context = await newComputer(browser, {
        locale: language,
        extraHTTPHeaders: { 'Accept-Language': language },
      });
      const page = await context.newPage();
      watchForDefects(page, walk.defects);
      watchDocuments(page, walk.documents);
      // A grave act's form asks first; the person says yes.
      page.on('dialog', (dialog) => void dialog.accept());
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) walk.urls.push(frame.url());
      });
      await page.goto(`${base}/`);
      await checked(page, walk);
      await page.fill('[name=username]', user.username);
      await page.fill('[name=password]', user.password);
      await submit(page, 'main form[action="/ui/sign-in"]');
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await steps(page);
      await page.goto(`${base}/ui/account`);
      await submit(page, 'form.sign-out');
      expect(new URL(page.url()).pathname).toBe('/ui/signed-out');
      await rememberStorage(who, context, page, walk);
      await context.close();
    };
    const visit = async (page: Page, path: string) => {
      const response = await page.goto(`${base}${path}`);
      expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
      await checked(page, walk);
    };

    // The administrator opens the Khujand caseworker's account; its first password is shown once.
    let caseworker = { username: `caseworker.${language}.${Date.now().toString(36)}`, password: '' };
    await run('admin', people.admin, async (page) => {
      await visit(page, '/ui/organisations');
      await visit(page, '/ui/keys');
      await visit(page, '/ui/users/new');
      await page.fill('[name=username]', caseworker.username);
      await page.selectOption('[name=organisationId]', orgs.khujand);
      await page.selectOption('[name=role]', 'caseworker');
      await submit(page, 'main form[action="/ui/users/new"]');
      caseworker = { ...caseworker, password: (await page.textContent('code.secret'))?.trim() ?? '' };
      expect(caseworker.password.length).toBeGreaterThan(12);
      // The release of the seeded year, for the Commission to read (a later language's run may be deferred).
      await visit(page, '/ui/statistics/publish');
      await page.fill('form[action="/ui/statistics/publish"] [name=period]', '2025');
      await submit(page, 'form[action="/ui/statistics/publish"]');
      expect(await page.isVisible('main .notice')).toBe(true);
    });

    // The Khujand caseworker: the duplicate check, then the person and the case in one form.
    await run('khujand caseworker', caseworker, async (page) => {
      await visit(page, '/ui/cases');
      await visit(page, '/ui/cases/new');
      await page.fill('form[action="/ui/cases/duplicate-check"] [name=familyName]', PERSON.familyName);
      await page.fill('form[action="/ui/cases/duplicate-check"] [name=givenName]', PERSON.givenName);
      await page.fill('form[action="/ui/cases/duplicate-check"] [name=dateOfBirth]', PERSON.dateOfBirth);
      await submit(page, 'form[action="/ui/cases/duplicate-check"]');
      const register = 'form[action="/ui/cases/new"]';
      expect(await page.inputValue(`${register} [name=familyName]`)).toBe(PERSON.familyName);
      await page.fill(`${register} [name=phone]`, PERSON.phone);
      await page.selectOption(`${register} [name=gender]`, 'Feminine');
      await page.check(`${register} [name=exploitationTypes][value=ForcedLabour]`);
      await page.fill(`${register} [name=narrative]`, PERSON.narrative);
      await submit(page, register);
      seen.caseId = /\/ui\/cases\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
      expect(seen.caseId).not.toBe('');
      expect(await page.textContent('main')).toContain(PERSON.familyName);

      await visit(page, `/ui/cases/${seen.caseId}/screenings/new`);
      await page.check('form[action$="/screenings/new"] [name=indicators] >> nth=0');
      await page.selectOption('form[action$="/screenings/new"] [name=result]', 'indicators_present');
      await submit(page, 'form[action$="/screenings/new"]');

      await consent(page, { purpose: 'referral', recipient: orgs.dushanbe, referralPurposes: ['shelter'] });
      await consent(page, { purpose: 'law_enforcement_disclosure', recipient: orgs.mia });
      await consent(page, { purpose: 'statistics' });

      await visit(page, `/ui/cases/${seen.caseId}/stage`);
      await page.selectOption('section[aria-labelledby=move-title] [name=to]', 'reflection');
      await page.fill('section[aria-labelledby=move-title] [name=reason]', 'In the shelter since Monday');
      await submit(page, 'section[aria-labelledby=move-title] form');

      await refer(page, orgs.dushanbe, 'shelter');
      await refer(page, orgs.mia, 'law_enforcement');
      await visit(page, '/ui/referrals?box=out');
      await visit(page, `/ui/cases/${seen.caseId}/print`);

      // A scanned passport attached from the case: stored without its metadata, downloaded as stored.
      const photo = jpegFixture();
      await visit(page, `/ui/cases/${seen.caseId}/attachments`);
      const upload = 'form[enctype="multipart/form-data"]';
      await page.setInputFiles(`${upload} [name=file]`, {
        name: 'scan.jpg',
        mimeType: 'image/jpeg',
        buffer: photo.withMetadata,
      });
      await page.selectOption(`${upload} [name=kind]`, 'identity_document');
      await submit(page, upload);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/content"] >> nth=0')]);
      const downloaded: Buffer[] = [];
      for await (const part of await download.createReadStream()) downloaded.push(part as Buffer);
      expect(Buffer.compare(Buffer.concat(downloaded), photo.clean)).toBe(0);
      await download.delete();

      // A transit learned after opening: added from the case's events, then corrected on its own page.
      await visit(page, `/ui/cases/${seen.caseId}/events`);
      const addEvent = `form[action="/ui/cases/${seen.caseId}/events"]`;
      await page.selectOption(`${addEvent} [name=type]`, 'Transit');
      await page.fill(`${addEvent} [name=occurredOn]`, '2024-04');
      await page.selectOption(`${addEvent} [name=country]`, 'KAZ');
      await page.fill(`${addEvent} [name=city]`, 'Shymkent');
      await submit(page, addEvent);
      await checked(page, walk);
      await Promise.all([page.waitForNavigation(), page.click('main td a[href*="/events/"] >> nth=0')]);
      await checked(page, walk);
      const correct = 'main form[action*="/events/"]:not([action$="/remove"])';
      await page.fill(`${correct} [name=city]`, 'Taraz');
      await page.fill(`${correct} [name=reason]`, 'She remembered the town');
      await submit(page, correct);
      await checked(page, walk);
      expect(await page.textContent('main')).toContain('Taraz');

      // A task added by hand for her (the case's own tasks came with the reflection period), then "my work".
      await visit(page, `/ui/cases/${seen.caseId}/tasks`);
      await page.fill('form[action$="/tasks"] [name=title]', 'Call about the passport');
      await page.fill('form[action$="/tasks"] [name=dueOn]', new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
      await submit(page, 'form[action$="/tasks"]');
      await visit(page, '/ui/tasks');
      expect(await page.textContent('main')).toContain('Call about the passport');
      // What happened at today's visit, written as a note, then added to.
      await visit(page, `/ui/cases/${seen.caseId}/notes`);
      const note = `form[action="/ui/cases/${seen.caseId}/notes"]`;
      await page.selectOption(`${note} [name=kind]`, 'visit');
      await page.fill(`${note} [name=occurredOn]`, new Date().toISOString().slice(0, 10));
      await page.fill(`${note} [name=text]`, 'Visited in the shelter; she is sleeping better');
      await submit(page, note);
      expect(await page.textContent('main')).toContain('she is sleeping better');
      await page.fill('form[action$="/addenda"] [name=text]', 'She asked to call her sister');
      await submit(page, 'form[action$="/addenda"]');
      expect(await page.textContent('main')).toContain('call her sister');

      // Found again by the Latin spelling of her Cyrillic name: the words go in the form's body only.
      await visit(page, '/ui/search');
      await page.fill('form[action="/ui/search"] [name=query]', 'Nazarova Sitora');
      await submit(page, 'form[action="/ui/search"]');
      expect(await page.getAttribute(`main table a[href="/ui/cases/${seen.caseId}"]`, 'href')).toBe(`/ui/cases/${seen.caseId}`);
      expect(page.url()).toBe(`${base}/ui/search`);
    });

    // The Dushanbe manager accepts the shelter referral; the MIA manager the law-enforcement one.
    for (const [who, manager] of [
      ['dushanbe manager', people.dushanbeManager],
      ['mia manager', people.miaManager],
    ] as const) {
      await run(who, manager, async (page) => {
        await visit(page, '/ui/referrals');
        await visit(page, '/ui/notifications');
        await page.click(`main a[href^="/ui/referrals/"]:not([href$="/print"])`);
        await checked(page, walk);
        await page.check('form[action$="/accept"] [name=confirm]');
        await submit(page, 'form[action$="/accept"]');
        await visit(page, `${new URL(page.url()).pathname.replace(/\/accept$/, '')}/print`);
      });
    }

    // The Khujand manager decides her status (the person asked not to wait for the period's end).
    await run('khujand manager', people.khujandManager, async (page) => {
      await visit(page, `/ui/cases/${seen.caseId}`);
      await visit(page, `/ui/cases/${seen.caseId}/stage`);
      const decision = 'section[aria-labelledby=decision-title]';
      await page.selectOption(`${decision} [name=traffickingStatus]`, { index: 1 });
      await page.selectOption(`${decision} [name=statusDecidedBy]`, { index: 1 });
      await page.selectOption(`${decision} [name=decidingOrganisationId]`, orgs.khujand);
      await page.check(`${decision} [name=reflectionWaived]`);
      await page.fill(`${decision} [name=reason]`, 'Indicators confirmed by the shelter commission');
      await submit(page, `${decision} form`);
      await visit(page, `/ui/cases/${seen.caseId}/support`);
      await visit(page, `/ui/access-log?caseId=${seen.caseId}`);
      expect(await page.textContent('main')).toContain(caseworker.username);
      // The case stays with its caseworker: the owner's form, sent as it stands; then the overdue tasks.
      await visit(page, `/ui/cases/${seen.caseId}`);
      await submit(page, 'form[action$="/owner"]');
      await visit(page, '/ui/tasks/overdue');
      // The organisation's own staff (for a reset), and the manager's own open sessions.
      await visit(page, '/ui/reports');
      expect(await page.isVisible('main .notice.warn')).toBe(true);
      await visit(page, '/ui/staff');
      expect(await page.textContent('main')).toContain(caseworker.username);
      await visit(page, '/ui/account');
      expect(await page.isVisible('main table')).toBe(true);
    });

    // The MIA investigator: the investigation view, a perpetrator and a proceeding.
    await run('investigator', people.investigator, async (page) => {
      await visit(page, '/ui/referrals');
      await visit(page, `/ui/cases/${seen.caseId}`);
      expect(await page.textContent('main')).not.toContain(PERSON.phone); // not in the investigation view
      // The investigator finds the case by her name, never by her phone (not in the investigation view).
      await visit(page, '/ui/search');
      await page.fill('form[action="/ui/search"] [name=query]', PERSON.familyName);
      await submit(page, 'form[action="/ui/search"]');
      expect(await page.isVisible(`main table a[href="/ui/cases/${seen.caseId}"]`)).toBe(true);
      await page.fill('form[action="/ui/search"] [name=query]', PERSON.phone);
      await submit(page, 'form[action="/ui/search"]');
      expect(await page.isVisible(`main table a[href="/ui/cases/${seen.caseId}"]`)).toBe(false);
      await visit(page, `/ui/cases/${seen.caseId}/investigation`);
      const perpetrator = `form[action$="/investigation/perpetrators"]`;
      await page.check(`${perpetrator} [name=roles] >> nth=0`);
      await page.fill(`${perpetrator} [name=name]`, PERPETRATOR);
      await submit(page, perpetrator);
      const proceeding = `form[action$="/investigation/proceedings"]`;
      if (!(await page.isVisible(proceeding))) await visit(page, `/ui/cases/${seen.caseId}/investigation/proceedings`);
      await page.selectOption(`${proceeding} [name=kind]`, { index: 1 });
      await page.fill(`${proceeding} [name=openedOn]`, '2026-11-20');
      await page.fill(`${proceeding} [name=referenceNumber]`, REFERENCE);
      await submit(page, proceeding);
      await visit(page, `/ui/cases/${seen.caseId}/investigation/proceedings`);
      expect(await page.textContent('main')).toContain(REFERENCE);
    });

    // The Commission: the releases, one release's tables and charts, and its CTDC file.
    await run('commission', people.commission, async (page) => {
      await visit(page, '/ui/statistics');
      expect(await page.isVisible('main table')).toBe(true);
      const release = (await page.getAttribute('main table a[href^="/ui/statistics/releases/"] >> nth=0', 'href')) as string;
      await visit(page, release);
      expect(await page.isVisible('main table')).toBe(true);
      expect(await page.isVisible('main svg')).toBe(true);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`a[href="${release}/ctdc.csv"]`),
      ]);
      const file = await download.path();
      expect(file).toBeTruthy();
      // The file is the Commission's to keep; the browser's own storage must still hold nothing.
      await download.delete();
    });

    // The auditor: the case's trail, and the log verified.
    await run('auditor', people.auditor, async (page) => {
      await visit(page, '/ui/audit');
      await page.fill('form[action="/ui/audit"] [name=caseId]', seen.caseId);
      await submit(page, 'form[action="/ui/audit"]');
      await checked(page, walk);
      expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(5);
      await visit(page, '/ui/audit/verify');
      await visit(page, '/ui/audit/heads');
    });

    async function consent(page: Page, what: { purpose: string; recipient?: string; referralPurposes?: string[] }) {
      await visit(page, `/ui/cases/${seen.caseId}/consents/new`);
      const form = 'form[action$="/consents/new"]';
      await page.selectOption(`${form} [name=purpose]`, what.purpose);
      if (what.recipient) await page.selectOption(`${form} [name=recipientOrganisationId]`, what.recipient);
      for (const purpose of what.referralPurposes ?? [])
        await page.check(`${form} [name=referralPurposes][value=${purpose}]`);
      await submit(page, form);
    }

    async function refer(page: Page, to: string, purpose: string) {
      await visit(page, `/ui/cases/${seen.caseId}/referrals`);
      const form = `form[action="/ui/cases/${seen.caseId}/referrals"]`;
      await page.selectOption(`${form} [name=toOrganisationId]`, to);
      await page.selectOption(`${form} [name=purpose]`, purpose);
      // The consents that cover a referral are offered, oldest first: the shelter one, then the disclosure.
      const consents = await page
        .locator(`${form} [name=consentId] option:not([value=""])`)
        .evaluateAll((options) => options.map((option) => option.getAttribute('value') ?? ''));
      await page.selectOption(
        `${form} [name=consentId]`,
        purpose === 'law_enforcement' ? consents[consents.length - 1] : consents[0],
      );
      await page.fill(`${form} [name=dueOn]`, '2026-12-30');
      await submit(page, form);
      const refused = (await page.locator('.error-summary').count()) ? await page.textContent('.error-summary') : null;
      expect({ to, purpose, refused }).toEqual({ to, purpose, refused: null });
    }
  }
});

/** Sends the form as a person does, and waits for the page it leads to; axe and the rest check it. */
async function submit(page: Page, form: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit] >> nth=-1`)]);
}

async function checked(page: Page, walk: Walk): Promise<void> {
  walk.titles.push(await page.title());
  const serious = seriousOnes(await axeViolations(page));
  if (serious.length) walk.violations.push({ url: new URL(page.url()).pathname, violations: serious });
  const summary = await page.locator('.error-summary').count();
  if (summary)
    walk.defects.push(`refused form on ${new URL(page.url()).pathname}: ${await page.textContent('.error-summary')}`);
}

async function rememberStorage(who: string, context: BrowserContext, page: Page, walk: Walk): Promise<void> {
  const storage = await readStorage(context, page);
  walk.storages.push({ who, text: JSON.stringify(storage) });
  expect({
    who,
    localStorage: storage.localStorage,
    sessionStorage: storage.sessionStorage,
    indexedDb: storage.indexedDb,
  }).toEqual({
    who,
    localStorage: {},
    sessionStorage: {},
    indexedDb: [],
  });
  expect({ who, session: storage.cookies.some((c) => c.name === 'panoh_session') }).toEqual({ who, session: false });
}
