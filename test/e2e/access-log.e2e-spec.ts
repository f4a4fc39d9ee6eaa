import { Role } from '../../src/core/access/role';
import { totpCode } from '../../src/core/auth/totp';
import { signInCast } from '../support/api';
import { NEW_CASE } from '../support/case-fixtures';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';
import { enrolTotp } from '../support/totp';

describe("who has opened this person's file", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("shows the owning organisation's manager every access, including another organisation's refused attempt", async () => {
    const manager = await createUser(t, Role.OrgManager);
    const caseworker = await createUser(t, Role.Caseworker, manager.organisationId);
    const outsider = await createUser(t, Role.Caseworker);
    const [managerToken, caseworkerToken, outsiderToken] = await Promise.all([
      login(t, manager),
      login(t, caseworker),
      login(t, outsider),
    ]);

    const created = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${caseworkerToken}`)
      .send({ familyName: 'Логова', givenName: 'Мадина' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await t.http().get(`/persons/${id}`).set('Authorization', `Bearer ${caseworkerToken}`)).status).toBe(200);
    expect((await t.http().get(`/persons/${id}`).set('Authorization', `Bearer ${outsiderToken}`)).status).toBe(404);

    const log = await t.http().get(`/persons/${id}/access-log`).set('Authorization', `Bearer ${managerToken}`);
    expect(log.status).toBe(200);
    const seen = log.body.events.map(
      (e: { action: string; outcome: string; actorUserId: string | null; actorOrganisationId: string }) => [
        e.action,
        e.outcome,
        e.actorUserId,
        e.actorOrganisationId,
      ],
    );
    // Newest first; another organisation's staff by organisation and role, not by name.
    expect(seen).toEqual([
      ['person.viewed', 'denied', null, outsider.organisationId],
      ['person.viewed', 'allowed', caseworker.id, manager.organisationId],
      ['person.created', 'allowed', caseworker.id, manager.organisationId],
    ]);
    const private_ = ['clientAddress', 'detail', 'personIds', 'requestId'];
    expect(log.body.events.every((e: Record<string, unknown>) => private_.every((key) => !(key in e)))).toBe(true);
    const viewed = log.body.events[1];
    expect(viewed.view).toBe('full');
    expect(viewed.fields).toEqual(expect.arrayContaining(['familyName', 'givenName']));
    expect(JSON.stringify(log.body)).not.toMatch(/Логова|Мадина/);
  });

  it("names the organisation's own staff, and another organisation by its name and the actor's role only", async () => {
    const shelter = await createOrganisation(t, `Shelter Khujand ${Date.now()}`);
    const partnerName = `Partner Dushanbe ${Date.now()}`;
    const partner = await createOrganisation(t, partnerName);
    const api = await signInCast(t, {
      manager: [Role.OrgManager, shelter],
      caseworker: [Role.Caseworker, shelter],
      partner: [Role.Caseworker, partner],
    });
    const caseId = await api.sharedCase('caseworker', NEW_CASE, { referral: [partner] });
    expect((await api.as('partner').cases.get(caseId)).status).toBe(200);

    const log = await api.as('manager').cases.accessLog(caseId);
    expect(log.status).toBe(200);
    const seen = log.body.events.map((e) => ({
      action: e.action,
      who: e.actorUsername,
      userId: e.actorUserId,
      organisation: e.actorOrganisationName,
      role: e.actorRole,
    }));
    expect(seen[0]).toEqual({ action: 'case.viewed', who: null, userId: null, organisation: partnerName, role: 'caseworker' });
    expect(seen).toContainEqual({
      action: 'case.created',
      who: api.user('caseworker').username,
      userId: api.user('caseworker').id,
      organisation: null,
      role: 'caseworker',
    });
    // Another organisation's staff are never named, not even by username.
    expect(JSON.stringify(log.body)).not.toContain(api.user('partner').username);
  });

  it("gives the case's own view the end of its reflection period, and no other view", async () => {
    const shelter = await createOrganisation(t);
    const partner = await createOrganisation(t);
    const api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      partner: [Role.Caseworker, partner],
    });
    const caseId = await api.sharedCase('caseworker', NEW_CASE, { referral: [partner] });
    const before = await api.as('caseworker').cases.get(caseId);
    expect(before.body.reflectionEndsOn).toBeNull();
    const moved = await api
      .as('caseworker')
      .cases.changeStage(caseId, { to: 'reflection', version: before.body.version as number, reason: 'In the shelter' });
    expect(moved.status).toBe(200);
    const at = await api.as('caseworker').cases.get(caseId);
    const expected = new Date(Date.parse(at.body.stageChangedAt as string) + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(at.body.reflectionEndsOn).toBe(expected);
    const referral = await api.as('partner').cases.get(caseId);
    expect(referral.body.view).toBe('referral');
    expect('reflectionEndsOn' in referral.body).toBe(false);
  });

  it('pages from the newest event backwards', async () => {
    const manager = await createUser(t, Role.OrgManager);
    const token = await login(t, manager);
    const created = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${token}`)
      .send({ familyName: 'Paged', givenName: 'Person' });
    for (let i = 0; i < 4; i++)
      await t.http().get(`/persons/${created.body.id}`).set('Authorization', `Bearer ${token}`);
    const first = await t
      .http()
      .get(`/persons/${created.body.id}/access-log`)
      .query({ limit: 3 })
      .set('Authorization', `Bearer ${token}`);
    expect(first.body.events).toHaveLength(3);
    const second = await t
      .http()
      .get(`/persons/${created.body.id}/access-log`)
      .query({ limit: 3, beforeSeq: first.body.nextBeforeSeq })
      .set('Authorization', `Bearer ${token}`);
    expect(second.body.events.map((e: { action: string }) => e.action)).toEqual(['person.viewed', 'person.created']);
    expect(second.body.nextBeforeSeq).toBeUndefined();
  });

  it("answers another organisation's manager 404 and a caseworker 403", async () => {
    const caseworker = await createUser(t, Role.Caseworker);
    const token = await login(t, caseworker);
    const created = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${token}`)
      .send({ familyName: 'Other', givenName: 'Person' });
    const otherManager = await login(t, await createUser(t, Role.OrgManager));
    expect(
      (await t.http().get(`/persons/${created.body.id}/access-log`).set('Authorization', `Bearer ${otherManager}`))
        .status,
    ).toBe(404);
    expect(
      (await t.http().get(`/persons/${created.body.id}/access-log`).set('Authorization', `Bearer ${token}`)).status,
    ).toBe(403);
  });
});

describe('with a second factor required', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_REQUIRE_MFA: 'true' });
  });
  afterAll(() => t.close());

  it('holds a caseworker without TOTP back from victim data, but not from enrolling', async () => {
    const token = await login(t, await createUser(t, Role.Caseworker));
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${token}`);
    expect(me.body).toMatchObject({ mfaRequired: true, mfaEnrolled: false });
    const refused = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${token}`)
      .send({ familyName: 'A', givenName: 'B' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/second factor/);
  });

  it('lets the same caseworker in once TOTP is enrolled and the login used a code', async () => {
    const user = await createUser(t, Role.Caseworker);
    const { secret, confirmedStep } = await enrolTotp(t, await login(t, user));
    const token = await login(t, user, totpCode(secret, confirmedStep + 1));
    const created = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${token}`)
      .send({ familyName: 'A', givenName: 'B' });
    expect(created.status).toBe(201);
  });

  it('does not let a session that enrolled TOTP itself in, only a new login with a code', async () => {
    const user = await createUser(t, Role.Caseworker);
    const passwordOnly = await login(t, user);
    const { secret, confirmedStep } = await enrolTotp(t, passwordOnly);
    const refused = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${passwordOnly}`)
      .send({ familyName: 'A', givenName: 'B' });
    expect(refused.status).toBe(403);
    const withCode = await login(t, user, totpCode(secret, confirmedStep + 1));
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${withCode}`)).body.secondFactor).toBe(true);
  });

  it('asks the administrator for a second factor to manage users, not to list them', async () => {
    const admin = await createUser(t, Role.Admin);
    const token = await login(t, admin);
    expect((await t.http().get('/users').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const refused = await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ username: 'mfa.admin.test', organisationId: admin.organisationId, role: 'caseworker' });
    expect(refused.status).toBe(403);
  });
});

