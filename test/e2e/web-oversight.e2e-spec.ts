import { Role } from '../../src/core/access/role';
import { AuditSealer } from '../../src/core/audit/audit-sealer.service';
import { VerifyPage } from '../../src/core/audit/pages/audit.page';
import { totpCode, totpStep } from '../../src/core/auth/totp';
import { documentOf } from '../../src/core/web/jsx';
import { callerWith } from '../support/api';
import { seedCases, SeedCase, times } from '../support/statistics-seed';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, STRONG_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { base32Decode } from '../support/totp';
import { WebClient } from '../support/web-client';

/** 49 cases of 2025: by region and gender, several cells are under the threshold (11). */
const CASES: SeedCase[] = [
  ...times(2, { region: 'TJ-KT', gender: 'Feminine' }),
  ...times(1, { region: 'TJ-KT', gender: 'Masculine' }),
  ...times(8, { region: 'TJ-SU', gender: 'Feminine' }),
  ...times(6, { region: 'TJ-SU', gender: 'Masculine' }),
  ...times(19, { region: 'TJ-DU', gender: 'Feminine' }),
  ...times(1, { region: 'TJ-DU', gender: 'Masculine' }),
  ...times(12, { region: 'TJ-RA', gender: 'Feminine' }),
  ...times(6, { region: 'TJ-RA', gender: 'Masculine' }),
];

/** A name no page of the oversight roles may ever show. */
const VICTIM = { familyName: 'Zulfiqorova', givenName: 'Parvinakhon' };

interface Event {
  action: string;
  outcome: string;
  status_code: number;
  actor_user_id: string | null;
  case_ids: string[];
  detail: Record<string, unknown> | null;
}

