import fc from 'fast-check';
import { Role } from '../../src/core/access/role';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';

type Problem = { field: string; problem: string };

function fields(body: { details?: Problem[] }): string[] {
  return (body.details ?? []).map((d) => d.field);
}

describe('bad input', () => {
  let t: TestApp;
  let admin: string;
  let organisationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t, await createUser(t, Role.Admin));
    organisationId = await createOrganisation(t);
  });
  afterAll(() => t.close());

  it('names each missing field', async () => {
    const response = await t.http().post('/auth/login').send({});
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(new Set(fields(response.body))).toEqual(new Set(['username', 'password']));
  });

  it('names an unknown field', async () => {
    const response = await t.http().post('/auth/login').send({ username: 'a.user', password: 'x', isAdmin: true });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['isAdmin']);
  });

  it('names a field of the wrong type', async () => {
    const response = await t
      .http()
      .post('/auth/login')
      .send({ username: 42, password: ['x'] });
    expect(response.status).toBe(400);
    expect(new Set(fields(response.body))).toEqual(new Set(['username', 'password']));
  });

  it('names a 1 MB string without echoing it, where the route reads that much', async () => {
    const huge = 'Z'.repeat(1024 * 1024);
    const caseworker = await login(t, await createUser(t, Role.Caseworker));
    const response = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${caseworker}`)
      .send({ familyName: huge, givenName: 'Zarina' });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['familyName']);
    expect(JSON.stringify(response.body).length).toBeLessThan(2000);
    // The user routes take a few short fields and read 4 KB at most.
    const user = await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: huge, organisationId, role: 'caseworker' });
    expect(user.status).toBe(413);
    expect(JSON.stringify(user.body).length).toBeLessThan(2000);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await t
      .http()
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":"${'a'.repeat(3 * 1024 * 1024)}"}`);
    expect(response.status).toBe(413);
  });

  it('names a malformed id in the path', async () => {
    const response = await t.http().post('/users/not-a-uuid/disable').set('Authorization', `Bearer ${admin}`);
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['id']);
  });

  it('names a malformed id in the body and a malformed query value', async () => {
    const body = await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'someone.new', organisationId: '123', role: 'caseworker' });
    expect(body.status).toBe(400);
    expect(fields(body.body)).toEqual(['organisationId']);
    const query = await t
      .http()
      .get('/users')
      .query({ includeDisabled: 'perhaps' })
      .set('Authorization', `Bearer ${admin}`);
    expect(query.status).toBe(400);
    expect(fields(query.body)).toEqual(['includeDisabled']);
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    const response = await t
      .http()
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "a", "password":');
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['body']);
  });

  it('answers a JSON array or scalar body with 400', async () => {
    for (const payload of ['[]', '"text"', '42', 'null']) {
      const response = await t.http().post('/auth/login').set('Content-Type', 'application/json').send(payload);
      expect(response.status).toBe(400);
    }
  });

  it('answers an unknown role with 400 naming the role', async () => {
    const response = await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: 'someone.else', organisationId, role: 'superuser' });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['role']);
  });

  // Arbitrary JSON values, with the DTO's own field names mixed in so that some inputs get deep into validation.
  const jsonValue = fc.jsonValue({ maxDepth: 2 });
  const loginLike = fc.record(
    {
      username: fc.oneof(fc.string({ maxLength: 80 }), jsonValue),
      password: fc.oneof(fc.string({ maxLength: 140 }), jsonValue),
      totpCode: fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string({ maxLength: 8 }), jsonValue),
      extra: jsonValue,
    },
    { requiredKeys: [] },
  );

  it('never answers the login route with a 500, and names a field whenever it answers 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(loginLike, jsonValue), async (payload) => {
        const response = await t
          .http()
          .post('/auth/login')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));
        expect([400, 401, 429]).toContain(response.status);
        if (response.status === 400) expect(fields(response.body).length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('never answers the user routes with a 500, and names a field whenever it answers 400', async () => {
    const userLike = fc.record(
      {
        username: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9.]{2,20}$/), fc.string({ maxLength: 80 }), jsonValue),
        organisationId: fc.oneof(fc.constant(organisationId), fc.uuid(), fc.string({ maxLength: 40 }), jsonValue),
        role: fc.oneof(fc.constantFrom('caseworker', 'admin', 'auditor', 'root'), jsonValue),
        password: fc.oneof(fc.string({ minLength: 0, maxLength: 140 }), jsonValue),
        extra: jsonValue,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(userLike, jsonValue), async (payload) => {
        const response = await t
          .http()
          .post('/users')
          .set('Authorization', `Bearer ${admin}`)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));
        expect([201, 400, 404, 409]).toContain(response.status);
        if (response.status === 400) expect(fields(response.body).length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.jsonValue({ maxDepth: 1 }), async (id, role) => {
        const response = await t
          .http()
          .patch(`/users/${encodeURIComponent(id)}/role`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ role });
        expect([200, 400, 404, 409]).toContain(response.status);
      }),
      { numRuns: 40 },
    );
  });
});
