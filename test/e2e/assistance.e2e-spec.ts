import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/core/access/role';
import { RequestContext } from '../../src/core/database/request-context';
import { asCaller } from '../support/as-caller';
import { chooseDumpMethod, describeDump, dumpDatabase } from '../support/database-dump';
import { Api, signInCast } from '../support/api';
import type { PlanAssistance } from '../support/api-types';
import { transferCase } from '../support/shares';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import { createOrganisation, login, startTestApp, TestApp } from '../support/test-app';
import { fieldsNamed, keys } from '../support/response-shape';

const ITEM_FIELDS = [
  'id',
  'caseId',
  'type',
  'providerOrganisationId',
  'status',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'notes',
  'version',
  'createdAt',
  'updatedAt',
].sort();

const SECRET_NOTES = 'Зарина боится встречи с вербовщиком в Душанбе; адрес сестры: кӯчаи Сино 14';

describe('assistance plans', () => {
  let t: TestApp;
  let shelter: string;
  let ngo: string;
  let pendingNgo: string;
  let other: string;
  let police: string;
  let withdrawnPolice: string;
  let api: Api;

  beforeAll(async () => {
    t = await startTestApp();
    [shelter, ngo, pendingNgo, other, police, withdrawnPolice] = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => createOrganisation(t)),
    );
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      ngo: [Role.Caseworker, ngo],
      ngoManager: [Role.OrgManager, ngo],
      pending: [Role.Caseworker, pendingNgo],
      other: [Role.Caseworker, other],
      investigator: [Role.Investigator, police],
      policeCaseworker: [Role.Caseworker, police],
      withdrawnInvestigator: [Role.Investigator, withdrawnPolice],
      withdrawnCaseworker: [Role.Caseworker, withdrawnPolice],
      commission: [Role.Commission, shelter],
      auditor: [Role.Auditor, shelter],
      admin: [Role.Admin, shelter],
    });
  });
  afterAll(() => t.close());

  /** A case of the shelter, shared as the NRM would share it with each kind of organisation. */
  const sharedCase = () =>
    api.sharedCase(
      'caseworker',
      { person: { familyName: 'Назарова', givenName: 'Мадина' }, gender: 'Feminine' },
      {
        referral: [ngo],
        pendingReferral: [pendingNgo],
        investigation: [police],
        withdrawnInvestigation: [withdrawnPolice],
      },
    );

  const plan = (caseId: string, body: PlanAssistance, by = 'caseworker') => api.as(by).assistance.plan(caseId, body);

  const itemCount = async (caseId: string) =>
    Number(
      (
        await asSuperuser<{ n: string }>(t.db, 'SELECT count(*) AS n FROM assistance_item WHERE case_id = $1', [caseId])
      )[0].n,
    );

  describe('the owning organisation', () => {
    it('plans an item with its provider and dates, and reads it back with exactly these fields', async () => {
      const caseId = await sharedCase();
      const created = await plan(caseId, {
        type: 'Legal',
        providerOrganisationId: ngo,
        plannedStart: '2026-03-01',
        plannedEnd: '2026-06-30',
        notes: SECRET_NOTES,
      });
      expect(created.status).toBe(201);
      expect(keys(created.body)).toEqual(ITEM_FIELDS);
      expect(created.body).toMatchObject({
        caseId,
        type: 'Legal',
        providerOrganisationId: ngo,
        status: 'planned',
        plannedStart: '2026-03-01',
        plannedEnd: '2026-06-30',
        actualStart: null,
        actualEnd: null,
        notes: SECRET_NOTES,
        version: 1,
      });
      const own = await plan(caseId, { type: 'Shelter', status: 'in_progress', actualStart: '2026-01-05' });
      expect(own.status).toBe(201);
      expect(own.body.providerOrganisationId).toBe(shelter);

      for (const reader of ['caseworker', 'manager']) {
        const listed = await api.as(reader).assistance.list(caseId);
        expect(listed.status).toBe(200);
        expect(listed.body.map((i: { id: string }) => i.id)).toEqual([created.body.id, own.body.id]);
        for (const item of listed.body) expect(keys(item)).toEqual(ITEM_FIELDS);
      }
    });

    it('records delivery, and refuses a stale version with 409 and no change', async () => {
      const caseId = await sharedCase();
      const created = await plan(caseId, { type: 'Health', plannedStart: '2026-01-10' });
      const path = `/cases/${caseId}/assistance/${created.body.id}`;
      const started = await api
        .as('caseworker')
        .patch(path)
        .send({ version: 1, status: 'in_progress', actualStart: '2026-01-11' });
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ status: 'in_progress', actualStart: '2026-01-11', version: 2 });
      const stale = await api.as('manager').patch(path).send({ version: 1, status: 'cancelled' });
      expect(stale.status).toBe(409);
      expect(fieldsNamed(stale.body)).toEqual(['version']);
      const delivered = await api
        .as('manager')
        .patch(path)
        .send({ version: 2, status: 'delivered', actualEnd: '2026-01-20', notes: 'Treated.' });
      expect(delivered.status).toBe(200);
      expect(delivered.body).toMatchObject({
        status: 'delivered',
        actualEnd: '2026-01-20',
        notes: 'Treated.',
        version: 3,
      });
      const [row] = await asSuperuser<{ status: string; version: number }>(
        t.db,
        'SELECT status, version FROM assistance_item WHERE id = $1',
        [created.body.id],
      );
      expect(row).toEqual({ status: 'delivered', version: 3 });
    });
  });

  describe('an organisation with an accepted share (referral view)', () => {
    it('sees only the items it provides, adds its own, and changes only those', async () => {
      const caseId = await sharedCase();
      const forNgo = await plan(caseId, { type: 'Legal', providerOrganisationId: ngo, notes: 'Court date in March' });
      const forShelter = await plan(caseId, { type: 'Psychosocial', notes: 'Owner-only note' });
      const listed = await api.as('ngo').assistance.list(caseId);
      expect(listed.status).toBe(200);
      expect(listed.body.map((i: { id: string }) => i.id)).toEqual([forNgo.body.id]);
      expect(JSON.stringify(listed.body)).not.toContain('Owner-only note');

      const added = await plan(caseId, { type: 'Livelihood', notes: 'Sewing course' }, 'ngoManager');
      expect(added.status).toBe(201);
      expect(added.body.providerOrganisationId).toBe(ngo);
      const forSomeoneElse = await plan(caseId, { type: 'Livelihood', providerOrganisationId: shelter }, 'ngo');
      expect(forSomeoneElse.status).toBe(403);
      expect(fieldsNamed(forSomeoneElse.body)).toEqual(['providerOrganisationId']);

      const delivered = await api.as('ngo').assistance.update(caseId, forNgo.body.id, {
        version: 1,
        status: 'delivered',
        actualStart: '2026-02-01',
        actualEnd: '2026-02-02',
      });
      expect(delivered.status).toBe(200);
      const notTheirs = await api
        .as('ngo')
        .assistance.update(caseId, forShelter.body.id, { version: 1, status: 'cancelled' });
      expect(notTheirs.status).toBe(404);
      expect(fieldsNamed(notTheirs.body)).toEqual(['itemId']);

      // The owner sees and may change the sharing organisation's own items too.
      const ownerView = await api.as('caseworker').assistance.list(caseId);
      expect(ownerView.body.map((i: { id: string }) => i.id)).toEqual([
        forNgo.body.id,
        forShelter.body.id,
        added.body.id,
      ]);
      const byOwner = await api
        .as('caseworker')
        .assistance.update(caseId, added.body.id, { version: 1, status: 'cancelled' });
      expect(byOwner.status).toBe(200);
      expect(await itemCount(caseId)).toBe(3);
    });
  });

  describe('who else may call the routes', () => {
    it('answers each role and situation as the design says, on every assistance route', async () => {
      const caseId = await sharedCase();
      const item = (await plan(caseId, { type: 'Education' })).body.id as string;
      const calls = {
        list: (who: string) => api.as(who).assistance.list(caseId),
        add: (who: string) => api.as(who).assistance.plan(caseId, { type: 'Financial' }),
        change: (who: string) =>
          api.as(who).assistance.update(caseId, item, { version: 1, plannedStart: '2026-05-01' }),
      };
      const expected: Record<string, number[]> = {
        // [list, add, change]: add and change by the owner come last, so the item stays at version 1 before.
        pending: [404, 404, 404], // a share not yet accepted
        other: [404, 404, 404], // no share at all
        withdrawnCaseworker: [404, 404, 404], // law enforcement whose consent was withdrawn
        withdrawnInvestigator: [403, 403, 403],
        investigator: [403, 403, 403], // no assistance permission at all
        policeCaseworker: [403, 403, 403], // investigation view: no support plan in it
        commission: [403, 403, 403],
        auditor: [403, 403, 403],
        admin: [403, 403, 403],
        ngo: [200, 201, 404], // referral view: the item is the shelter's, not the NGO's
        caseworker: [200, 201, 200],
      };
      const answers: Record<string, number[]> = {};
      for (const who of Object.keys(expected)) {
        answers[who] = [
          (await calls.list(who)).status,
          (await calls.add(who)).status,
          (await calls.change(who)).status,
        ];
      }
      expect(answers).toEqual(expected);
      const missing = randomUUID();
      expect((await api.as('caseworker').assistance.list(missing)).status).toBe(404);
      expect((await api.as('caseworker').assistance.plan(missing, { type: 'Legal' })).status).toBe(404);
      const unknownItem = await api
        .as('caseworker')
        .assistance.update(caseId, randomUUID(), { version: 1, status: 'cancelled' });
      expect(unknownItem.status).toBe(404);
      expect(fieldsNamed(unknownItem.body)).toEqual(['itemId']);
    });

    it("answers another organisation's case with the same body as a missing case", async () => {
      const caseId = await sharedCase();
      const hidden = await api.as('other').assistance.list(caseId);
      const missing = await api.as('other').assistance.list(randomUUID());
      const strip = (body: object) => ({ ...body, requestId: undefined });
      expect(strip(hidden.body)).toEqual(strip(missing.body));
    });
  });

  describe('a transfer of the case', () => {
    it('moves the whole plan to the new owner, which then sees and changes every item', async () => {
      const caseId = await sharedCase();
      const item = (await plan(caseId, { type: 'Shelter', notes: SECRET_NOTES })).body.id as string;
      const answer = await transferCase(t, {
        caseId,
        to: ngo,
        ownerToken: api.as('caseworker').token,
        managerToken: api.as('ngoManager').token,
      });
      expect(answer).toBe('accepted');
      const [row] = await asSuperuser<{ owner_organisation_id: string }>(
        t.db,
        'SELECT owner_organisation_id FROM assistance_item WHERE id = $1',
        [item],
      );
      expect(row.owner_organisation_id).toBe(ngo);
      const listed = await api.as('ngo').assistance.list(caseId);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([expect.objectContaining({ id: item, notes: SECRET_NOTES })]);
      expect((await api.as('caseworker').assistance.list(caseId)).status).toBe(404);
    });
  });

  describe('validation', () => {
    it('refuses bad input with 400 naming the field, and writes nothing', async () => {
      const caseId = await sharedCase();
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const cases: Array<[object, string]> = [
        [{ type: 'Housing' }, 'type'],
        [{ type: 'legal' }, 'type'],
        [{}, 'type'],
        [{ type: 'Legal', status: 'done' }, 'status'],
        [{ type: 'Legal', plannedStart: 20260101 }, 'plannedStart'],
        [{ type: 'Legal', plannedStart: '2026-02-30' }, 'plannedStart'],
        [{ type: 'Legal', status: 'in_progress', actualStart: tomorrow }, 'actualStart'],
        [{ type: 'Legal', notes: 'x'.repeat(4001) }, 'notes'],
        [{ type: 'Legal', notes: ['a list'] }, 'notes'],
        [{ type: 'Legal', providerOrganisationId: 'not-a-uuid' }, 'providerOrganisationId'],
        [{ type: 'Legal', providerOrganisationId: randomUUID() }, 'providerOrganisationId'],
        [{ type: 'Legal', plannedStart: '2026-03-02', plannedEnd: '2026-03-01' }, 'plannedEnd'],
        [{ type: 'Legal', status: 'planned', actualStart: '2026-01-01' }, 'status'],
        [{ type: 'Legal', status: 'delivered', actualStart: '2026-01-01' }, 'actualEnd'],
        [{ type: 'Legal', ownerOrganisationId: shelter }, 'ownerOrganisationId'],
      ];
      for (const [body, field] of cases) {
        const response = await api.as('caseworker').post(`/cases/${caseId}/assistance`).send(body);
        expect({ body, status: response.status, fields: fieldsNamed(response.body) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
      }
      expect(await itemCount(caseId)).toBe(0);

      const created = await plan(caseId, { type: 'Legal', notes: 'unchanged' });
      const patches: Array<[object, string]> = [
        [{ status: 'cancelled' }, 'version'],
        [{ version: 1, status: null }, 'status'],
        [{ version: 1, status: 'in_progress', actualStart: tomorrow }, 'actualStart'],
        [{ version: 1, status: 'in_progress' }, 'actualStart'],
        [{ version: 1, notes: '' }, 'notes'],
        [{ version: 1, type: 'Health' }, 'type'],
      ];
      for (const [body, field] of patches) {
        const response = await api.as('caseworker').patch(`/cases/${caseId}/assistance/${created.body.id}`).send(body);
        expect({ body, status: response.status, fields: fieldsNamed(response.body) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
      }
      const [row] = await asSuperuser<{ version: number; status: string }>(
        t.db,
        'SELECT version, status FROM assistance_item WHERE id = $1',
        [created.body.id],
      );
      expect(row).toEqual({ version: 1, status: 'planned' });
    });
  });

  describe('audit', () => {
    it('records each call with the case id, the item id and codes, never the notes', async () => {
      const caseId = await sharedCase();
      const requestId = `assist-${randomUUID()}`;
      const created = await api
        .as('caseworker')
        .post(`/cases/${caseId}/assistance`)
        .set('X-Request-Id', requestId)
        .send({ type: 'Return', notes: SECRET_NOTES });
      expect(created.status).toBe(201);
      const deniedId = `assist-${randomUUID()}`;
      await api.as('other').get(`/cases/${caseId}/assistance`).set('X-Request-Id', deniedId);
      const events = await asSuperuser<{
        action: string;
        outcome: string;
        case_ids: string[];
        detail: Record<string, unknown>;
        row: string;
      }>(
        t.db,
        `SELECT action, outcome, case_ids, detail, e::text AS row FROM audit_event e
         WHERE request_id = ANY($1) ORDER BY seq`,
        [[requestId, deniedId]],
      );
      expect(events).toEqual([
        expect.objectContaining({
          action: 'assistance.item_added',
          outcome: 'allowed',
          case_ids: [caseId],
          detail: expect.objectContaining({ itemId: created.body.id, type: 'Return', status: 'planned' }),
        }),
        expect.objectContaining({ action: 'assistance.listed', outcome: 'denied', case_ids: [caseId] }),
      ]);
      expect(events.map((e) => e.row).join('\n')).not.toContain('Зарина');
    });
  });

  describe('at rest', () => {
    const dump = chooseDumpMethod();
    it(`keeps the notes out of ${describeDump(dump)}`, async () => {
      const caseId = await sharedCase();
      expect((await plan(caseId, { type: 'Legal', notes: SECRET_NOTES })).status).toBe(201);
      const text = await dumpDatabase(dump, t.db.superuserUrl);
      expect(text).toContain('assistance_item');
      for (const form of ['Зарина боится', 'кӯчаи Сино', Buffer.from('кӯчаи Сино').toString('hex')]) {
        expect(text).not.toContain(form);
      }
    });
  });

  describe('row-level security, with the access check in code switched off', () => {
    let unchecked: TestApp;
    beforeAll(async () => {
      unchecked = await startTestApp(
        {
          PANOH_TEST_DISABLE_CASE_ACCESS_CHECK: 'true',
          PANOH_KEY_FILE: path.join(t.dataDir, 'keys', 'panoh-keys.json'),
        },
        t.db,
      );
    });
    afterAll(() => unchecked.close());

    it("still keeps another organisation's plan from the service", async () => {
      const caseId = await sharedCase();
      await plan(caseId, { type: 'Legal', providerOrganisationId: ngo });
      await plan(caseId, { type: 'Health' });
      const otherToken = await login(unchecked, api.user('other'));
      const auth = { Authorization: `Bearer ${otherToken}` };
      expect((await unchecked.http().get(`/cases/${caseId}/assistance`).set(auth)).status).toBe(404);
      expect(
        (await unchecked.http().post(`/cases/${caseId}/assistance`).set(auth).send({ type: 'Legal' })).status,
      ).toBe(404);
      // The owner still reads it through the same unchecked app: the policies, not an outage, hid it.
      const ownerToken = await login(unchecked, api.user('caseworker'));
      const owner = await unchecked
        .http()
        .get(`/cases/${caseId}/assistance`)
        .set({ Authorization: `Bearer ${ownerToken}` });
      expect(owner.status).toBe(200);
      expect(owner.body).toHaveLength(2);
    });

    it('shows each caller only the rows the policies allow, and refuses writes outside them', async () => {
      const caseId = await sharedCase();
      await plan(caseId, { type: 'Legal', providerOrganisationId: ngo });
      await plan(caseId, { type: 'Health' });
      const visible = async (who: string) =>
        asCaller(unchecked, api.user(who), async () => {
          const manager = unchecked.app.get(RequestContext).manager;
          const rows: Array<{ type: string }> = await manager.query(
            'SELECT type FROM assistance_item WHERE case_id = $1 ORDER BY type',
            [caseId],
          );
          return rows.map((r) => r.type);
        });
      expect(await visible('caseworker')).toEqual(['Health', 'Legal']);
      expect(await visible('ngo')).toEqual(['Legal']);
      for (const who of ['pending', 'other', 'investigator', 'policeCaseworker', 'withdrawnCaseworker']) {
        expect({ who, rows: await visible(who) }).toEqual({ who, rows: [] });
      }

      const insert = (who: string, owner: string, provider: string) =>
        asCaller(unchecked, api.user(who), async () => {
          const manager = unchecked.app.get(RequestContext).manager;
          const user = api.user(who).id;
          await manager.query(
            `INSERT INTO assistance_item (id, case_id, owner_organisation_id, type, provider_organisation_id, status,
               created_by, updated_by) VALUES ($1, $2, $3, 'Legal', $4, 'planned', $5, $5)`,
            [randomUUID(), caseId, owner, provider, user],
          );
          return 'written';
        }).catch((error: Error) => error.message);
      expect(await insert('other', other, other)).toMatch(/row-level security/);
      expect(await insert('other', shelter, other)).toMatch(/row-level security/);
      expect(await insert('ngo', shelter, shelter)).toMatch(/row-level security/);
      expect(await insert('pending', shelter, pendingNgo)).toMatch(/row-level security/);
      expect(await insert('policeCaseworker', shelter, police)).toMatch(/row-level security/);
      // A forged owner: the policies check the case's real organisation.
      expect(await insert('ngo', ngo, ngo)).toMatch(/row-level security/);
      expect(await insert('ngo', shelter, ngo)).toBe('written');
      expect(await insert('caseworker', shelter, other)).toBe('written');

      const updated = (who: string) =>
        asCaller(unchecked, api.user(who), async () => {
          const manager = unchecked.app.get(RequestContext).manager;
          const [, count] = (await manager.query(`UPDATE assistance_item SET status = 'cancelled' WHERE case_id = $1`, [
            caseId,
          ])) as [unknown, number];
          return count;
        });
      expect(await updated('other')).toBe(0);
      expect(await updated('ngo')).toBe(1);
      expect(await updated('caseworker')).toBe(2);
    });

    it('returns no rows when the caller is not set, and forces row-level security on the table', async () => {
      const caseId = await sharedCase();
      await plan(caseId, { type: 'Legal' });
      const [{ n }] = await asServiceRole<{ n: string }>(t.db, 'SELECT count(*) AS n FROM assistance_item');
      expect(Number(n)).toBe(0);
      const [table] = await asSuperuser<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
        t.db,
        `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'assistance_item'`,
      );
      expect(table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
      const deleted = await asServiceRole(t.db, 'DELETE FROM assistance_item').catch((e: Error) => e.message);
      expect(deleted).toMatch(/permission denied/);
    });
  });
});
