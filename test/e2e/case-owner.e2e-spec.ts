import { Role } from '../../src/core/access/role';
import { UsersService } from '../../src/modules/users';
import { Api, inDays, signInCast } from '../support/api';
import { createOrganisation, createUser, TestApp, startTestApp } from '../support/test-app';
import { asSuperuser } from '../support/test-cluster';
import { WebClient } from '../support/web-client';

/** The case owner inside the organisation (HTCDS cas_CaseOwner): set at opening, reassigned by the manager, "my cases". */
describe('the case owner', () => {
  let t: TestApp;
  let api: Api;
  let shelter: string;
  let ngo: string;

  beforeAll(async () => {
    t = await startTestApp();
    [shelter, ngo] = [await createOrganisation(t), await createOrganisation(t)];
    api = await signInCast(t, {
      worker: [Role.Caseworker, shelter],
      colleague: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      ownInvestigator: [Role.Investigator, shelter],
      ngo: [Role.Caseworker, ngo],
      ngoManager: [Role.OrgManager, ngo],
    });
  });
  afterAll(() => t.close());

  const person = { familyName: 'Рахимова', givenName: 'Мадина' };
  const id = (name: string) => api.user(name).id;

  it('is the user who opened the case, unless the opening names another of the organisation', async () => {
    const own = await api.as('worker').openCase({ person });
    expect(own.ownerUserId).toBe(id('worker'));
    const given = await api.as('worker').openCase({ person, ownerUserId: id('colleague') });
    expect(given.ownerUserId).toBe(id('colleague'));
  });

  it('refuses at opening an owner who is not an active caseworker or manager of the organisation, naming the field, and opens nothing', async () => {
    const disabled = await createUser(t, Role.Caseworker, shelter);
    await t.app.get(UsersService).disable(disabled.id);
    const before = await asSuperuser<{ n: string }>(t.db, 'SELECT count(*) AS n FROM victim_case');
    for (const ownerUserId of [id('ownInvestigator'), id('ngo'), disabled.id, '00000000-0000-4000-8000-000000000001']) {
      const refused = await api.as('worker').cases.create({ person, ownerUserId });
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'ownerUserId' })]);
      expect(JSON.stringify(refused.body)).not.toContain(ownerUserId);
    }
    const after = await asSuperuser<{ n: string }>(t.db, 'SELECT count(*) AS n FROM victim_case');
    expect(after[0].n).toBe(before[0].n);
  });

  it('is reassigned by the manager only, to an eligible user, audited with both ids', async () => {
    const { id: caseId } = await api.as('worker').openCase({ person });
    const byWorker = await api.as('worker').put(`/cases/${caseId}/owner`).send({ ownerUserId: id('colleague') });
    expect(byWorker.status).toBe(403);
    const wrong = await api.as('manager').put(`/cases/${caseId}/owner`).send({ ownerUserId: id('ngo') });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'ownerUserId' })]);
    const malformed = await api.as('manager').put(`/cases/${caseId}/owner`).send({ ownerUserId: 'nobody' });
    expect(malformed.status).toBe(400);
    const changed = await api.as('manager').put(`/cases/${caseId}/owner`).send({ ownerUserId: id('colleague') });
    expect(changed.status).toBe(200);
    expect(changed.body.ownerUserId).toBe(id('colleague'));
    expect((await api.as('worker').cases.get(caseId)).body.ownerUserId).toBe(id('colleague'));
    const events = await asSuperuser<{ outcome: string; detail: Record<string, unknown> }>(
      t.db,
      `SELECT outcome, detail FROM audit_event WHERE $1 = ANY(case_ids) AND action = 'case.owner_changed' ORDER BY seq`,
      [caseId],
    );
    expect(events.at(-1)?.outcome).toBe('allowed');
    expect(events.at(-1)?.detail).toMatchObject({ fromOwner: id('worker'), toOwner: id('colleague') });
    // Another organisation's manager does not know the case.
    const stranger = await api.as('ngoManager').put(`/cases/${caseId}/owner`).send({ ownerUserId: id('ngo') });
    expect(stranger.status).toBe(404);
  });

  it('filters the case list to "my cases"', async () => {
    const mine = await api.as('colleague').openCase({ person });
    const theirs = await api.as('worker').openCase({ person });
    const listed = await api.as('colleague').cases.list({ mine: 'true', limit: 100 });
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((i) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect((await api.as('colleague').cases.list({ mine: 'yes' })).status).toBe(400);
  });

  it('is shown in the owner\'s full view only, not to an organisation the case is shared with', async () => {
    const caseId = await api.sharedCase('worker', { person }, { referral: [ngo] });
    const shared = await api.as('ngo').cases.get(caseId);
    expect(shared.status).toBe(200);
    expect(shared.body.view).toBe('referral');
    expect(Object.keys(shared.body)).not.toContain('ownerUserId');
    expect(JSON.stringify(shared.body)).not.toContain(id('worker'));
  });

  it('follows a transfer to the manager who accepts it', async () => {
    const { id: caseId } = await api.as('worker').openCase({ person });
    const consentId = await api.as('worker').consentToReferral(caseId, ngo, ['transfer']);
    const sent = await api.as('worker').refer(caseId, { toOrganisationId: ngo, purpose: 'transfer', consentId, dueAt: inDays(1) });
    await api.as('ngoManager').accept(sent.id);
    const read = await api.as('ngoManager').cases.get(caseId);
    expect(read.body.ownerUserId).toBe(id('ngoManager'));
  });

  it('is shown on the case page, changed by the manager through its form, and filtered on the list page', async () => {
    const { id: caseId } = await api.as('worker').openCase({ person });
    const web = new WebClient(t);
    await web.signIn(api.user('manager'));
    const page = await web.get(`/ui/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(api.user('worker').username);
    expect(page.text).toContain(`action="/ui/cases/${caseId}/owner"`);
    const refused = await web.post(`/ui/cases/${caseId}/owner`, { ownerUserId: id('ngo') });
    expect(refused.status).toBe(422);
    expect(refused.text).not.toContain(id('ngo'));
    const changed = await web.post(`/ui/cases/${caseId}/owner`, { ownerUserId: id('colleague') });
    expect(changed.status).toBe(303);
    expect((await web.follow()).text).toContain(api.user('colleague').username);

    const worker = new WebClient(t);
    await worker.signIn(api.user('worker'));
    const shown = await worker.get(`/ui/cases/${caseId}`);
    expect(shown.text).not.toContain(`action="/ui/cases/${caseId}/owner"`);
    expect((await worker.post(`/ui/cases/${caseId}/owner`, { ownerUserId: id('worker') })).status).toBe(403);
    const list = await worker.get('/ui/cases?owner=mine');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(caseId);
    expect((await worker.get('/ui/cases?owner=theirs')).status).toBe(400);
  });
});
