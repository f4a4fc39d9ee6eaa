import { Role } from '../../src/core/access/role';
import { totpCode, totpStep } from '../../src/core/auth/totp';
import { callerWith } from '../support/api';
import { asSuperuser } from '../support/test-cluster';
import { base32Decode } from '../support/totp';
import { createOrganisation, createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';
import { WebClient } from '../support/web-client';

interface Event {
  action: string;
  outcome: string;
  status_code: number;
  actor_user_id: string;
  detail: Record<string, unknown> | null;
}

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe("accounts: a manager's resets of its own staff, and each person's own sessions", () => {
  let t: TestApp;
  let shelter: string;
  let manager: TestUser;
  let managerToken: string;

  const lastEventOf = async (userId: string, action: string): Promise<Event | undefined> => {
    const [event] = await asSuperuser<Event>(
      t.db,
      `SELECT action, outcome, status_code, actor_user_id, detail FROM audit_event
       WHERE actor_user_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1`,
      [userId, action],
    );
    return event;
  };

  beforeAll(async () => {
    t = await startTestApp();
    shelter = await createOrganisation(t);
    manager = await createUser(t, Role.OrgManager, shelter);
    managerToken = await login(t, manager);
  });
  afterAll(() => t.close());

  it("lists only the manager's own organisation's accounts", async () => {
    const own = await createUser(t, Role.Caseworker, shelter);
    const elsewhere = await createUser(t, Role.Caseworker);
    const listed = await callerWith(t, managerToken).get('/staff');
    expect(listed.status).toBe(200);
    const ids = (listed.body as Array<{ id: string; organisationId: string }>).map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([own.id, manager.id]));
    expect(ids).not.toContain(elsewhere.id);
    expect((listed.body as Array<{ organisationId: string }>).every((u) => u.organisationId === shelter)).toBe(true);
  });

  it("resets a caseworker's password: shown once, their sessions end, a change is forced, and it is audited", async () => {
    const caseworker = await createUser(t, Role.Caseworker, shelter);
    const before = await login(t, caseworker);
    const reset = await callerWith(t, managerToken).post(`/staff/${caseworker.id}/password/reset`);
    expect(reset.status).toBe(200);
    const password = reset.body.generatedPassword as string;
    expect(password).toHaveLength(24);
    expect(reset.body.passwordChangeRequired).toBe(true);
    // The session opened before the reset has ended; the old password no longer opens the account.
    expect((await callerWith(t, before).get('/auth/me')).status).toBe(401);
    expect((await t.http().post('/auth/login').send({ username: caseworker.username, password: caseworker.password })).status).toBe(401);
    const after = callerWith(t, await login(t, { username: caseworker.username, password }));
    const refused = await after.get('/cases');
    expect([refused.status, refused.body.code]).toEqual([403, 'password_change_required']);
    expect(await lastEventOf(manager.id, 'user.password_reset')).toEqual(
      expect.objectContaining({ outcome: 'allowed', status_code: 200, detail: expect.objectContaining({ targetUserId: caseworker.id }) }),
    );
    expect(JSON.stringify(await lastEventOf(manager.id, 'user.password_reset'))).not.toContain(password);
  });

  it('resets a second factor: TOTP goes, sessions end, the next sign-in must change the password, audited', async () => {
    const caseworker = await createUser(t, Role.Caseworker, shelter);
    const token = await login(t, caseworker);
    const enrolment = await callerWith(t, token).post('/auth/totp/enrol');
    const secret = base32Decode(enrolment.body.secret as string);
    expect((await callerWith(t, token).post('/auth/totp/confirm').send({ code: totpCode(secret, totpStep(Date.now())) })).status).toBe(204);
    const reset = await callerWith(t, managerToken).post(`/staff/${caseworker.id}/second-factor/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual(expect.objectContaining({ mfaEnrolled: false, passwordChangeRequired: true }));
    expect((await callerWith(t, token).get('/auth/me')).status).toBe(401);
    // The password alone signs in again (no code asked), to change the password first.
    const again = callerWith(t, await login(t, caseworker));
    expect((await again.get('/auth/me')).body).toEqual(expect.objectContaining({ mfaEnrolled: false, passwordChangeRequired: true }));
    expect((await again.get('/cases')).body.code).toBe('password_change_required');
    expect(await lastEventOf(manager.id, 'user.second_factor_reset')).toEqual(
      expect.objectContaining({ outcome: 'allowed', detail: expect.objectContaining({ totp: true, targetUserId: caseworker.id }) }),
    );
  });

  it("cannot reset another organisation's account (404, as one that does not exist), nor its own; a caseworker is refused", async () => {
    const elsewhere = await createUser(t, Role.Caseworker);
    const elsewhereToken = await login(t, elsewhere);
    const api = callerWith(t, managerToken);
    for (const path of [`/staff/${elsewhere.id}/password/reset`, `/staff/${elsewhere.id}/second-factor/reset`]) {
      const refused = await api.post(path);
      expect([path, refused.status]).toEqual([path, 404]);
    }
    expect((await api.get(`/staff/${elsewhere.id}`)).status).toBe(404);
    // Nothing changed there: its session still works, and no change is asked of it.
    expect((await callerWith(t, elsewhereToken).get('/auth/me')).body.passwordChangeRequired).toBe(false);
    expect(await lastEventOf(manager.id, 'user.second_factor_reset')).toEqual(
      expect.objectContaining({ outcome: 'denied', status_code: 404 }),
    );
    expect((await api.post(`/staff/${manager.id}/password/reset`)).status).toBe(409);
    const caseworker = callerWith(t, await login(t, await createUser(t, Role.Caseworker, shelter)));
    expect((await caseworker.get('/staff')).status).toBe(403);
    expect((await caseworker.post(`/staff/${manager.id}/password/reset`)).status).toBe(403);
  });

  it('shows a person their open sessions without tokens, and ends one or all the others, audited', async () => {
    const person = await createUser(t, Role.Caseworker, shelter);
    const here = await login(t, person);
    const firefox = await t.http().post('/auth/login').set('User-Agent', FIREFOX).send({ username: person.username, password: person.password });
    const third = await login(t, person);
    const api = callerWith(t, here);
    const listed = await api.get('/auth/sessions');
    expect(listed.status).toBe(200);
    const sessions = listed.body as Array<Record<string, unknown>>;
    expect(sessions).toHaveLength(3);
    expect(sessions.every((s) => Object.keys(s).sort().join() === 'createdAt,current,device,id,lastSeenAt,secondFactor')).toBe(true);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.map((s) => s.device)).toContain('Firefox on Windows');
    for (const token of [here, firefox.body.accessToken as string, third]) expect(JSON.stringify(listed.body)).not.toContain(token);

    // Ending the Firefox session ends it at once; another person's session id is not found.
    const firefoxSession = sessions.find((s) => s.device === 'Firefox on Windows') as { id: string };
    expect((await api.delete(`/auth/sessions/${firefoxSession.id}`)).status).toBe(204);
    expect((await callerWith(t, firefox.body.accessToken as string).get('/auth/me')).status).toBe(401);
    expect(await lastEventOf(person.id, 'account.session_ended')).toEqual(
      expect.objectContaining({ outcome: 'allowed', detail: expect.objectContaining({ sessionId: firefoxSession.id }) }),
    );
    const managerSessions = (await callerWith(t, managerToken).get('/auth/sessions')).body as Array<{ id: string }>;
    expect((await api.delete(`/auth/sessions/${managerSessions[0].id}`)).status).toBe(404);
    expect((await callerWith(t, managerToken).get('/auth/me')).status).toBe(200);

    const ended = await api.post('/auth/sessions/end-others');
    expect([ended.status, ended.body]).toEqual([200, { ended: 1 }]);
    expect((await callerWith(t, third).get('/auth/me')).status).toBe(401);
    expect((await api.get('/auth/sessions')).body).toHaveLength(1);
    expect(await lastEventOf(person.id, 'account.other_sessions_ended')).toEqual(
      expect.objectContaining({ outcome: 'allowed', detail: expect.objectContaining({ ended: 1 }) }),
    );
  });

  describe('the pages', () => {
    const signedIn = async (user: { username: string; password: string }): Promise<WebClient> => {
      const web = new WebClient(t);
      await web.signIn(user);
      await web.get('/ui/account');
      await web.post('/ui/account/language', { language: 'en', back: '/ui/account' });
      return web;
    };

    it("gives the manager its staff's accounts and their resets, and nothing of another organisation's", async () => {
      const caseworker = await createUser(t, Role.Caseworker, shelter);
      const elsewhere = await createUser(t, Role.Caseworker);
      const web = await signedIn(manager);
      const list = await web.get('/ui/staff');
      expect(list.status).toBe(200);
      expect(list.text).toContain(caseworker.username);
      expect(list.text).not.toContain(elsewhere.username);
      const page = await web.get(`/ui/staff/${caseworker.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`/ui/staff/${caseworker.id}/password/reset`);
      expect(page.text).not.toContain(`/ui/staff/${caseworker.id}/role`);
      expect((await web.post(`/ui/staff/${caseworker.id}/password/reset`, {})).status).toBe(400);
      const reset = await web.post(`/ui/staff/${caseworker.id}/password/reset`, { confirm: 'yes' });
      expect(reset.status).toBe(200);
      expect(/<code class="secret">([^<]+)<\/code>/.exec(reset.text)?.[1]).toHaveLength(24);
      await web.get(`/ui/staff/${caseworker.id}`);
      expect((await web.post(`/ui/staff/${caseworker.id}/second-factor/reset`, { confirm: 'yes' })).status).toBe(303);
      expect((await web.follow()).text).toContain('The second factor has been reset.');
      expect((await web.get(`/ui/staff/${elsewhere.id}`)).status).toBe(404);
      const refused = await web.post(`/ui/staff/${elsewhere.id}/password/reset`, { confirm: 'yes' });
      expect(refused.status).toBe(404);
      expect(refused.text).not.toContain(elsewhere.username);
    });

    it("lists the person's sessions on the account page, and ends the others from there", async () => {
      const person = await createUser(t, Role.Caseworker, shelter);
      const elsewhere = await login(t, person);
      const web = await signedIn(person);
      const account = await web.get('/ui/account');
      expect(account.text).toContain('Where you are signed in');
      expect(account.text).toContain('This session');
      expect(account.text).not.toContain(elsewhere);
      expect((await web.post('/ui/account/sessions/end-others', {})).status).toBe(303);
      expect((await web.follow()).text).toContain('Your other sessions have been ended.');
      expect((await callerWith(t, elsewhere).get('/auth/me')).status).toBe(401);
    });
  });
});
