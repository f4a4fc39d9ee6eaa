import { Role } from '../../src/core/access/role';
import { Api, signInCast } from '../support/api';
import { CASE, FULL_FIELDS, NEW_CASE } from '../support/case-fixtures';
import { fieldsNamed, keys } from '../support/response-shape';
import { chooseDumpMethod, describeDump, dumpDatabase } from '../support/database-dump';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

/**
 * The HTCDS fields recorded beyond the first set (docs/htcds-mapping.md): each round-trips in the
 * owner's full view, stays out of the views that exclude it, and a bad value answers 400 naming it.
 */
describe('HTCDS fields', () => {
  let t: TestApp;
  let api: Api;
  let ngo: string;
  let police: string;

  beforeAll(async () => {
    t = await startTestApp();
    const shelter = await createOrganisation(t);
    [ngo, police] = await Promise.all([1, 2].map(() => createOrganisation(t)));
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      ngo: [Role.Caseworker, ngo],
      investigator: [Role.Investigator, police],
    });
  });
  afterAll(() => t.close());

  const sharedCase = () => api.sharedCase('caseworker', NEW_CASE, { referral: [ngo], investigation: [police] });

  describe('methods of recruitment and types of sexual exploitation', () => {
    it('round-trip in the full view, at opening and by a change', async () => {
      const caseId = await sharedCase();
      const full = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(full.status).toBe(200);
      expect(keys(full.body)).toEqual(FULL_FIELDS);
      expect(full.body.recruitmentMethods).toEqual(CASE.recruitmentMethods);
      expect(full.body.sexExploitationTypes).toEqual(CASE.sexExploitationTypes);

      const changed = await api
        .as('caseworker')
        .patch(`/cases/${caseId}`)
        .send({ version: full.body.version, recruitmentMethods: ['AtWork'], sexExploitationTypes: [] });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ recruitmentMethods: ['AtWork'], sexExploitationTypes: [] });
      const again = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(again.body).toMatchObject({ recruitmentMethods: ['AtWork'], sexExploitationTypes: [] });
    });

    it('are not in the referral or the investigation view', async () => {
      const caseId = await sharedCase();
      for (const who of ['ngo', 'investigator']) {
        const view = await api.as(who).get(`/cases/${caseId}`);
        expect(view.status).toBe(200);
        expect(view.body).not.toHaveProperty('recruitmentMethods');
        expect(view.body).not.toHaveProperty('sexExploitationTypes');
        expect(JSON.stringify(view.body)).not.toContain('ThroughFriendsOrSocialEvents');
        expect(JSON.stringify(view.body)).not.toContain('PrivateSexualServices');
      }
    });

    it.each([
      ['recruitmentMethods', ['ByCarrierPigeon']],
      ['recruitmentMethods', 'AtWork'],
      ['recruitmentMethods', ['AtWork', 'AtWork']],
      ['sexExploitationTypes', ['Prostitution', 7]],
      ['sexExploitationTypes', 'Pornography'],
    ])('a bad %s answers 400 naming it, and writes nothing', async (field, value) => {
      const before = await api.as('caseworker').get('/cases');
      const bad = await api
        .as('caseworker')
        .post('/cases')
        .send({ ...NEW_CASE, [field]: value });
      expect(bad.status).toBe(400);
      expect(fieldsNamed(bad.body).some((f) => f === field || f.startsWith(`${field}[`))).toBe(true);
      expect(JSON.stringify(bad.body)).not.toContain('ByCarrierPigeon');
      const after = await api.as('caseworker').get('/cases');
      expect(after.body.total).toBe(before.body.total);

      const caseId = await sharedCase();
      const full = await api.as('caseworker').get(`/cases/${caseId}`);
      const badPatch = await api
        .as('caseworker')
        .patch(`/cases/${caseId}`)
        .send({ version: full.body.version, [field]: value });
      expect(badPatch.status).toBe(400);
      expect(fieldsNamed(badPatch.body).some((f) => f === field || f.startsWith(`${field}[`))).toBe(true);
    });
  });

  describe('closure reason', () => {
    const close = (caseId: string, version: number, extra: object) =>
      api
        .as('manager')
        .post(`/cases/${caseId}/stage`)
        .send({ to: 'closed', version, reason: 'Returned home to Isfara.', ...extra });

    it('is given with the closing move and shown in the full view only', async () => {
      const caseId = await sharedCase();
      const open = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(open.body.closureReason).toBeNull();
      const closed = await close(caseId, open.body.version, { closureReason: 'Relocated' });
      expect(closed.status).toBe(200);
      const full = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(full.body).toMatchObject({ stage: 'closed', closureReason: 'Relocated' });
      expect(keys(full.body)).toEqual(FULL_FIELDS);
    });

    it.each<[string, object]>([
      ['missing', {}],
      ['not in the list', { closureReason: 'BoredOfIt' }],
      ['not a string', { closureReason: 7 }],
    ])('closing with a closure reason %s answers 400 naming it and changes nothing', async (_case, extra) => {
      const caseId = await sharedCase();
      const open = await api.as('caseworker').get(`/cases/${caseId}`);
      const bad = await close(caseId, open.body.version, extra);
      expect(bad.status).toBe(400);
      expect(fieldsNamed(bad.body)).toContain('closureReason');
      expect(JSON.stringify(bad.body)).not.toContain('BoredOfIt');
      const after = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(after.body).toMatchObject({ stage: open.body.stage, version: open.body.version, closureReason: null });
    });

    it('belongs to closing only', async () => {
      const caseId = await sharedCase();
      const open = await api.as('caseworker').get(`/cases/${caseId}`);
      const moved = await api
        .as('caseworker')
        .post(`/cases/${caseId}/stage`)
        .send({ to: 'reflection', version: open.body.version, reason: 'start', closureReason: 'Other' });
      expect(moved.status).toBe(400);
      expect(fieldsNamed(moved.body)).toContain('closureReason');
    });
  });

  describe('citizenships', () => {
    it('round-trip in every view, the first being citizenship', async () => {
      const caseId = await sharedCase();
      const full = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(full.body).toMatchObject({ citizenship: 'TJK', citizenships: ['TJK', 'UZB'] });
      for (const who of ['ngo', 'investigator']) {
        expect((await api.as(who).get(`/cases/${caseId}`)).body.citizenships).toEqual(['TJK', 'UZB']);
      }
      const listOnly = await api
        .as('caseworker')
        .patch(`/cases/${caseId}`)
        .send({ version: full.body.version, citizenships: ['RUS', 'TJK'] });
      expect(listOnly.status).toBe(200);
      expect(listOnly.body).toMatchObject({ citizenship: 'RUS', citizenships: ['RUS', 'TJK'] });
      // The single field alone still works: it becomes the first and keeps the others.
      const single = await api
        .as('caseworker')
        .patch(`/cases/${caseId}`)
        .send({ version: listOnly.body.version, citizenship: 'TJK' });
      expect(single.body).toMatchObject({ citizenship: 'TJK', citizenships: ['TJK', 'RUS'] });
      const cleared = await api
        .as('caseworker')
        .patch(`/cases/${caseId}`)
        .send({ version: single.body.version, citizenship: null });
      expect(cleared.body).toMatchObject({ citizenship: null, citizenships: [] });
    });

    it('a case opened with the single field only has it as its list', async () => {
      const { citizenships: _dropped, ...rest } = NEW_CASE;
      const opened = await api
        .as('caseworker')
        .post('/cases')
        .send({ ...rest, citizenship: 'AFG' });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({ citizenship: 'AFG', citizenships: ['AFG'] });
    });

    it.each<[string, object, string]>([
      ['a code not in the list', { citizenships: ['TJK', 'XXX'] }, 'citizenships'],
      ['twice the same', { citizenships: ['TJK', 'TJK'] }, 'citizenships'],
      ['not a list', { citizenships: 'TJK' }, 'citizenships'],
      ['citizenship outside the list', { citizenship: 'RUS', citizenships: ['TJK'] }, 'citizenship'],
    ])('%s answers 400 naming the field', async (_case, body, field) => {
      const bad = await api
        .as('caseworker')
        .post('/cases')
        .send({ ...NEW_CASE, ...body });
      expect(bad.status).toBe(400);
      expect(fieldsNamed(bad.body).some((f) => f === field || f.startsWith(`${field}[`))).toBe(true);
    });
  });

  describe('incoming referral from outside Panoh', () => {
    const expected = {
      referringOrganisationName: CASE.referringOrganisationName,
      referringOrganisationType: 'NGO',
      incomingReferralDate: '2026-01-12',
      incomingReferralReason: 'AdditionalServicesRequired',
      incomingReferralDetails: CASE.incomingReferralDetails,
    };

    it('round-trips in the full view, set at opening and changed later', async () => {
      const caseId = await sharedCase();
      const full = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(full.body).toMatchObject(expected);
      const changed = await api.as('caseworker').patch(`/cases/${caseId}`).send({
        version: full.body.version,
        referringOrganisationType: 'LawEnforcement',
        incomingReferralReason: 'MigrationOrChangeOfLocation',
        incomingReferralDetails: null,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        ...expected,
        referringOrganisationType: 'LawEnforcement',
        incomingReferralReason: 'MigrationOrChangeOfLocation',
        incomingReferralDetails: null,
      });
    });

    it('is not in the referral or the investigation view, by name or value', async () => {
      const caseId = await sharedCase();
      for (const who of ['ngo', 'investigator']) {
        const view = await api.as(who).get(`/cases/${caseId}`);
        expect(view.status).toBe(200);
        for (const field of Object.keys(expected)) expect(view.body).not.toHaveProperty(field);
        expect(JSON.stringify(view.body)).not.toContain('Referrer-5512');
        expect(JSON.stringify(view.body)).not.toContain('Details-7791');
      }
    });

    it('keeps the referring organisation and the details out of the database in clear', async () => {
      await sharedCase();
      const method = chooseDumpMethod();
      const dump = await dumpDatabase(method, t.db.superuserUrl);
      expect(dump.length).toBeGreaterThan(0);
      for (const marker of ['Referrer-5512', 'Details-7791']) {
        expect({ dump: describeDump(method), found: dump.includes(marker) }).toEqual({
          dump: describeDump(method),
          found: false,
        });
      }
    });

    it.each<[string, object]>([
      ['referringOrganisationType', { referringOrganisationType: 'Cartel' }],
      ['incomingReferralReason', { incomingReferralReason: 'Boredom' }],
      ['incomingReferralDate', { incomingReferralDate: '2026-13-40' }],
      ['incomingReferralDate', { incomingReferralDate: '2999-01-01' }],
      ['referringOrganisationName', { referringOrganisationName: 'line\nbreak' }],
      ['incomingReferralDetails', { incomingReferralDetails: '' }],
    ])('a bad %s answers 400 naming it', async (field, body) => {
      const bad = await api
        .as('caseworker')
        .post('/cases')
        .send({ ...NEW_CASE, ...body });
      expect(bad.status).toBe(400);
      expect(fieldsNamed(bad.body)).toContain(field);
      expect(JSON.stringify(bad.body)).not.toMatch(/Cartel|Boredom/);
    });
  });

  describe('children and dependants accompanying the person', () => {
    const expected = {
      accompanyingChildren: CASE.accompanyingChildren,
      accompanyingChildrenAgeBands: CASE.accompanyingChildrenAgeBands,
      accompanyingDependants: CASE.accompanyingDependants,
    };

    it('round-trip in the full view, set at opening and changed later', async () => {
      const caseId = await sharedCase();
      const full = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(full.status).toBe(200);
      expect(full.body).toMatchObject(expected);
      const changed = await api
        .as('caseworker')
        .patch(`/cases/${caseId}`)
        .send({
          version: full.body.version,
          accompanyingChildren: 3,
          accompanyingChildrenAgeBands: ['13--17'],
          accompanyingDependants: null,
        });
      expect(changed.status).toBe(200);
      const again = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(again.body).toMatchObject({
        accompanyingChildren: 3,
        accompanyingChildrenAgeBands: ['13--17'],
        accompanyingDependants: null,
      });
    });

    it('are not in the referral or the investigation view', async () => {
      const caseId = await sharedCase();
      for (const who of ['ngo', 'investigator']) {
        const view = await api.as(who).get(`/cases/${caseId}`);
        expect(view.status).toBe(200);
        for (const field of Object.keys(expected)) expect(view.body).not.toHaveProperty(field);
        expect(JSON.stringify(view.body)).not.toContain('9--12');
      }
    });

    it.each<[string, unknown]>([
      ['accompanyingChildren', -1],
      ['accompanyingChildren', 31],
      ['accompanyingChildren', 1.5],
      ['accompanyingChildren', '2'],
      ['accompanyingDependants', 'many'],
      ['accompanyingChildrenAgeBands', ['0--4', '0--4']],
      ['accompanyingChildrenAgeBands', ['Toddler']],
      ['accompanyingChildrenAgeBands', '0--4'],
    ])('a bad %s answers 400 naming it, and writes nothing', async (field, value) => {
      const before = await api.as('caseworker').get('/cases');
      const bad = await api
        .as('caseworker')
        .post('/cases')
        .send({ ...NEW_CASE, [field]: value });
      expect(bad.status).toBe(400);
      expect(fieldsNamed(bad.body).some((f) => f === field || f.startsWith(`${field}[`))).toBe(true);
      expect(JSON.stringify(bad.body)).not.toMatch(/Toddler|many/);
      const after = await api.as('caseworker').get('/cases');
      expect(after.body.total).toBe(before.body.total);

      const caseId = await sharedCase();
      const full = await api.as('caseworker').get(`/cases/${caseId}`);
      const badPatch = await api
        .as('caseworker')
        .patch(`/cases/${caseId}`)
        .send({ version: full.body.version, [field]: value });
      expect(badPatch.status).toBe(400);
      expect(fieldsNamed(badPatch.body).some((f) => f === field || f.startsWith(`${field}[`))).toBe(true);
    });
  });

  describe("the support plan's objectives and action plan", () => {
    it('round-trip in the full view, set at opening and changed through the case', async () => {
      const caseId = await sharedCase();
      const full = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(full.body).toMatchObject({ supportObjectives: CASE.supportObjectives, actionPlan: CASE.actionPlan });
      const changed = await api
        .as('caseworker')
        .patch(`/cases/${caseId}`)
        .send({ version: full.body.version, supportObjectives: 'Return home to Kulob.', actionPlan: null });
      expect(changed.status).toBe(200);
      const again = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(again.body).toMatchObject({ supportObjectives: 'Return home to Kulob.', actionPlan: null });
    });

    it('are not in the referral or the investigation view, by name or value', async () => {
      const caseId = await sharedCase();
      for (const who of ['ngo', 'investigator']) {
        const view = await api.as(who).get(`/cases/${caseId}`);
        expect(view.status).toBe(200);
        expect(view.body).not.toHaveProperty('supportObjectives');
        expect(view.body).not.toHaveProperty('actionPlan');
        expect(JSON.stringify(view.body)).not.toContain('Objectives-4417');
        expect(JSON.stringify(view.body)).not.toContain('Actions-8823');
      }
    });

    it('are not in the database in clear', async () => {
      await sharedCase();
      const method = chooseDumpMethod();
      const dump = await dumpDatabase(method, t.db.superuserUrl);
      expect(dump.length).toBeGreaterThan(0);
      for (const marker of ['Objectives-4417', 'Actions-8823']) {
        expect({ dump: describeDump(method), found: dump.includes(marker) }).toEqual({
          dump: describeDump(method),
          found: false,
        });
      }
    });

    it.each<[string, unknown]>([
      ['supportObjectives', ''],
      ['supportObjectives', 42],
      ['actionPlan', 'x'.repeat(10001)],
      ['actionPlan', ['Week 1']],
    ])('a bad %s answers 400 naming it', async (field, value) => {
      const bad = await api
        .as('caseworker')
        .post('/cases')
        .send({ ...NEW_CASE, [field]: value });
      expect(bad.status).toBe(400);
      expect(fieldsNamed(bad.body)).toContain(field);
      expect(JSON.stringify(bad.body)).not.toContain('Week 1');
    });

    it("are shown and changed on the support plan's page for the owner only", async () => {
      const caseId = await sharedCase();
      const owner = new WebClient(t);
      await owner.signIn(api.user('caseworker'));
      const page = await owner.get(`/ui/cases/${caseId}/support`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Objectives-4417');
      expect(page.text).toContain(`action="/ui/cases/${caseId}/support/objectives"`);
      const { version } = (await api.as('caseworker').get(`/cases/${caseId}`)).body;
      const saved = await owner.post(`/ui/cases/${caseId}/support/objectives`, {
        version: String(version),
        supportObjectives: 'Reunite with family-Changed-3391',
        actionPlan: '',
      });
      expect(saved.status).toBe(303);
      const again = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(again.body).toMatchObject({ supportObjectives: 'Reunite with family-Changed-3391', actionPlan: null });

      await owner.get(`/ui/cases/${caseId}/support`);
      const tooLong = await owner.post(`/ui/cases/${caseId}/support/objectives`, {
        version: String(again.body.version),
        supportObjectives: 'x'.repeat(10001),
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.text).toContain('supportObjectives');
      const unchanged = await api.as('caseworker').get(`/cases/${caseId}`);
      expect(unchanged.body.supportObjectives).toBe('Reunite with family-Changed-3391');

      const provider = new WebClient(t);
      await provider.signIn(api.user('ngo'));
      const shared = await provider.get(`/ui/cases/${caseId}/support`);
      expect(shared.text).not.toContain('Changed-3391');
      expect(shared.text).not.toContain('/support/objectives');
    });
  });
});