describe("who has opened this case's file", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("shows the owning organisation's manager every access to the case, and answers others 404", async () => {
    const manager = await createUser(t, Role.OrgManager);
    const caseworker = await createUser(t, Role.Caseworker, manager.organisationId);
    const [managerToken, caseworkerToken] = await Promise.all([login(t, manager), login(t, caseworker)]);
    const created = await t
      .http()
      .post('/cases')
      .set('Authorization', `Bearer ${caseworkerToken}`)
      .send({ person: { familyName: 'Логова', givenName: 'Мадина' } });
    expect(created.status).toBe(201);
    expect(
      (await t.http().get(`/cases/${created.body.id}`).set('Authorization', `Bearer ${caseworkerToken}`)).status,
    ).toBe(200);

    const log = await t
      .http()
      .get(`/cases/${created.body.id}/access-log`)
      .set('Authorization', `Bearer ${managerToken}`);
    expect(log.status).toBe(200);
    expect(log.body.events.map((e: { action: string }) => e.action)).toEqual(['case.viewed', 'case.created']);
    expect(JSON.stringify(log.body)).not.toMatch(/Логова|Мадина/);

    const otherManager = await login(t, await createUser(t, Role.OrgManager));
    expect(
      (await t.http().get(`/cases/${created.body.id}/access-log`).set('Authorization', `Bearer ${otherManager}`))
        .status,
    ).toBe(404);
  });
});
