import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/core/access/role';
import { RequestContext } from '../../src/core/database/request-context';
import { asCaller } from '../support/as-caller';
import { chooseDumpMethod, describeDump, dumpDatabase } from '../support/database-dump';
import { Api, signInCast } from '../support/api';
import type { AddPerpetrator, AddProceeding } from '../support/api-types';
import { transferCase } from '../support/shares';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import { createOrganisation, login, startTestApp, TestApp } from '../support/test-app';
import { fieldsNamed, keys } from '../support/response-shape';

const PERPETRATOR_FIELDS = [
  'id',
  'caseId',
  'roles',
  'gender',
  'nationality',
  'name',
  'aliases',
  'dateOfBirth',
  'identityDocuments',
  'roleDetails',
  'description',
  'recordedByOrganisationId',
  'version',
  'createdAt',
  'updatedAt',
].sort();

const PROCEEDING_FIELDS = [
  'id',
  'caseId',
  'kind',
  'openedOn',
  'closedOn',
  'outcome',
  'perpetratorIds',
  'referenceNumber',
  'notes',
  'recordedByOrganisationId',
  'version',
  'createdAt',
  'updatedAt',
].sort();

/** Distinctive identifying details; none may reach the database, a dump or the audit log in clear. */
const PERPETRATOR = {
  roles: ['RecruiterOrIntermediary', 'Exploiter'],
  name: 'Бахтиёр Шарипович Камолов',
  aliases: ['Бахти-Москва', 'Kamolov B.'],
  dateOfBirth: '1979-06',
  identityDocuments: [{ type: 'passport', number: 'TJ 4K9Q8W', issuingCountry: 'TJK' }],
  gender: 'Masculine',
  nationality: 'TJK',
  roleDetails: 'Promised construction work in Moscow; kept the passports in his flat on Lyublino',
  description: 'Drives a grey Lada Priora, plate 4471 AK 02',
} satisfies AddPerpetrator;
const PROCEEDING = {
  kind: 'investigation',
  openedOn: '2026-02-03',
  referenceNumber: 'УД-2026/4471-СУ',
  notes: 'Witness Gulnora Saidova agreed to testify',
} satisfies AddProceeding;

