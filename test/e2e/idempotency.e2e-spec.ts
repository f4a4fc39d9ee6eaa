import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { Role } from '../../src/core/access/role';
import { Api, inDays, signInCast } from '../support/api';
import { NEW_CASE, PERSON } from '../support/case-fixtures';
import { chooseDumpMethod, describeDump, dumpDatabase } from '../support/database-dump';
import { pdfFixture } from '../support/file-fixtures';
import { fieldsNamed } from '../support/response-shape';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

const DUMP = chooseDumpMethod();
const HEADER = 'Idempotency-Key';
const DUE_FIRST = inDays(3);
const DUE_OTHER = inDays(4);

describe('Idempotency-Key: no second record from a retry', () => {
  let t: TestApp;
  let api: Api;
  let shelter: string;
  let ngo: string;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [shelter, ngo] = await Promise.all([createOrganisation(t), createOrganisation(t)]);
    api = await signInCast(t, { worker: [Role.Caseworker, shelter], colleague: [Role.Caseworker, shelter] });
    caseId = (await api.as('worker').openCase({ person: { familyName: 'Назарова', givenName: 'Мадина' } })).id;
  });
  afterAll(() => t.close());

  /** Each create as a function of who calls and the body's one varying value, with what it creates. */
  /** The request, with the key when there is one. */
  const keyed = (key: string | undefined, request: Test): Test =>
    key === undefined ? request : request.set(HEADER, key);
  const CREATES: Record<
    string,
    { send: (by: string, variant: string, key?: string) => Promise<Response>; count: () => Promise<number> }
  > = {
    'POST /cases': {
      send: async (by, v, key) =>
        keyed(
          key,
          api
            .as(by)
            .post('/cases')
            .send({ ...NEW_CASE, person: { ...PERSON, givenName: v } }),
        ),
      count: () => countOf(`SELECT count(*) AS n FROM victim_case`),
    },
    'POST /persons': {
      send: async (by, v, key) =>
        keyed(key, api.as(by).post('/persons').send({ familyName: 'Каримова', givenName: v })),
      count: () => countOf(`SELECT count(*) AS n FROM person`),
    },
    'POST /cases/:id/referrals': {
      send: async (by, v, key) =>
        keyed(
          key,
          api
            .as(by)
            .post(`/cases/${caseId}/referrals`)
            .send({
              ...(await recipientFor(`${by}|${v}`)),
              purpose: 'shelter',
              dueAt: v === 'first' ? DUE_FIRST : DUE_OTHER,
            }),
        ),
      count: () => countOf(`SELECT count(*) AS n FROM referral`),
    },
    'POST /cases/:id/notes': {
      send: async (by, v, key) =>
        keyed(
          key,
          api.as(by).post(`/cases/${caseId}/notes`).send({ kind: 'visit', occurredOn: '2026-03-03', text: v }),
        ),
      count: () => countOf(`SELECT count(*) AS n FROM case_note`),
    },
    'POST /cases/:id/attachments': {
      send: async (by, v, key) =>
        keyed(
          key,
          api
            .as(by)
            .post(`/cases/${caseId}/attachments`)
            .field('kind', 'other')
            .attach('file', pdfFixture(v, 2000), 'a.pdf'),
        ),
      count: () => countOf(`SELECT count(*) AS n FROM attachment`),
    },
  };
  /** One receiving organisation per caller and body: a case has one pending referral to each at a time. */
  const recipients = new Map<string, { toOrganisationId: string; consentId: string }>();
  const recipientFor = async (name: string) => {
    let recipient = recipients.get(name);
    if (!recipient) {
      const toOrganisationId = name.endsWith('|second') ? ngo : await createOrganisation(t);
      const consentId = await api.as('worker').consentToReferral(caseId, toOrganisationId, ['shelter']);
      recipient = { toOrganisationId, consentId };
      recipients.set(name, recipient);
    }
    return recipient;
  };
  const countOf = async (sql: string) => Number((await asSuperuser<{ n: string }>(t.db, sql))[0].n);

  describe.each(Object.keys(CREATES))('%s', (route) => {
    const { send, count } = CREATES[route];

    it('answers a retry with the same key with the first record, not a second; another body with the key is 422', async () => {
      const key = randomUUID();
      const before = await count();
      const first = await send('worker', 'first', key);
      expect(first.status).toBe(201);
      const again = await send('worker', 'first', key);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect(await count()).toBe(before + 1);

      const other = await send('worker', 'second', key);
      expect(other.status).toBe(422);
      expect(fieldsNamed(other.body)).toEqual([HEADER]);
      expect(other.body.code).toBe('idempotency_key_reused');
      // Another user's key is its own; without a key every request creates.
      expect((await send('colleague', 'first', key)).body.id).not.toBe(first.body.id);
      expect((await send('worker', 'third')).status).toBe(201);
      expect(await count()).toBe(before + 3);
    });
  });

  it('creates one record from two concurrent requests with the same key, and both get it', async () => {
    for (const route of ['POST /cases', 'POST /cases/:id/notes']) {
      const key = randomUUID();
      const before = await CREATES[route].count();
      const [a, b] = await Promise.all([0, 1].map(async () => CREATES[route].send('worker', 'same', key)));
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).toBe(b.body.id);
      expect(await CREATES[route].count()).toBe(before + 1);
    }
  });

  it('refuses a malformed key naming the header, and counts a key for 24 hours only', async () => {
    for (const bad of ['', 'x'.repeat(256), 'a b', 'a\tb']) {
      const refused = await CREATES['POST /cases/:id/notes'].send('worker', 'x', bad);
      expect(refused.status).toBe(400);
      expect(fieldsNamed(refused.body)).toEqual([HEADER]);
    }
    const key = randomUUID();
    const first = await CREATES['POST /cases/:id/notes'].send('worker', 'old', key);
    await asSuperuser(t.db, `UPDATE idempotency_key SET created_at = now() - interval '25 hours'`);
    const later = await CREATES['POST /cases/:id/notes'].send('worker', 'old', key);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
  });

  it(`keeps no answer in clear, only ids and hashes: ${describeDump(DUMP)}`, async () => {
    const key = randomUUID();
    await CREATES['POST /persons'].send('worker', 'Гулнора-Идемпотент', key);
    const rows = await asSuperuser<Record<string, unknown>>(t.db, 'SELECT * FROM idempotency_key');
    expect(Object.keys(rows[0]).sort()).toEqual(
      ['created_at', 'key_hash', 'location', 'request_hash', 'resource_id', 'route', 'status', 'user_id'].sort(),
    );
    const dump = await dumpDatabase(DUMP, t.db.superuserUrl);
    expect(dump).toContain('idempotency_key');
    expect(dump).not.toContain('Гулнора-Идемпотент');
    expect(dump).not.toContain(key);
  });

  it('creates one note and one case from a form sent twice, each form with the key it was shown with', async () => {
    const web = new WebClient(t);
    await web.signIn(api.user('worker'));
    const keyOf = (html: string) => /name="_idempotency" value="([0-9a-f-]{36})"/.exec(html)?.[1] as string;

    const page = await web.get(`/ui/cases/${caseId}/notes`);
    const key = keyOf(page.text);
    expect(key).toBeDefined();
    const before = await CREATES['POST /cases/:id/notes'].count();
    const fields = { kind: 'contact', occurredOn: '2026-03-03', text: 'twice', _idempotency: key };
    const first = await web.post(`/ui/cases/${caseId}/notes`, fields);
    const second = await web.post(`/ui/cases/${caseId}/notes`, fields);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await CREATES['POST /cases/:id/notes'].count()).toBe(before + 1);
    // A new showing of the form is a new key.
    expect(keyOf((await web.get(`/ui/cases/${caseId}/notes`)).text)).not.toBe(key);

    const form = await web.get('/ui/cases/new');
    const caseKey = keyOf(form.text);
    const cases = await CREATES['POST /cases'].count();
    const register = { familyName: 'Саидова', givenName: 'Нилуфар', _idempotency: caseKey };
    const one = await web.post('/ui/cases/new', register);
    const two = await web.post('/ui/cases/new', register);
    expect(one.status).toBe(303);
    expect(two.headers.location).toBe(one.headers.location);
    expect(await CREATES['POST /cases'].count()).toBe(cases + 1);
  });
});
