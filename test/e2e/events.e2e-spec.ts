import { Role } from '../../src/core/access/role';
import { Api, signInCast } from '../support/api';
import { NEW_CASE } from '../support/case-fixtures';
import { fieldsNamed, keys } from '../support/response-shape';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';

const RECORD_FIELDS = [
  'id',
  'type',
  'occurredOn',
  'country',
  'city',
  'description',
  'version',
  'createdAt',
  'updatedAt',
].sort();
const CHANGE_FIELDS = [
  'id',
  'kind',
  'eventVersion',
  'type',
  'occurredOn',
  'country',
  'city',
  'description',
  'reason',
  'changedBy',
  'changedAt',
].sort();
const CITY = 'Екатеринбург-Марker-4471';
const REASON = 'Она вспомнила: это был Екатеринбург, не Москва — 8830';

describe('trafficking events after opening', () => {
  let t: TestApp;
  let api: Api;
  let shelter: string;
  let ngo: string;
  let police: string;

  beforeAll(async () => {
    t = await startTestApp();
    [shelter, ngo, police] = await Promise.all([1, 2, 3].map(() => createOrganisation(t)));
    const other = await createOrganisation(t);
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      ngo: [Role.Caseworker, ngo],
      investigator: [Role.Investigator, police],
      other: [Role.Caseworker, other],
    });
  });
  afterAll(() => t.close());

  const sharedCase = () => api.sharedCase('caseworker', NEW_CASE, { referral: [ngo], investigation: [police] });
  const add = (caseId: string, body: object, by = 'caseworker') =>
    api.as(by).post(`/cases/${caseId}/events`).send(body);

  it('records the events given at opening as added, and adds one learned later to every view', async () => {
    const caseId = await sharedCase();
    const listed = await api.as('caseworker').get(`/cases/${caseId}/events`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(2);
    expect(keys(listed.body[0])).toEqual(RECORD_FIELDS);
    const opening = await api.as('caseworker').get(`/cases/${caseId}/events/${listed.body[0].id}/history`);
    expect(opening.status).toBe(200);
    expect(opening.body.items.map((c: { kind: string }) => c.kind)).toEqual(['added']);
    expect(opening.body.items[0]).toMatchObject({ city: 'Khujand', eventVersion: 1, reason: null });
    expect(opening.body.items[0].description).toBe(NEW_CASE.events[0].description);

    const added = await add(caseId, { type: 'Transit', occurredOn: '2024-04', country: 'KAZ', city: 'Shymkent' });
    expect(added.status).toBe(201);
    expect(keys(added.body)).toEqual(RECORD_FIELDS);
    expect(added.body).toMatchObject({ type: 'Transit', city: 'Shymkent', version: 1 });

    const full = await api.as('caseworker').get(`/cases/${caseId}`);
    expect(full.body.events).toHaveLength(3);
    expect(full.body.events).toContainEqual(
      expect.objectContaining({ id: added.body.id, type: 'Transit', city: 'Shymkent' }),
    );
    // The description (a free text) is the owner's alone: in no other view, by name or by value.
    expect(full.body.events[0].description).toBe(NEW_CASE.events[0].description);
    const referral = await api.as('ngo').get(`/cases/${caseId}`);
    const transit = referral.body.events.find((e: { id: string }) => e.id === added.body.id);
    expect(transit).toEqual({ id: added.body.id, type: 'Transit', occurredOn: '2024-04', country: 'KAZ' });
    const investigation = await api.as('investigator').get(`/cases/${caseId}`);
    expect(investigation.body.events).toContainEqual(expect.objectContaining({ id: added.body.id, city: 'Shymkent' }));
    for (const view of [referral.body, investigation.body]) {
      for (const event of view.events) expect(Object.keys(event)).not.toContain('description');
      expect(JSON.stringify(view)).not.toContain('bazaar');
    }
  });

  it('corrects an event at its version, refuses a stale one, and keeps each version in the history', async () => {
    const caseId = await sharedCase();
    const [first] = (await api.as('caseworker').get(`/cases/${caseId}/events`)).body;
    const corrected = await api
      .as('caseworker')
      .patch(`/cases/${caseId}/events/${first.id}`)
      .send({ version: first.version, city: CITY, occurredOn: '2024-02-11', reason: REASON });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ city: CITY, occurredOn: '2024-02-11', version: 2, country: 'TJK' });

    const stale = await api
      .as('manager')
      .patch(`/cases/${caseId}/events/${first.id}`)
      .send({ version: first.version, country: 'RUS' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('event_version_conflict');
    expect(fieldsNamed(stale.body)).toEqual(['version']);

    const history = await api.as('manager').get(`/cases/${caseId}/events/${first.id}/history`);
    expect(history.status).toBe(200);
    expect(keys(history.body.items[0])).toEqual(CHANGE_FIELDS);
    expect(history.body.items).toMatchObject([
      { kind: 'added', eventVersion: 1, city: 'Khujand', occurredOn: '2024-03', reason: null },
      { kind: 'corrected', eventVersion: 2, city: CITY, occurredOn: '2024-02-11', reason: REASON },
    ]);
    expect(history.body.items[1].changedBy).toBe(api.user('caseworker').id);

    // The city and the reason are ciphertext at rest, in the event and in its history.
    const rows = await asSuperuser<{ text: string }>(
      t.db,
      `SELECT encode(coalesce(city, ''::bytea), 'escape') || encode(coalesce(reason, ''::bytea), 'escape') AS text
       FROM trafficking_event_change WHERE event_id = $1
       UNION ALL SELECT encode(city, 'escape') FROM trafficking_event WHERE id = $1`,
      [first.id],
    );
    for (const row of rows) {
      expect(row.text).not.toContain('8830');
      expect(row.text).not.toContain('4471');
    }
  });

  it('removes an event only with a reason; it leaves every view but stays in its history', async () => {
    const caseId = await sharedCase();
    const [first] = (await api.as('caseworker').get(`/cases/${caseId}/events`)).body;
    const path = `/cases/${caseId}/events/${first.id}`;
    const noReason = await api.as('caseworker').post(`${path}/remove`).send({ version: first.version });
    expect(noReason.status).toBe(400);
    expect(fieldsNamed(noReason.body)).toEqual(['reason']);

    const removed = await api.as('caseworker').post(`${path}/remove`).send({ version: first.version, reason: REASON });
    expect(removed.status).toBe(204);
    for (const who of ['caseworker', 'ngo', 'investigator']) {
      const view = await api.as(who).get(`/cases/${caseId}`);
      expect(view.body.events.map((e: { id: string }) => e.id)).not.toContain(first.id);
      expect(JSON.stringify(view.body)).not.toContain('8830');
    }
    const listed = await api.as('caseworker').get(`/cases/${caseId}/events`);
    expect(listed.body.map((e: { id: string }) => e.id)).not.toContain(first.id);

    const again = await api.as('caseworker').patch(path).send({ version: 2, city: 'Dushanbe' });
    expect(again.status).toBe(404);
    expect(fieldsNamed(again.body)).toEqual(['eventId']);

    const history = await api.as('manager').get(`${path}/history`);
    expect(history.body.items.map((c: { kind: string }) => c.kind)).toEqual(['added', 'removed']);
    expect(history.body.items[1]).toMatchObject({ eventVersion: 2, reason: REASON, city: 'Khujand' });
  });

  it('lets only the owner change or read the history; another organisation does not see the case', async () => {
    const caseId = await sharedCase();
    const [first] = (await api.as('caseworker').get(`/cases/${caseId}/events`)).body;
    const path = `/cases/${caseId}/events`;
    const body = { type: 'Exploitation', country: 'RUS' };
    for (const who of ['ngo', 'investigator']) {
      expect((await add(caseId, body, who)).status).toBe(403);
      expect((await api.as(who).get(path)).status).toBe(403);
      expect((await api.as(who).get(`${path}/${first.id}/history`)).status).toBe(403);
      const patch = await api.as(who).patch(`${path}/${first.id}`).send({ version: 1, country: 'KAZ' });
      expect(patch.status).toBe(403);
    }
    expect((await add(caseId, body, 'other')).status).toBe(404);
    expect((await api.as('other').get(`${path}/${first.id}/history`)).status).toBe(404);
    const count = await asSuperuser<{ n: string }>(
      t.db,
      'SELECT count(*) AS n FROM trafficking_event WHERE case_id = $1',
      [caseId],
    );
    expect(Number(count[0].n)).toBe(2);
  });

  it('refuses bad input with 400 naming the field, without echoing it, and writes nothing', async () => {
    const caseId = await sharedCase();
    const [first] = (await api.as('caseworker').get(`/cases/${caseId}/events`)).body;
    const cases: Array<[string, 'post' | 'patch', object, string]> = [
      ['', 'post', { type: 'Kidnap<script>' }, 'type'],
      ['', 'post', { type: 'Transit', occurredOn: '2024-13' }, 'occurredOn'],
      ['', 'post', { type: 'Transit', country: 'XXX' }, 'country'],
      [`/${first.id}`, 'patch', { city: 'Dushanbe' }, 'version'],
      [`/${first.id}`, 'patch', { version: 1, type: 'Kidnap<script>' }, 'type'],
      [`/${first.id}`, 'patch', { version: 1, reason: 'x'.repeat(2001) }, 'reason'],
    ];
    for (const [suffix, method, body, field] of cases) {
      const answer = await api.as('caseworker')[method](`/cases/${caseId}/events${suffix}`).send(body);
      expect(answer.status).toBe(400);
      expect(fieldsNamed(answer.body)).toEqual([field]);
      expect(JSON.stringify(answer.body)).not.toContain('<script>');
    }
    const rows = await asSuperuser<{ n: string; v: number }>(
      t.db,
      'SELECT count(*) AS n, max(version) AS v FROM trafficking_event WHERE case_id = $1',
      [caseId],
    );
    expect(rows[0]).toMatchObject({ n: '2', v: 1 });
  });
});