describe('the investigation track', () => {
  let t: TestApp;
  let shelter: string;
  let ngo: string;
  let other: string;
  let police: string;
  let prosecutor: string;
  let pendingPolice: string;
  let withdrawnPolice: string;
  let api: Api;

  beforeAll(async () => {
    t = await startTestApp();
    [shelter, ngo, other, police, prosecutor, pendingPolice, withdrawnPolice] = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map(() => createOrganisation(t)),
    );
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      shelterInvestigator: [Role.Investigator, shelter],
      ngo: [Role.Caseworker, ngo],
      ngoManager: [Role.OrgManager, ngo],
      other: [Role.OrgManager, other],
      otherInvestigator: [Role.Investigator, other],
      investigator: [Role.Investigator, police],
      policeManager: [Role.OrgManager, police],
      policeCaseworker: [Role.Caseworker, police],
      prosecutor: [Role.Investigator, prosecutor],
      pendingInvestigator: [Role.Investigator, pendingPolice],
      withdrawnInvestigator: [Role.Investigator, withdrawnPolice],
      commission: [Role.Commission, shelter],
      auditor: [Role.Auditor, shelter],
      admin: [Role.Admin, shelter],
    });
  });
  afterAll(() => t.close());

  /** A case of the shelter, referred to an NGO and, with consent, to two law-enforcement units. */
  const referredCase = () =>
    api.sharedCase(
      'caseworker',
      { person: { familyName: 'Саидова', givenName: 'Гулнора' }, gender: 'Feminine' },
      {
        referral: [ngo],
        investigation: [police, prosecutor],
        pendingInvestigation: [pendingPolice],
        withdrawnInvestigation: [withdrawnPolice],
      },
    );

  const addPerpetrator = (caseId: string, body: AddPerpetrator = PERPETRATOR, by = 'investigator') =>
    api.as(by).investigation.addPerpetrator(caseId, body);
  const addProceeding = (caseId: string, body: AddProceeding = PROCEEDING, by = 'investigator') =>
    api.as(by).investigation.addProceeding(caseId, body);
  const count = async (table: 'perpetrator' | 'proceeding', caseId: string) =>
    Number(
      (await asSuperuser<{ n: string }>(t.db, `SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n,
    );

  describe('investigators with a live law-enforcement share', () => {
    it('record a perpetrator and read it back with exactly these fields', async () => {
      const caseId = await referredCase();
      const created = await addPerpetrator(caseId);
      expect(created.status).toBe(201);
      expect(keys(created.body)).toEqual(PERPETRATOR_FIELDS);
      expect(created.body).toMatchObject({ ...PERPETRATOR, caseId, recordedByOrganisationId: police, version: 1 });
      for (const reader of ['investigator', 'prosecutor', 'manager']) {
        const listed = await api.as(reader).investigation.perpetrators(caseId);
        expect({ reader, status: listed.status }).toEqual({ reader, status: 200 });
        expect(listed.body).toHaveLength(1);
        expect(keys(listed.body[0])).toEqual(PERPETRATOR_FIELDS);
        expect(listed.body[0]).toMatchObject(PERPETRATOR);
      }
    });

    it('record proceedings naming perpetrators of the case, and change them with optimistic concurrency', async () => {
      const caseId = await referredCase();
      const perpetrator = (await addPerpetrator(caseId)).body.id as string;
      const created = await addProceeding(caseId, { ...PROCEEDING, perpetratorIds: [perpetrator] });
      expect(created.status).toBe(201);
      expect(keys(created.body)).toEqual(PROCEEDING_FIELDS);
      expect(created.body).toMatchObject({
        ...PROCEEDING,
        closedOn: null,
        outcome: null,
        perpetratorIds: [perpetrator],
        recordedByOrganisationId: police,
        version: 1,
      });
      const path = `/cases/${caseId}/investigation/proceedings/${created.body.id}`;
      // Another unit with a live share (the prosecutor's office) takes the file further.
      const closed = await api
        .as('prosecutor')
        .patch(path)
        .send({ version: 1, closedOn: '2026-04-01', outcome: 'charged' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ closedOn: '2026-04-01', outcome: 'charged', version: 2 });
      const stale = await api.as('investigator').patch(path).send({ version: 1, outcome: 'discontinued' });
      expect(stale.status).toBe(409);
      expect(fieldsNamed(stale.body)).toEqual(['version']);
      const trial = await addProceeding(caseId, {
        kind: 'trial',
        openedOn: '2026-05-01',
        perpetratorIds: [perpetrator],
      });
      expect(trial.status).toBe(201);
      const listed = await api.as('manager').investigation.proceedings(caseId);
      expect(listed.status).toBe(200);
      expect(listed.body.map((p: { kind: string }) => p.kind)).toEqual(['investigation', 'trial']);
      expect(listed.body[0]).toMatchObject({ outcome: 'charged', referenceNumber: PROCEEDING.referenceNumber });

      const perpetratorPath = `/cases/${caseId}/investigation/perpetrators/${perpetrator}`;
      const changed = await api
        .as('investigator')
        .patch(perpetratorPath)
        .send({ version: 1, roles: ['Exploiter'], aliases: null, description: 'Left for Moscow in May' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        roles: ['Exploiter'],
        aliases: [],
        description: 'Left for Moscow in May',
        name: PERPETRATOR.name,
        version: 2,
      });
      const staleChange = await api.as('prosecutor').patch(perpetratorPath).send({ version: 1, name: 'X' });
      expect(staleChange.status).toBe(409);
    });
  });

  describe('everyone else', () => {
    it('answers each role and situation as the design says, on every investigation route', async () => {
      const caseId = await referredCase();
      const perpetrator = (await addPerpetrator(caseId)).body.id as string;
      const proceeding = (await addProceeding(caseId)).body.id as string;
      const base = `/cases/${caseId}/investigation`;
      const calls: Record<string, (who: string) => Promise<number>> = {
        listPerpetrators: async (who) => (await api.as(who).get(`${base}/perpetrators`)).status,
        addPerpetrator: async (who) =>
          (
            await api
              .as(who)
              .post(`${base}/perpetrators`)
              .send({ roles: ['Other'] })
          ).status,
        changePerpetrator: async (who) =>
          (await api.as(who).patch(`${base}/perpetrators/${perpetrator}`).send({ version: 99 })).status,
        listProceedings: async (who) => (await api.as(who).get(`${base}/proceedings`)).status,
        addProceeding: async (who) =>
          (await api.as(who).post(`${base}/proceedings`).send({ kind: 'trial', openedOn: '2026-01-01' })).status,
        changeProceeding: async (who) =>
          (await api.as(who).patch(`${base}/proceedings/${proceeding}`).send({ version: 99 })).status,
      };
      // The stale version 99 makes an allowed change answer 409 and leaves the records as they are.
      const expected: Record<string, number[]> = {
        investigator: [200, 201, 409, 200, 201, 409],
        prosecutor: [200, 201, 409, 200, 201, 409],
        manager: [200, 403, 403, 200, 403, 403], // the owner's manager reads, never writes
        caseworker: [403, 403, 403, 403, 403, 403], // the owner's caseworker: no investigation permission
        shelterInvestigator: [404, 404, 404, 404, 404, 404], // an investigator of the owner sees no case without a share
        policeManager: [403, 403, 403, 403, 403, 403], // LE organisation, not an investigator
        policeCaseworker: [403, 403, 403, 403, 403, 403],
        ngo: [403, 403, 403, 403, 403, 403],
        ngoManager: [403, 403, 403, 403, 403, 403], // referral view
        pendingInvestigator: [404, 404, 404, 404, 404, 404], // share not accepted
        withdrawnInvestigator: [404, 404, 404, 404, 404, 404], // consent withdrawn
        otherInvestigator: [404, 404, 404, 404, 404, 404],
        other: [404, 403, 403, 404, 403, 403], // a manager of an unrelated organisation; writes refused by role
        commission: [403, 403, 403, 403, 403, 403],
        auditor: [403, 403, 403, 403, 403, 403],
        admin: [403, 403, 403, 403, 403, 403],
      };
      const answers: Record<string, number[]> = {};
      for (const who of Object.keys(expected)) {
        answers[who] = [];
        for (const call of Object.values(calls)) answers[who].push(await call(who));
      }
      expect(answers).toEqual(expected);
    });

    it('shows nothing of the records in a refusal, and answers an unknown case or record with 404', async () => {
      const caseId = await referredCase();
      await addPerpetrator(caseId);
      const refused = await api.as('ngoManager').investigation.perpetrators(caseId);
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toMatch(/Камолов|Exploiter/);
      const hidden = await api.as('otherInvestigator').investigation.perpetrators(caseId);
      const missing = await api.as('otherInvestigator').investigation.perpetrators(randomUUID());
      const strip = (body: object) => ({ ...body, requestId: undefined });
      expect(hidden.status).toBe(404);
      expect(strip(hidden.body)).toEqual(strip(missing.body));
      for (const [route, field] of [
        ['perpetrators', 'perpetratorId'],
        ['proceedings', 'proceedingId'],
      ]) {
        const unknown = await api
          .as('investigator')
          .patch(`/cases/${caseId}/investigation/${route}/${randomUUID()}`)
          .send({ version: 1 });
        expect({ route, status: unknown.status, fields: fieldsNamed(unknown.body) }).toEqual({
          route,
          status: 404,
          fields: [field],
        });
      }
    });

    it('takes the records from an investigator at once when the consent is withdrawn', async () => {
      const caseId = await referredCase();
      await addPerpetrator(caseId);
      const [{ consent_id: consentId }] = await asSuperuser<{ consent_id: string }>(
        t.db,
        'SELECT consent_id FROM case_share WHERE case_id = $1 AND organisation_id = $2',
        [caseId, police],
      );
      expect((await api.as('caseworker').cases.withdrawConsent(caseId, consentId)).status).toBe(200);
      expect((await api.as('investigator').investigation.perpetrators(caseId)).status).toBe(404);
      expect((await addPerpetrator(caseId)).status).toBe(404);
      // The owner's manager keeps what was recorded.
      const kept = await api.as('manager').investigation.perpetrators(caseId);
      expect(kept.body).toHaveLength(1);
    });
  });

  describe('a transfer of the case', () => {
    it('moves the records to the new owner, whose manager then reads them, and the investigators keep them', async () => {
      const caseId = await referredCase();
      await addPerpetrator(caseId);
      await addProceeding(caseId);
      const answer = await transferCase(t, {
        caseId,
        to: ngo,
        ownerToken: api.as('caseworker').token,
        managerToken: api.as('ngoManager').token,
      });
      expect(answer).toBe('accepted');
      const owners = await asSuperuser<{ owner_organisation_id: string }>(
        t.db,
        `SELECT owner_organisation_id FROM perpetrator WHERE case_id = $1
         UNION ALL SELECT owner_organisation_id FROM proceeding WHERE case_id = $1`,
        [caseId],
      );
      expect(owners).toEqual([{ owner_organisation_id: ngo }, { owner_organisation_id: ngo }]);
      const read = async (who: string) => (await api.as(who).investigation.perpetrators(caseId)).status;
      expect({
        ngoManager: await read('ngoManager'),
        manager: await read('manager'),
        investigator: await read('investigator'),
      }).toEqual({
        ngoManager: 200,
        manager: 404,
        investigator: 200,
      });
    });
  });

  describe('validation', () => {
    it('refuses bad perpetrators with 400 naming the field, and writes nothing', async () => {
      const caseId = await referredCase();
      const cases: Array<[object, string]> = [
        [{}, 'roles'],
        [{ roles: [] }, 'roles'],
        [{ roles: ['Trafficker'] }, 'roles'],
        [{ roles: ['Exploiter', 'Exploiter'] }, 'roles'],
        [{ roles: 'Exploiter' }, 'roles'],
        [{ roles: ['Exploiter'], gender: 'Male' }, 'gender'],
        [{ roles: ['Exploiter'], nationality: 'TJ' }, 'nationality'],
        [{ roles: ['Exploiter'], name: 42 }, 'name'],
        [{ roles: ['Exploiter'], name: 'x'.repeat(301) }, 'name'],
        [{ roles: ['Exploiter'], aliases: ['ok', ''] }, 'aliases'],
        [{ roles: ['Exploiter'], dateOfBirth: '3000-01-01' }, 'dateOfBirth'],
        [{ roles: ['Exploiter'], identityDocuments: [{ type: 'visa', number: '1' }] }, 'identityDocuments[0].type'],
        [{ roles: ['Exploiter'], roleDetails: 'x'.repeat(4001) }, 'roleDetails'],
        [{ roles: ['Exploiter'], recordedByOrganisationId: police }, 'recordedByOrganisationId'],
      ];
      for (const [body, field] of cases) {
        const response = await api.as('investigator').post(`/cases/${caseId}/investigation/perpetrators`).send(body);
        expect({ body, status: response.status, fields: fieldsNamed(response.body) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
      }
      expect(await count('perpetrator', caseId)).toBe(0);
    });

    it('refuses bad proceedings with 400 naming the field, and writes nothing', async () => {
      const caseId = await referredCase();
      const otherCase = await referredCase();
      const foreign = (await addPerpetrator(otherCase)).body.id as string;
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const cases: Array<[object, string]> = [
        [{ openedOn: '2026-01-01' }, 'kind'],
        [{ kind: 'appeal', openedOn: '2026-01-01' }, 'kind'],
        [{ kind: 'trial' }, 'openedOn'],
        [{ kind: 'trial', openedOn: tomorrow }, 'openedOn'],
        [{ kind: 'trial', openedOn: '2026-01-01', closedOn: tomorrow }, 'closedOn'],
        [{ kind: 'trial', openedOn: '2026-01-02', closedOn: '2026-01-01' }, 'closedOn'],
        [{ kind: 'trial', openedOn: '2026-01-01', outcome: 'guilty' }, 'outcome'],
        [{ kind: 'investigation', openedOn: '2026-01-01', outcome: 'convicted' }, 'outcome'],
        [{ kind: 'trial', openedOn: '2026-01-01', perpetratorIds: [foreign] }, 'perpetratorIds'],
        [{ kind: 'trial', openedOn: '2026-01-01', perpetratorIds: ['x'] }, 'perpetratorIds'],
        [{ kind: 'trial', openedOn: '2026-01-01', referenceNumber: 'x'.repeat(101) }, 'referenceNumber'],
        [{ kind: 'trial', openedOn: '2026-01-01', notes: 'bad\u0000byte' }, 'notes'],
        [{ kind: 'trial', openedOn: 20260101 }, 'openedOn'],
      ];
      for (const [body, field] of cases) {
        const response = await api.as('investigator').post(`/cases/${caseId}/investigation/proceedings`).send(body);
        expect({ body, status: response.status, fields: fieldsNamed(response.body) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
      }
      expect(await count('proceeding', caseId)).toBe(0);

      const created = (await addProceeding(caseId, { kind: 'verdict', openedOn: '2026-02-01' })).body.id as string;
      const patches: Array<[object, string]> = [
        [{ outcome: 'convicted' }, 'version'],
        [{ version: 1, kind: 'trial' }, 'kind'],
        [{ version: 1, outcome: 'charged' }, 'outcome'],
        [{ version: 1, closedOn: '2026-01-31' }, 'closedOn'],
        [{ version: 1, openedOn: null }, 'openedOn'],
        [{ version: 1, perpetratorIds: [foreign] }, 'perpetratorIds'],
      ];
      for (const [body, field] of patches) {
        const response = await api
          .as('investigator')
          .patch(`/cases/${caseId}/investigation/proceedings/${created}`)
          .send(body);
        expect({ body, status: response.status, fields: fieldsNamed(response.body) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
      }
      const [row] = await asSuperuser<{ version: number; outcome: string | null }>(
        t.db,
        'SELECT version, outcome FROM proceeding WHERE id = $1',
        [created],
      );
      expect(row).toEqual({ version: 1, outcome: null });
    });
  });

  describe('audit and storage', () => {
    it('records each call with the case id and codes only', async () => {
      const caseId = await referredCase();
      const ids = [`inv-${randomUUID()}`, `inv-${randomUUID()}`, `inv-${randomUUID()}`];
      const created = await api
        .as('investigator')
        .post(`/cases/${caseId}/investigation/perpetrators`)
        .set('X-Request-Id', ids[0])
        .send(PERPETRATOR);
      await api.as('manager').get(`/cases/${caseId}/investigation/proceedings`).set('X-Request-Id', ids[1]);
      await api.as('ngoManager').get(`/cases/${caseId}/investigation/perpetrators`).set('X-Request-Id', ids[2]);
      const events = await asSuperuser<{ action: string; outcome: string; case_ids: string[]; row: string }>(
        t.db,
        `SELECT action, outcome, case_ids, e::text AS row FROM audit_event e WHERE request_id = ANY($1) ORDER BY seq`,
        [ids],
      );
      expect(events).toEqual([
        expect.objectContaining({ action: 'investigation.perpetrator_added', outcome: 'allowed', case_ids: [caseId] }),
        expect.objectContaining({ action: 'investigation.proceedings_listed', outcome: 'allowed', case_ids: [caseId] }),
        expect.objectContaining({ action: 'investigation.perpetrators_listed', outcome: 'denied', case_ids: [caseId] }),
      ]);
      expect(events[0].row).toContain(created.body.id);
      for (const secret of ['Камолов', 'Бахти', '4K9Q8W', 'Lada'])
        expect(events.map((e) => e.row).join()).not.toContain(secret);
    });

    const dump = chooseDumpMethod();
    it(`keeps every identifying detail out of ${describeDump(dump)}`, async () => {
      const caseId = await referredCase();
      const perpetrator = (await addPerpetrator(caseId)).body.id as string;
      expect((await addProceeding(caseId, { ...PROCEEDING, perpetratorIds: [perpetrator] })).status).toBe(201);
      const text = await dumpDatabase(dump, t.db.superuserUrl);
      expect(text).toContain('perpetrator');
      expect(text).toContain('RecruiterOrIntermediary'); // the codes are there, in clear
      const secrets = [
        PERPETRATOR.name,
        ...PERPETRATOR.aliases,
        // a number of letters outside hex and digits, so that no ciphertext, uuid or
        // timestamp in the dump can hold it by chance (a digits-only number once did)
        'TJ 4K9Q8W',
        '4K9Q8W',
        'Lyublino',
        'Lada Priora',
        PROCEEDING.referenceNumber,
        'Gulnora Saidova',
      ];
      const forms = secrets.flatMap((s) => [s, s.toLowerCase(), Buffer.from(s).toString('hex')]);
      expect(forms.filter((f) => text.includes(f))).toEqual([]);
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

    it('still keeps the records from anyone the policies do not name', async () => {
      const caseId = await referredCase();
      await addPerpetrator(caseId);
      await addProceeding(caseId);
      const call = async (who: string, route: string) => {
        const token = await login(unchecked, api.user(who));
        const response = await unchecked
          .http()
          .get(`/cases/${caseId}/investigation/${route}`)
          .set({ Authorization: `Bearer ${token}` });
        return response.status === 200 ? response.body.length : response.status;
      };
      // With every case in the full view, an unrelated manager gets past the code; the policies show nothing.
      expect(await call('other', 'perpetrators')).toBe(404);
      expect(await call('manager', 'perpetrators')).toBe(1);
      expect(await call('manager', 'proceedings')).toBe(1);
    });

    it('shows each caller only the rows the policies allow, and refuses writes outside them', async () => {
      const caseId = await referredCase();
      await addPerpetrator(caseId);
      await addProceeding(caseId);
      const visible = (who: string) =>
        asCaller(unchecked, api.user(who), async () => {
          const manager = unchecked.app.get(RequestContext).manager;
          const n = async (table: string) =>
            Number((await manager.query(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n);
          return [await n('perpetrator'), await n('proceeding')];
        });
      const seen: Record<string, number[]> = {};
      for (const who of [
        'investigator',
        'prosecutor',
        'manager',
        'caseworker',
        'shelterInvestigator',
        'policeManager',
        'policeCaseworker',
        'ngoManager',
        'pendingInvestigator',
        'withdrawnInvestigator',
        'otherInvestigator',
        'other',
      ]) {
        seen[who] = await visible(who);
      }
      expect(seen).toEqual({
        investigator: [1, 1],
        prosecutor: [1, 1],
        manager: [1, 1],
        caseworker: [0, 0],
        shelterInvestigator: [0, 0],
        policeManager: [0, 0],
        policeCaseworker: [0, 0],
        ngoManager: [0, 0],
        pendingInvestigator: [0, 0],
        withdrawnInvestigator: [0, 0],
        otherInvestigator: [0, 0],
        other: [0, 0],
      });

      const insert = (who: string, owner = shelter) =>
        asCaller(unchecked, api.user(who), async () => {
          const manager = unchecked.app.get(RequestContext).manager;
          const user = api.user(who);
          await manager.query(
            `INSERT INTO perpetrator (id, case_id, owner_organisation_id, recorded_by_organisation_id, roles,
               created_by, updated_by) VALUES ($1, $2, $3, $4, ARRAY['Other'], $5, $5)`,
            [randomUUID(), caseId, owner, user.organisationId, user.id],
          );
          return 'written';
        }).catch((error: Error) => error.message);
      for (const who of [
        'manager',
        'caseworker',
        'policeManager',
        'pendingInvestigator',
        'withdrawnInvestigator',
        'otherInvestigator',
      ]) {
        expect({ who, result: await insert(who) }).toEqual({
          who,
          result: expect.stringMatching(/row-level security/),
        });
      }
      expect(await insert('investigator', police)).toMatch(/row-level security/); // a forged owner
      expect(await insert('investigator')).toBe('written');

      const updated = (who: string) =>
        asCaller(unchecked, api.user(who), async () => {
          const manager = unchecked.app.get(RequestContext).manager;
          const [, n] = (await manager.query(`UPDATE proceeding SET outcome = 'other' WHERE case_id = $1`, [
            caseId,
          ])) as [unknown, number];
          return n;
        });
      expect(await updated('manager')).toBe(0);
      expect(await updated('otherInvestigator')).toBe(0);
      expect(await updated('prosecutor')).toBe(1);
    });

    it('returns no rows when the caller is not set, forces row-level security, and grants no DELETE', async () => {
      const caseId = await referredCase();
      await addPerpetrator(caseId);
      await addProceeding(caseId);
      for (const table of ['perpetrator', 'proceeding']) {
        const [{ n }] = await asServiceRole<{ n: string }>(t.db, `SELECT count(*) AS n FROM ${table}`);
        expect({ table, n: Number(n) }).toEqual({ table, n: 0 });
        const deleted = await asServiceRole(t.db, `DELETE FROM ${table}`).catch((e: Error) => e.message);
        expect(deleted).toMatch(/permission denied/);
      }
      const rows = await asSuperuser<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
        t.db,
        `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
         WHERE relname IN ('perpetrator', 'proceeding') ORDER BY relname`,
      );
      expect(rows).toEqual([
        { relname: 'perpetrator', relrowsecurity: true, relforcerowsecurity: true },
        { relname: 'proceeding', relrowsecurity: true, relforcerowsecurity: true },
      ]);
    });
  });
});
