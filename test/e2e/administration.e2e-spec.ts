import { Role } from '../../src/core/access/role';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';

describe('organisations and users, managed by the administrator', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t, await createUser(t, Role.Admin));
  });
  afterAll(() => t.close());

  it('creates and lists organisations with an HTCDS type and an ISO 3166-2:TJ region', async () => {
    const created = await t
      .http()
      .post('/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Shelter Kulob', type: 'Shelter', region: 'TJ-KT' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Shelter Kulob', type: 'Shelter', region: 'TJ-KT' });
    const duplicate = await t
      .http()
      .post('/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'shelter kulob', type: 'NGO', region: 'TJ-KT' });
    expect(duplicate.status).toBe(409);
    const badRegion = await t
      .http()
      .post('/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'X', type: 'NGO', region: 'TJ-XX' });
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.details.map((d: { field: string }) => d.field)).toEqual(['region']);
    const list = await t.http().get('/organisations').set('Authorization', `Bearer ${admin}`);
    expect(list.body.map((o: { name: string }) => o.name)).toContain('Shelter Kulob');
  });

  it('creates a user with a generated password shown once, and the user can log in with it', async () => {
    const organisationId = await createOrganisation(t);
    const created = await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'New.Caseworker', organisationId, role: 'caseworker' });
    expect(created.status).toBe(201);
    expect(created.body.username).toBe('new.caseworker');
    expect(created.body.generatedPassword).toHaveLength(24);
    expect(created.body).not.toHaveProperty('passwordHash');
    await login(t, { username: 'new.caseworker', password: created.body.generatedPassword });
    const listed = await t.http().get('/users').query({ organisationId }).set('Authorization', `Bearer ${admin}`);
    expect(listed.body).toEqual([expect.not.objectContaining({ generatedPassword: expect.anything() })]);
  });

  it('refuses a common password, a taken username and an unknown organisation, naming the field', async () => {
    const organisationId = await createOrganisation(t);
    const weak = await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'weak.user', organisationId, role: 'caseworker', password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.details[0].field).toBe('password');
    const existing = await createUser(t, Role.Caseworker, organisationId);
    const taken = await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: existing.username, organisationId, role: 'caseworker' });
    expect(taken.status).toBe(409);
    const noOrg = await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'orphan.user', organisationId: '6f1c2b9e-4b7a-4c1e-9d3f-2a5b8c7d6e5f', role: 'caseworker' });
    expect(noOrg.status).toBe(404);
    expect(noOrg.body.details[0].field).toBe('organisationId');
  });

  it('refuses these routes to every other role with 403', async () => {
    for (const role of [Role.Caseworker, Role.OrgManager, Role.Investigator, Role.Commission, Role.Auditor]) {
      const token = await login(t, await createUser(t, role));
      expect((await t.http().get('/users').set('Authorization', `Bearer ${token}`)).status).toBe(403);
      expect(
        (
          await t
            .http()
            .post('/organisations')
            .set('Authorization', `Bearer ${token}`)
            .send({ name: 'N', type: 'NGO', region: 'TJ-DU' })
        ).status,
      ).toBe(403);
    }
  });

  it('does not let an administrator disable itself', async () => {
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${admin}`);
    const response = await t.http().post(`/users/${me.body.id}/disable`).set('Authorization', `Bearer ${admin}`);
    expect(response.status).toBe(409);
  });
});