describe('the web interface: the oversight roles’ pages', () => {
  let t: TestApp;
  let commission: TestUser;
  let auditor: TestUser;
  let admin: TestUser;
  let caseworker: TestUser;
  let caseId: string;

  const lastEventOf = async (userId: string, action: string): Promise<Event> => {
    const [event] = await asSuperuser<Event>(
      t.db,
      `SELECT action, outcome, status_code, actor_user_id, case_ids, detail FROM audit_event
       WHERE actor_user_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1`,
      [userId, action],
    );
    return event;
  };

  /** Signed in through the pages, reading English. */
  const signedIn = async (user: { username: string; password: string }, language = 'en'): Promise<WebClient> => {
    const web = new WebClient(t);
    await web.signIn(user);
    await web.get('/ui/account');
    await web.post('/ui/account/language', { language, back: '/ui/account' });
    return web;
  };

  beforeAll(async () => {
    t = await startTestApp();
    commission = await createUser(t, Role.Commission);
    auditor = await createUser(t, Role.Auditor);
    admin = await createUser(t, Role.Admin);
    caseworker = await createUser(t, Role.Caseworker, await createOrganisation(t));
    await seedCases(t.db, { organisationId: caseworker.organisationId, userId: caseworker.id }, CASES, {
      personErased: false,
    });
    const created = await callerWith(t, await login(t, caseworker)).cases.create({ person: VICTIM, gender: 'Feminine' });
    caseId = created.body.id;
  });
  afterAll(() => t.close());

  describe('who may open which page', () => {
    const PAGES: Array<[Role, string, string | null]> = [
      [Role.Commission, '/ui/statistics', 'statistics.release_read'],
      [Role.Auditor, '/ui/audit', 'audit.read'],
      [Role.Auditor, '/ui/audit/verify', 'audit.verified'],
      [Role.Auditor, '/ui/audit/heads', 'audit.heads_read'],
      [Role.Admin, '/ui/organisations', null],
      [Role.Admin, '/ui/users', null],
      [Role.Admin, '/ui/users/new', null],
      [Role.Admin, '/ui/keys', null],
      [Role.Admin, '/ui/statistics/publish', 'statistics.release_read'],
    ];

    it('shows each page to its role, audited as its API route is, and refuses every other oversight role with an audited 403', async () => {
      const users: Record<string, TestUser> = { commission, auditor, admin };
      const clients = new Map<string, WebClient>();
      for (const [role, user] of Object.entries(users)) clients.set(role, await signedIn(user));
      for (const [role, path, action] of PAGES) {
        const allowed = await (clients.get(role) as WebClient).get(path);
        expect({ path, status: allowed.status }).toEqual({ path, status: 200 });
        expect(allowed.text).toMatch(/<h1>[^<]+<\/h1>/);
        expect(Buffer.byteLength(allowed.text)).toBeLessThan(100_000);
        if (action) {
          expect(await lastEventOf(users[role].id, action)).toEqual(
            expect.objectContaining({ action, outcome: 'allowed', status_code: 200 }),
          );
        }
        for (const other of Object.keys(users).filter((r) => r !== role)) {
          const refused = await (clients.get(other) as WebClient).get(path);
          expect({ path, other, status: refused.status }).toEqual({ path, other, status: 403 });
          expect(refused.text).toContain('Not allowed');
          const denied = await lastEventOf(users[other].id, 'access.denied');
          expect(denied).toEqual(
            expect.objectContaining({ outcome: 'denied', status_code: 403, detail: expect.objectContaining({ reason: 'role' }) }),
          );
          if (action) expect(denied.detail).toEqual(expect.objectContaining({ attempted: action }));
        }
      }
    });

    it('shows no victim’s name on any oversight page', async () => {
      const views: Array<[TestUser, string]> = [
        [commission, '/ui/statistics'],
        [auditor, `/ui/audit?caseId=${caseId}`],
        [auditor, '/ui/audit'],
        [admin, '/ui/users'],
        [admin, '/ui/organisations'],
        [admin, '/ui/keys'],
      ];
      for (const [user, path] of views) {
        const page = await (await signedIn(user)).get(path);
        expect({ path, status: page.status }).toEqual({ path, status: 200 });
        expect(page.text).not.toContain(VICTIM.familyName);
        expect(page.text).not.toContain(VICTIM.givenName);
      }
    });
  });

  describe('the Commission', () => {
    let releaseId: string;

    beforeAll(async () => {
      // The administrator publishes the seeded year through the page, as the menu offers it.
      const web = await signedIn(admin);
      await web.get('/ui/statistics/publish');
      const published = await web.post('/ui/statistics/publish', { period: '2025' });
      expect(published.status).toBe(200);
      const list = await callerWith(t, await login(t, commission)).get('/statistics/releases');
      releaseId = list.body[0].id as string;
    });

    it('lists the releases and shows one as tables, withheld cells as the mark and never a number, as the API answers', async () => {
      const web = await signedIn(commission);
      const listed = await web.get('/ui/statistics');
      expect(listed.text).toContain(`href="/ui/statistics/releases/${releaseId}"`);
      const page = await web.get(`/ui/statistics/releases/${releaseId}`);
      expect(page.status).toBe(200);
      const api = await callerWith(t, await login(t, commission)).get(`/statistics/releases/${releaseId}`);
      const withheldInApi = (api.body.tables as Array<{ entries: Array<{ count: number | null }> }>)
        .flatMap((table) => table.entries)
        .filter((entry) => entry.count === null).length;
      const withheldTimeliness = Object.values(api.body.timeliness ?? {}).filter((v) => v === null).length;
      const withheldCells = [...page.text.matchAll(/<td class="number withheld">([^<]*)<\/td>/g)].map((m) => m[1]);
      expect(withheldCells.length).toBe(withheldInApi + withheldTimeliness);
      for (const cell of withheldCells) expect(cell).toBe('×');
      expect(page.text).toContain('× — withheld: fewer than 11 cases');
      expect(page.text).toContain('<caption>Victims identified in 2025, by Region of origin</caption>');
      expect(await lastEventOf(commission.id, 'statistics.release_read')).toEqual(
        expect.objectContaining({ outcome: 'allowed', status_code: 200 }),
      );
    });

    it('draws a bar chart for each table with a title and a description, withheld bars as no bar with the mark', async () => {
      const web = await signedIn(commission);
      const page = await web.get(`/ui/statistics/releases/${releaseId}`);
      const svg = /<svg class="chart"[^>]*>([\s\S]*?)<\/svg>/.exec(page.text)?.[0] as string;
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/<desc id="chart-[a-z-]+-desc">[^<]+<\/desc>/);
      expect(svg).not.toMatch(/style=/);
      for (const group of page.text.matchAll(/<g class="withheld">([\s\S]*?)<\/g>/g)) {
        expect(group[1]).not.toContain('<rect');
        expect(group[1]).toContain('class="withheld-mark"');
        expect(group[1]).toMatch(/>×<\/text>$/);
      }
    });

    it('downloads the release’s CTDC dataset as the API gives it', async () => {
      const web = await signedIn(commission);
      const download = await web.get(`/ui/statistics/releases/${releaseId}/ctdc.csv`);
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(download.headers['cache-control']).toBe('no-store');
      const api = await callerWith(t, await login(t, commission)).get(`/statistics/releases/${releaseId}/ctdc.csv`);
      expect(download.text).toBe(api.text);
    });
  });

  describe('the auditor', () => {
    it('narrows the search to one case, as GET /audit does, and pages with ids and codes only', async () => {
      const web = await signedIn(auditor);
      const page = await web.get(`/ui/audit?caseId=${caseId}`);
      expect(page.status).toBe(200);
      const rows = [...page.text.matchAll(/<tr><th scope="row">(\d+)<\/th>([\s\S]*?)<\/tr>/g)];
      const api = await callerWith(t, await login(t, auditor)).get(`/audit?caseId=${caseId}&limit=50`);
      expect(rows.map((r) => Number(r[1]))).toEqual(api.body.events.map((e: { seq: number }) => e.seq));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row[2]).toContain(caseId);
      expect(page.text).toContain('Case opened for a person');
      const event = await lastEventOf(auditor.id, 'audit.read');
      expect(event).toEqual(expect.objectContaining({ outcome: 'allowed', detail: expect.objectContaining({ filters: expect.arrayContaining(['caseId']) }) }));
      const none = await web.get(`/ui/audit?caseId=${caseId}&action=statistics.queried&outcome=denied&from=2025-01-01&to=2025-01-31`);
      expect(none.status).toBe(200);
      expect(none.text).toContain('No event matches this search.');
    });

    it('refuses a malformed id beside its field, keeping what was typed', async () => {
      const web = await signedIn(auditor);
      const refused = await web.get('/ui/audit?caseId=not-an-id&from=2025-13-40');
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/<div class="field has-error"><label for="f-caseId">/);
      expect(refused.text).toContain('value="not-an-id"');
      expect(refused.text).toMatch(/<div class="field has-error"><label for="f-from">/);
    });

    it('verifies the log and says plainly up to which event it is intact; a broken log says where', async () => {
      await t.app.get(AuditSealer).seal();
      const web = await signedIn(auditor);
      const page = await web.get('/ui/audit/verify');
      expect(page.status).toBe(200);
      const api = await callerWith(t, await login(t, auditor)).get('/audit/verify');
      expect(api.body.intact).toBe(true);
      expect(page.text).toMatch(/The log is intact up to event \d+\./);
      expect(await lastEventOf(auditor.id, 'audit.verified')).toEqual(
        expect.objectContaining({ outcome: 'allowed', detail: expect.objectContaining({ intact: true }) }),
      );
      const broken = documentOf(
        VerifyPage({
          page: { language: 'en', csrf: 'x', path: '/ui/audit/verify' },
          result: { intact: false, verifiedUpTo: 41, firstBadSeq: 42, eventsChecked: 41, sealsChecked: 3, unsealed: 0 },
        }),
      );
      expect(broken).toContain('The log is NOT intact: it is broken at event 42.');
    });

    it('lists the signed heads and downloads them as the lines audit:verify --heads reads', async () => {
      await t.app.get(AuditSealer).seal();
      const web = await signedIn(auditor);
      const page = await web.get('/ui/audit/heads');
      expect(page.status).toBe(200);
      expect(page.text).toContain('href="/ui/audit/heads/export"');
      const download = await web.get('/ui/audit/heads/export');
      expect(download.status).toBe(200);
      expect(download.headers['content-disposition']).toBe('attachment; filename="panoh-audit-heads.jsonl"');
      const lines = download.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.length).toBeGreaterThan(0);
      expect(Object.keys(lines[0]).sort()).toEqual(['eventCount', 'headHash', 'publicKey', 'sealedAt', 'signature', 'upToSeq']);
      expect(page.text).toContain(String(lines[0].headHash));
      expect(await lastEventOf(auditor.id, 'audit.heads_read')).toEqual(expect.objectContaining({ outcome: 'allowed' }));
    });
  });

  describe('the administrator', () => {
    it('registers an organisation, and refuses a form without a name beside the field in the person’s language', async () => {
      const web = await signedIn(admin, 'ru');
      await web.get('/ui/organisations');
      const refused = await web.post('/ui/organisations', { name: '', type: 'Shelter', region: 'TJ-SU' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Заполните это поле.');
      expect(refused.text).toMatch(/<option value="Shelter" selected>Приют<\/option>/);
      const done = await web.post('/ui/organisations', { name: 'Shelter of Isfara', type: 'Shelter', region: 'TJ-SU' });
      expect(done.status).toBe(303);
      const list = await web.follow();
      expect(list.text).toContain('Shelter of Isfara');
      expect(list.text).toContain('Согдийская область');
      expect(list.text).toContain('Обслуживающая организация (ведёт дела)');
      expect(await lastEventOf(admin.id, 'organisation.created')).toEqual(expect.objectContaining({ outcome: 'allowed' }));
    });

    it('creates a user and shows the generated password once, then never again', async () => {
      const web = await signedIn(admin);
      const organisationId = await createOrganisation(t);
      await web.get('/ui/users/new');
      const created = await web.post('/ui/users/new', { username: 'walk.caseworker', organisationId, role: 'caseworker' });
      expect(created.status).toBe(200);
      const password = /<code class="secret">([^<]+)<\/code>/.exec(created.text)?.[1] as string;
      expect(password).toHaveLength(24);
      const event = await lastEventOf(admin.id, 'user.created');
      expect(JSON.stringify(event)).not.toContain(password);
      const userId = event.detail?.targetUserId as string;
      for (const path of ['/ui/users', `/ui/users/${userId}`]) {
        const page = await web.get(path);
        expect(page.status).toBe(200);
        expect(page.text).toContain('walk.caseworker');
        expect(page.text).not.toContain(password);
      }
      await new WebClient(t).signIn({ username: 'walk.caseworker', password });
      const taken = await web.post('/ui/users/new', { username: 'walk.caseworker', organisationId, role: 'caseworker' });
      expect(taken.status).toBe(409);
      expect(taken.text).toContain('This username is taken.');
      expect(taken.text).toContain('value="walk.caseworker"');
      const misfit = await web.post('/ui/users/new', { username: 'walk.misfit', organisationId, role: 'auditor' });
      expect(misfit.status).toBe(400);
      expect(misfit.text).toContain('This role does not fit the organisation’s kind.');
    });

    it('offers only the roles that fit the organisation’s kind, and asks for confirmation before a grave action', async () => {
      const target = await createUser(t, Role.Caseworker, await createOrganisation(t));
      const web = await signedIn(admin);
      const page = await web.get(`/ui/users/${target.id}`);
      const roleSelect = /<select id="f-role" name="role"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)?.[1] as string;
      expect([...roleSelect.matchAll(/value="([a-z_]+)"/g)].map((m) => m[1])).toEqual(['caseworker', 'org_manager', 'investigator']);
      expect(page.text).toContain(`action="/ui/users/${target.id}/disable" data-confirm="`);
      const unconfirmed = await web.post(`/ui/users/${target.id}/disable`, {});
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.text).toContain('Tick the box to confirm.');
      expect(await lastEventOf(admin.id, 'user.disabled')).toEqual(expect.objectContaining({ outcome: 'failed', status_code: 400 }));
      const disabled = await web.post(`/ui/users/${target.id}/disable`, { confirm: 'yes' });
      expect(disabled.status).toBe(303);
      expect((await web.follow()).text).toContain('The account has been disabled; its sessions have ended.');
      expect((await web.post(`/ui/users/${target.id}/enable`, {})).status).toBe(303);
      expect((await web.post(`/ui/users/${target.id}/role`, { role: 'org_manager', confirm: 'yes' })).status).toBe(303);
      expect((await web.follow()).text).toContain('Manager');
      const self = await web.post(`/ui/users/${admin.id}/disable`, { confirm: 'yes' });
      expect(self.status).toBe(409);
      expect(self.text).toContain('You cannot do this to your own account.');
    });

    it('resets a password: shown once, and until the person changes it the API and the pages allow nothing else', async () => {
      const other = await createUser(t, Role.Admin);
      const web = await signedIn(admin);
      await web.get(`/ui/users/${other.id}`);
      const reset = await web.post(`/ui/users/${other.id}/password/reset`, { confirm: 'yes' });
      expect(reset.status).toBe(200);
      const password = /<code class="secret">([^<]+)<\/code>/.exec(reset.text)?.[1] as string;
      expect(password).toHaveLength(24);
      expect(await lastEventOf(admin.id, 'user.password_reset')).toEqual(
        expect.objectContaining({ outcome: 'allowed', detail: expect.objectContaining({ targetUserId: other.id }) }),
      );
      expect((await web.get(`/ui/users/${other.id}`)).text).toContain('Must change the password');
      // The old password no longer opens the account.
      expect((await t.http().post('/auth/login').send({ username: other.username, password: STRONG_PASSWORD })).status).toBe(401);

      // The API: 403 with a clear code on everything but who-am-I, signing out and the password change.
      const token = await login(t, { username: other.username, password });
      const api = callerWith(t, token);
      const refused = await api.get('/users');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('password_change_required');
      const me = await api.get('/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.passwordChangeRequired).toBe(true);
      const denied = await asSuperuser<Event>(
        t.db,
        `SELECT action, outcome, status_code, actor_user_id, case_ids, detail FROM audit_event
         WHERE actor_user_id = $1 AND action = 'access.denied' ORDER BY seq DESC LIMIT 1`,
        [other.id],
      );
      expect(denied[0].detail).toEqual(expect.objectContaining({ reason: 'password_change_required' }));

      // The pages: sign-in lands on the password form, every other page sends the person back to it.
      const person = new WebClient(t);
      expect((await person.signIn({ username: other.username, password })).headers.location).toBe('/ui/account');
      const account = await person.get('/ui/account');
      expect(account.status).toBe(200);
      expect(account.text).toContain('class="notice warn"');
      const sent = await person.get('/ui/users');
      expect([sent.status, sent.headers.location]).toEqual([303, '/ui/account']);
      expect((await person.get('/ui')).headers.location).toBe('/ui/account');
      await person.get('/ui/account');
      const changed = await person.post('/ui/account/password', { currentPassword: password, newPassword: 'a new lamp over the Zarafshan' });
      expect(changed.status).toBe(303);
      expect((await person.get('/ui/users')).status).toBe(200);
      // Changing the password ended the other session; a new one may do everything again.
      expect((await api.get('/users')).status).toBe(401);
      const renewed = callerWith(t, await login(t, { username: other.username, password: 'a new lamp over the Zarafshan' }));
      expect((await renewed.get('/users')).status).toBe(200);
    });

    it('resets a second factor: TOTP goes, and the next sign-in must change the password first', async () => {
      const other = await createUser(t, Role.Auditor);
      const token = await login(t, other);
      const enrolment = await t.http().post('/auth/totp/enrol').set('Authorization', `Bearer ${token}`);
      const secret = base32Decode(enrolment.body.secret as string);
      const confirmed = await t
        .http()
        .post('/auth/totp/confirm')
        .set('Authorization', `Bearer ${token}`)
        .send({ code: totpCode(secret, totpStep(Date.now())) });
      expect(confirmed.status).toBe(204);
      const web = await signedIn(admin);
      await web.get(`/ui/users/${other.id}`);
      const reset = await web.post(`/ui/users/${other.id}/second-factor/reset`, { confirm: 'yes' });
      expect(reset.status).toBe(303);
      const page = await web.follow();
      expect(page.text).toContain('The second factor has been reset.');
      expect(page.text).toContain('Not set up');
      expect(await lastEventOf(admin.id, 'user.second_factor_reset')).toEqual(
        expect.objectContaining({ outcome: 'allowed', detail: expect.objectContaining({ totp: true, targetUserId: other.id }) }),
      );
      // The session opened before the reset has ended; the password alone signs in, to change it.
      expect((await callerWith(t, token).get('/auth/me')).status).toBe(401);
      const again = callerWith(t, await login(t, other));
      expect((await again.get('/audit')).body.code).toBe('password_change_required');
    });
  });
});
