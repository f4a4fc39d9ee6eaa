import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { RequestContext } from '../../src/core/database/request-context';
import { asCaller } from '../support/as-caller';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import {
  CASE,
  FORBIDDEN_TO_INVESTIGATION,
  FULL_FIELDS,
  FULL_PERSON,
  INVESTIGATION_FIELDS,
  INVESTIGATION_PERSON,
  NEW_CASE,
  PERSON,
  REFERRAL_FIELDS,
  REFERRAL_PERSON,
} from '../support/case-fixtures';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';
import { Api, signInCast } from '../support/api';
import { keys } from '../support/response-shape';

describe('victim case records', () => {
  let t: TestApp;
  let shelter: string;
  let police: string;
  let ngo: string;
  let api: Api;

  beforeAll(async () => {
    t = await startTestApp();
    shelter = await createOrganisation(t);
    ngo = await createOrganisation(t);
    police = await createOrganisation(t);
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      investigator: [Role.Investigator, shelter],
      commission: [Role.Commission, shelter],
      auditor: [Role.Auditor, shelter],
      admin: [Role.Admin, shelter],
      ngo: [Role.Caseworker, ngo],
      police: [Role.Investigator, police],
    });
  });
  afterAll(() => t.close());

  describe('opening a case', () => {
    it('opens a case for a new person with a TJ reference, and returns it in the full view', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      expect(created.reference).toMatch(new RegExp(`^TJ-${new Date().getUTCFullYear()}-\\d{5}$`));
      expect(created).toMatchObject({
        ...CASE,
        view: 'full',
        stage: 'identified',
        traffickingStatus: 'PossibleVictimOfTrafficking',
        organisationId: shelter,
        version: 1,
        consents: [],
        screenings: [],
      });
      expect(created.person).toMatchObject({ ...PERSON, id: expect.any(String) });
    });

    it('gives references one after another', async () => {
      const a = Number((await api.as('caseworker').openCase(NEW_CASE)).reference.slice(-5));
      const b = Number((await api.as('caseworker').openCase(NEW_CASE)).reference.slice(-5));
      expect(b).toBe(a + 1);
    });

    it("opens a second case for a person of its own organisation, and not for another organisation's", async () => {
      const first = await api.as('caseworker').openCase(NEW_CASE);
      const second = await api.as('caseworker').openCase({ personId: first.person.id, gender: 'Feminine' });
      expect(second.person.id).toBe(first.person.id);
      expect(second.id).not.toBe(first.id);
      const foreign = await api.as('ngo').cases.create({ personId: first.person.id });
      expect(foreign.status).toBe(404);
      expect(foreign.body.details).toEqual([expect.objectContaining({ field: 'personId' })]);
    });

    it('refuses codes that are not in the code lists, named by field', async () => {
      for (const [field, value] of [
        ['gender', 'Female'],
        ['ageBand', '20-25'],
        ['citizenship', 'TJ'],
        ['exploitationTypes', ['Forced Labour']],
        ['labourSector', 'Construction'],
      ] as const) {
        const response = await api.as('caseworker').cases.create({ person: PERSON, [field]: value });
        expect({ field, status: response.status }).toEqual({ field, status: 400 });
        expect(JSON.stringify(response.body)).toContain(field);
      }
    });

    it('records trafficking events in order, with the city and the description encrypted', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      expect(created.events).toEqual(CASE.events.map((e) => ({ description: null, ...e, id: expect.any(String) })));
      const rows = await asSuperuser<{ type: string; country: string; city: Buffer; description: Buffer | null }>(
        t.db,
        'SELECT type, country, city, description FROM trafficking_event WHERE case_id = $1 ORDER BY occurred_on',
        [created.id],
      );
      expect(rows.map((r) => [r.type, r.country, r.city[0]])).toEqual([
        ['Recruitment', 'TJK', 0x01],
        ['Exploitation', 'RUS', 0x01],
      ]);
      expect(JSON.stringify(rows)).not.toContain('Moscow');
      expect(rows[0].description?.[0]).toBe(0x01);
      expect(rows[0].description?.toString('latin1')).not.toContain('bazaar');
      const bad = await api
        .as('caseworker')
        .cases.create({ person: PERSON, events: [{ type: 'Transport', occurredOn: '2024-13' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'events[0].occurredOn',
        'events[0].type',
      ]);
    });

    it('answers 409 with nothing of the case when a ciphertext was moved from another case', async () => {
      const [one, two] = [await api.as('caseworker').openCase(NEW_CASE), await api.as('caseworker').openCase(NEW_CASE)];
      await asSuperuser(
        t.db,
        'UPDATE victim_case SET narrative = (SELECT narrative FROM victim_case WHERE id = $2) WHERE id = $1',
        [one.id, two.id],
      );
      const read = await api.as('caseworker').cases.get(one.id);
      expect(read.status).toBe(409);
      expect(JSON.stringify(read.body)).not.toContain('Recruited');
      expect((await api.as('caseworker').cases.get(two.id)).status).toBe(200);
    });

    it('answers 410 for a case whose person was erased, and refuses organisations that do not exist', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      expect((await api.as('manager').persons.erase(created.person.id)).status).toBe(204);
      expect((await api.as('caseworker').cases.get(created.id)).status).toBe(410);
      const list = await api.as('caseworker').cases.list({ limit: 100 });
      expect(list.status).toBe(200);
      expect(list.body.items.find((i: { id: string }) => i.id === created.id)).toMatchObject({
        familyName: null,
        givenName: null,
      });
      const other = await api.as('caseworker').openCase(NEW_CASE);
      const nowhere = '00000000-0000-4000-8000-00000000dead';
      const consent = await api
        .as('caseworker')
        .cases.giveConsent(other.id, { purpose: 'referral', recipientOrganisationId: nowhere });
      expect(consent.status).toBe(400);
      const decided = await api.as('caseworker').patch(`/cases/${other.id}`).send({
        version: 1,
        traffickingStatus: 'ActualVictimOfTrafficking',
        statusDecidedBy: 'NGO',
        statusDecidingOrganisationId: nowhere,
      });
      expect(decided.status).toBe(400);
    });

    it('stores the narrative and notes as ciphertext only', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const [row] = await asSuperuser<Record<string, unknown>>(t.db, 'SELECT * FROM victim_case WHERE id = $1', [
        created.id,
      ]);
      for (const column of ['narrative', 'shelter_location', 'health_notes', 'psychosocial_notes']) {
        const value = row[column] as Buffer;
        expect(Buffer.isBuffer(value)).toBe(true);
        expect(value[0]).toBe(0x01);
      }
      const all = JSON.stringify(row);
      for (const secret of ['Khujand shelter', 'hand injury', 'Nightmares', 'passport taken'])
        expect(all).not.toContain(secret);
      expect(row.exploitation_types).toEqual(['ForcedLabour']);
    });
  });

  describe('views', () => {
    it('full: lists exactly these fields', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const read = await api.as('manager').cases.get(created.id);
      expect(read.status).toBe(200);
      expect(keys(read.body)).toEqual(FULL_FIELDS);
      expect(keys(read.body.person)).toEqual(FULL_PERSON);
    });

    it('referral: lists exactly these fields, for an organisation with an accepted share', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      await api.share({ caseId: created.id, organisationId: ngo, view: 'referral' });
      const read = await api.as('ngo').cases.get(created.id);
      expect(read.status).toBe(200);
      expect(read.body.view).toBe('referral');
      expect(keys(read.body)).toEqual(REFERRAL_FIELDS);
      expect(keys(read.body.person)).toEqual(REFERRAL_PERSON);
      expect(read.body.events).toEqual([
        { id: expect.any(String), type: 'Recruitment', occurredOn: '2024-03', country: 'TJK' },
        { id: expect.any(String), type: 'Exploitation', occurredOn: '2024-05-20', country: 'RUS' },
      ]);
    });

    it('investigation: lists exactly these fields, and none of the forbidden ones though all are filled in', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      await api.share({
        caseId: created.id,
        organisationId: police,
        view: 'investigation',
        consentId: await api.as('caseworker').consent(created.id, { purpose: 'law_enforcement_disclosure' }),
      });
      const read = await api.as('police').cases.get(created.id);
      expect(read.status).toBe(200);
      expect(read.body.view).toBe('investigation');
      expect(keys(read.body)).toEqual(INVESTIGATION_FIELDS);
      expect(keys(read.body.person)).toEqual(INVESTIGATION_PERSON);
      expect(read.body.events.map((e) => e.city)).toEqual(['Khujand', 'Moscow']);
      for (const field of FORBIDDEN_TO_INVESTIGATION) {
        expect(read.body).not.toHaveProperty(field);
        expect(read.body.person).not.toHaveProperty(field);
      }
      const text = JSON.stringify(read.body);
      for (const value of [
        PERSON.address,
        PERSON.phone,
        PERSON.notes,
        CASE.shelterLocation,
        CASE.healthNotes,
        CASE.psychosocialNotes,
        CASE.narrative,
      ]) {
        expect(text).not.toContain(value);
      }
    });

    it("lists summaries in the caller's view", async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      await api.share({
        caseId: created.id,
        organisationId: police,
        view: 'investigation',
        consentId: await api.as('caseworker').consent(created.id, { purpose: 'law_enforcement_disclosure' }),
      });
      const list = await api.as('police').cases.list();
      expect(list.status).toBe(200);
      const line = list.body.items.find((i: { id: string }) => i.id === created.id);
      expect(line).toEqual({
        view: 'investigation',
        id: created.id,
        reference: created.reference,
        organisationId: shelter,
        stage: 'identified',
        traffickingStatus: 'PossibleVictimOfTrafficking',
        // The owner's deadlines run from it; the other views are not told.
        stageChangedAt: null,
        registeredOn: created.registeredOn,
        familyName: PERSON.familyName,
        givenName: PERSON.givenName,
      });
    });
  });

  describe('consent to law-enforcement disclosure', () => {
    it('takes the case from the investigator at once when withdrawn', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const consentId = await api.as('caseworker').consent(created.id, { purpose: 'law_enforcement_disclosure' });
      await api.share({ caseId: created.id, organisationId: police, view: 'investigation', consentId: consentId });
      expect((await api.as('police').cases.get(created.id)).status).toBe(200);

      const withdrawn = await api.as('caseworker').cases.withdrawConsent(created.id, consentId);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ id: consentId, withdrawnBy: api.user('caseworker').id });

      expect((await api.as('police').cases.get(created.id)).status).toBe(404);
      const list = await api.as('police').cases.list();
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
      const [revoked] = await asSuperuser<{ revoked_at: Date | null }>(
        t.db,
        'SELECT revoked_at FROM case_share WHERE consent_id = $1',
        [consentId],
      );
      expect(revoked.revoked_at).not.toBeNull();
    });

    it('does not show a law-enforcement share whose consent is withdrawn, even if the share was not revoked', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const consentId = await api.as('caseworker').consent(created.id, { purpose: 'law_enforcement_disclosure' });
      await api.share({ caseId: created.id, organisationId: police, view: 'investigation', consentId: consentId });
      await asSuperuser(t.db, `UPDATE consent SET withdrawn_at = now(), withdrawn_by = $2 WHERE id = $1`, [
        consentId,
        api.user('caseworker').id,
      ]);
      expect((await api.as('police').cases.get(created.id)).status).toBe(404);
    });

    it('records consents with who and when, shows them in the full view, and refuses a second withdrawal', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const consentId = await api.as('caseworker').consent(created.id, { purpose: 'assistance' });
      const referral = await api.as('caseworker').cases.giveConsent(created.id, {
        purpose: 'referral',
        recipientOrganisationId: ngo,
        referralPurposes: ['shelter', 'legal'],
      });
      expect(referral.status).toBe(201);
      const noRecipient = await api.as('caseworker').cases.giveConsent(created.id, { purpose: 'referral' });
      expect(noRecipient.status).toBe(400);
      const read = await api.as('caseworker').cases.get(created.id);
      expect(read.body.consents).toEqual([
        expect.objectContaining({
          id: consentId,
          purpose: 'assistance',
          givenBy: api.user('caseworker').id,
          withdrawnAt: null,
        }),
        expect.objectContaining({
          purpose: 'referral',
          recipientOrganisationId: ngo,
          referralPurposes: ['shelter', 'legal'],
        }),
      ]);
      const path = `/cases/${created.id}/consents/${consentId}/withdraw`;
      expect((await api.as('manager').post(path)).status).toBe(200);
      expect((await api.as('manager').post(path)).status).toBe(409);
    });
  });

  describe('screening', () => {
    it('records a screening with the indicator list version, who and when, and shows it in the full view', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const response = await api.as('caseworker').cases.screen(created.id, {
        indicatorList: 'ilo_forced_labour_11',
        indicators: ['deception', 'retention_of_identity_documents'],
        result: 'indicators_present',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        indicatorList: 'ilo_forced_labour_11',
        indicatorListVersion: '2012',
        indicators: ['deception', 'retention_of_identity_documents'],
        result: 'indicators_present',
        screenedBy: api.user('caseworker').id,
        screenedAt: expect.any(String),
      });
      const read = await api.as('manager').cases.get(created.id);
      expect(read.body.screenings).toEqual([response.body]);
    });

    it('refuses an indicator that is not in the chosen list, and a result that contradicts the indicators', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const path = `/cases/${created.id}/screenings`;
      const foreign = await api
        .as('caseworker')
        .post(path)
        .send({
          indicatorList: 'ilo_forced_labour_11',
          indicators: ['deceptive_recruitment.nature_of_job'],
          result: 'indicators_present',
        });
      expect(foreign.status).toBe(400);
      const contradiction = await api
        .as('caseworker')
        .post(path)
        .send({
          indicatorList: 'ilo_ec_operational',
          indicators: ['deceptive_recruitment.nature_of_job'],
          result: 'no_indicators',
        });
      expect(contradiction.status).toBe(400);
    });

    it('keeps screenings out of the referral and investigation views', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      await api.share({ caseId: created.id, organisationId: ngo, view: 'referral' });
      const read = await api.as('ngo').cases.get(created.id);
      expect(read.body).not.toHaveProperty('screenings');
    });
  });

  describe('changing a case', () => {
    it('changes codes and notes, and refuses a stale version with 409', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const changed = await api.as('caseworker').cases.update(created.id, {
        version: 1,
        healthNotes: null,
        meansOfControl: ['PhysicalThreats'],
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        version: 2,
        healthNotes: null,
        meansOfControl: ['PhysicalThreats'],
        traffickingStatus: 'PossibleVictimOfTrafficking',
        narrative: CASE.narrative,
      });
      const stale = await api.as('manager').cases.update(created.id, { version: 1, gender: 'Masculine' });
      expect(stale.status).toBe(409);
      expect(stale.body.details).toEqual([expect.objectContaining({ field: 'version' })]);
      expect((await api.as('manager').cases.get(created.id)).body.gender).toBe('Feminine');
    });

    it('leaves the trafficking status to the NRM status decision (POST /cases/:id/stage)', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const response = await api.as('caseworker').patch(`/cases/${created.id}`).send({
        version: 1,
        traffickingStatus: 'NotAVictimOfTrafficking',
        statusDecidedBy: 'Police',
      });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'statusDecidedBy',
        'traffickingStatus',
      ]);
    });

    it('lets an organisation with a share read but not change the case (403)', async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      await api.share({ caseId: created.id, organisationId: ngo, view: 'referral' });
      const response = await api.as('ngo').cases.update(created.id, { version: 1, gender: 'Masculine' });
      expect(response.status).toBe(403);
      expect((await api.as('ngo').cases.giveConsent(created.id, { purpose: 'statistics' })).status).toBe(403);
    });
  });

  describe('listing', () => {
    it('filters by stage, status and registration dates, and pages', async () => {
      const caseworker = await createUser(t, Role.Caseworker);
      await api.add('lister', caseworker);
      for (const registeredOn of ['2026-01-10', '2026-02-10', '2026-03-10']) {
        await api.as('lister').openCase({ person: PERSON, registeredOn });
      }
      const all = await api.as('lister').cases.list();
      expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(all.body.items.map((i: { registeredOn: string }) => i.registeredOn)).toEqual([
        '2026-03-10',
        '2026-02-10',
        '2026-01-10',
      ]);
      const range = await api.as('lister').get('/cases?registeredFrom=2026-02-01&registeredTo=2026-02-28');
      expect(range.body.items.map((i: { registeredOn: string }) => i.registeredOn)).toEqual(['2026-02-10']);
      const page = await api.as('lister').get('/cases?limit=1&offset=1');
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.body.items.map((i: { registeredOn: string }) => i.registeredOn)).toEqual(['2026-02-10']);
      expect((await api.as('lister').get('/cases?stage=closed')).body.total).toBe(0);
      expect((await api.as('lister').get('/cases?status=PossibleVictimOfTrafficking')).body.total).toBe(3);
      expect((await api.as('lister').get('/cases?stage=open')).status).toBe(400);
    });
  });

  describe('another organisation and the role matrix', () => {
    const ROUTES = [
      { name: 'GET /cases/:id', call: (id: string, who: string) => api.as(who).cases.get(id) },
      {
        name: 'PATCH /cases/:id',
        call: (id: string, who: string) => api.as(who).cases.update(id, { version: 1, gender: 'Masculine' }),
      },
      {
        name: 'POST /cases/:id/screenings',
        call: (id: string, who: string) =>
          api
            .as(who)
            .cases.screen(id, { indicatorList: 'ilo_forced_labour_11', indicators: [], result: 'no_indicators' }),
      },
      {
        name: 'POST /cases/:id/consents',
        call: (id: string, who: string) => api.as(who).cases.giveConsent(id, { purpose: 'statistics' }),
      },
      {
        name: 'POST /cases/:id/consents/:consentId/withdraw',
        call: (id: string, who: string, consentId = '00000000-0000-4000-8000-000000000001') =>
          api.as(who).cases.withdrawConsent(id, consentId),
      },
    ];

    it("answers another organisation's case exactly as a case that does not exist, on every case route", async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      for (const route of ROUTES) {
        const foreign = await route.call(created.id, 'ngo');
        const missing = await route.call('00000000-0000-4000-8000-00000000abcd', 'ngo');
        expect({ route: route.name, status: foreign.status }).toEqual({ route: route.name, status: 404 });
        const { requestId: _a, ...foreignBody } = foreign.body;
        const { requestId: _b, ...missingBody } = missing.body;
        expect({ route: route.name, body: foreignBody }).toEqual({ route: route.name, body: missingBody });
      }
      const list = await api.as('ngo').cases.list();
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
    });

    it('gives each role the expected answer on every case route', async () => {
      const expected: Record<string, Record<string, number>> = {
        'GET /cases': { caseworker: 200, manager: 200, investigator: 200, commission: 403, auditor: 403, admin: 403 },
        'POST /cases': { caseworker: 201, manager: 201, investigator: 403, commission: 403, auditor: 403, admin: 403 },
        // The investigator of the owning organisation has no share: the case is not there for it.
        'GET /cases/:id': {
          caseworker: 200,
          manager: 200,
          investigator: 404,
          commission: 403,
          auditor: 403,
          admin: 403,
        },
        'PATCH /cases/:id': {
          caseworker: 200,
          manager: 200,
          investigator: 403,
          commission: 403,
          auditor: 403,
          admin: 403,
        },
        'POST /cases/:id/screenings': {
          caseworker: 201,
          manager: 201,
          investigator: 403,
          commission: 403,
          auditor: 403,
          admin: 403,
        },
        'POST /cases/:id/consents': {
          caseworker: 201,
          manager: 201,
          investigator: 403,
          commission: 403,
          auditor: 403,
          admin: 403,
        },
        'POST /cases/:id/consents/:consentId/withdraw': {
          caseworker: 200,
          manager: 200,
          investigator: 403,
          commission: 403,
          auditor: 403,
          admin: 403,
        },
      };
      const actual: Record<string, Record<string, number>> = {};
      for (const who of Object.keys(expected['GET /cases'])) {
        const created = await api.as('caseworker').openCase(NEW_CASE);
        const consentId = await api.as('caseworker').consent(created.id, { purpose: 'statistics' });
        const answer = (name: string, status: number) => ((actual[name] ??= {})[who] = status);
        answer('GET /cases', (await api.as(who).cases.list()).status);
        answer('POST /cases', (await api.as(who).cases.create({ person: PERSON })).status);
        for (const route of ROUTES) answer(route.name, (await route.call(created.id, who, consentId)).status);
      }
      expect(actual).toEqual(expected);
    });
  });

  describe('code lists', () => {
    it('serves the code lists with English, Russian and Tajik labels to every staff role', async () => {
      for (const who of ['caseworker', 'manager', 'investigator', 'commission', 'auditor', 'admin']) {
        const response = await api.as(who).get('/code-lists');
        expect({ who, status: response.status }).toEqual({ who, status: 200 });
      }
      const response = await api.as('caseworker').get('/code-lists');
      const gender = response.body.lists.find((l: { name: string }) => l.name === 'gender');
      expect(gender.values[0]).toEqual({ code: 'Feminine', labels: { en: 'Feminine', ru: 'Женский', tg: 'Занона' } });
      const indicators = response.body.lists.find((l: { name: string }) => l.name === 'ilo_forced_labour_11');
      expect(indicators).toMatchObject({ version: '2012' });
      expect(indicators.values).toHaveLength(11);
      expect((await t.http().get('/code-lists')).status).toBe(401);
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

    it("still hides another organisation's case: 404 and no rows", async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const ngoToken = await login(unchecked, api.user('ngo'));
      const read = await unchecked.http().get(`/cases/${created.id}`).set('Authorization', `Bearer ${ngoToken}`);
      expect(read.status).toBe(404);
      const list = await unchecked.http().get('/cases').set('Authorization', `Bearer ${ngoToken}`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
      // The owner still reads it through the same unchecked app: the policies, not an outage, hid it.
      const ownerToken = await login(unchecked, api.user('caseworker'));
      expect(
        (await unchecked.http().get(`/cases/${created.id}`).set('Authorization', `Bearer ${ownerToken}`)).status,
      ).toBe(200);
    });

    it("returns no row of another organisation to a direct query as the service's role", async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      const seen = await asCaller(unchecked, api.user('ngo'), async () => {
        const manager = unchecked.app.get(RequestContext).manager;
        const count = async (sql: string) => Number((await manager.query(sql, [created.id]))[0].n);
        return {
          victimCase: await count('SELECT count(*) AS n FROM victim_case WHERE id = $1'),
          person: await count(
            'SELECT count(*) AS n FROM person WHERE id = (SELECT person_id FROM victim_case WHERE id = $1)',
          ),
          consent: await count('SELECT count(*) AS n FROM consent WHERE case_id = $1'),
        };
      });
      expect(seen).toEqual({ victimCase: 0, person: 0, consent: 0 });
    });

    it('returns no rows at all when the caller is not set', async () => {
      await api.as('caseworker').openCase(NEW_CASE);
      for (const table of [
        'victim_case',
        'person',
        'person_blind_index',
        'consent',
        'case_share',
        'screening',
        'trafficking_event',
      ]) {
        const [{ n }] = await asServiceRole<{ n: string }>(t.db, `SELECT count(*) AS n FROM ${table}`);
        expect({ table, n: Number(n) }).toEqual({ table, n: 0 });
      }
    });

    it('forces row-level security on every table holding victim data, and the service owns none of them', async () => {
      const rows = await asSuperuser<{
        relname: string;
        relrowsecurity: boolean;
        relforcerowsecurity: boolean;
        owner: string;
      }>(
        t.db,
        `SELECT relname, relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner) AS owner FROM pg_class
         WHERE relname IN ('victim_case','person','person_blind_index','consent','case_share','screening','trafficking_event')`,
      );
      expect(rows).toHaveLength(7);
      for (const row of rows) expect(row).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
      const [app] = await asServiceRole<{ rolbypassrls: boolean; owns: string }>(
        t.db,
        `SELECT rolbypassrls, (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS owns FROM pg_roles r WHERE rolname = current_user`,
      );
      expect(app).toEqual({ rolbypassrls: false, owns: '0' });
    });
  });
});
