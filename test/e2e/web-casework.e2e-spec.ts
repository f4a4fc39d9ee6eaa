import { Role } from '../../src/core/access/role';
import { escapeHtml } from '../../src/core/web/jsx';
import { common } from '../../src/core/web/messages';
import { supportMessages } from '../../src/modules/assistance/pages/support.messages';
import { caseActionMessages } from '../../src/modules/cases/case-records/pages/case-actions.messages';
import { stageMessages } from '../../src/modules/cases/stages/pages/stage.messages';
import { Api, signInCast } from '../support/api';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { freezeClock, TestClock } from '../support/test-clock';
import { WebClient } from '../support/web-client';

const tg = {
  actions: caseActionMessages.in('tg'),
  stage: stageMessages.in('tg'),
  support: supportMessages.in('tg'),
  common: common.in('tg'),
};
const ru = { actions: caseActionMessages.in('ru') };
const shown = (text: string) => escapeHtml(text);

interface AuditRow {
  action: string;
  outcome: string;
  status_code: number;
  case_ids: string[];
  person_ids: string[];
  view: string | null;
  fields: string[] | null;
  detail: Record<string, unknown> | null;
}

/** What two events of one action must share, whether a page or the API wrote them: ids aside. */
function shape(event: AuditRow, ids: Record<string, string> = {}) {
  const rename = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
  const detail = Object.fromEntries(
    Object.entries(event.detail ?? {}).map(([k, v]) => [k, /Id$/.test(k) ? typeof v : v]),
  );
  return {
    action: event.action,
    outcome: event.outcome,
    caseIds: event.case_ids.map(rename),
    personIds: event.person_ids.map(rename),
    view: event.view,
    fields: event.fields,
    detail,
  };
}

describe('the web interface: screenings, consents, stages, erasure and the support plan of a case', () => {
  let t: TestApp;
  let api: Api;
  let clock: TestClock;
  let shelter: string;
  let ngo: string;
  const web: Record<string, WebClient> = {};

  /** The newest event `name`'s user wrote with `action`. */
  const lastEvent = async (name: string, action: string): Promise<AuditRow> => {
    const [row] = await asSuperuser<AuditRow>(
      t.db,
      `SELECT action, outcome, status_code, case_ids, person_ids, view, fields, detail FROM audit_event
       WHERE actor_user_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1`,
      [api.user(name).id, action],
    );
    return row;
  };

  const openCase = async (owner = 'worker') =>
    (await api.as(owner).openCase({ person: { familyName: 'Рахимова', givenName: 'Зарина' }, gender: 'Feminine' })).id;

  beforeAll(async () => {
    // Back-off after two wrong passwords, the lock at the third: small, to show the lock below.
    t = await startTestApp({ PANOH_LOGIN_BACKOFF_AFTER: '2', PANOH_LOGIN_LOCK_AFTER: '3' });
    clock = freezeClock(t);
    [shelter, ngo] = await Promise.all([createOrganisation(t), createOrganisation(t)]);
    api = await signInCast(t, {
      worker: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      guesser: [Role.OrgManager, shelter],
      other: [Role.Caseworker, ngo],
      otherManager: [Role.OrgManager, ngo],
      investigator: [Role.Investigator, ngo],
    });
    for (const name of ['worker', 'manager', 'guesser', 'other', 'otherManager', 'investigator']) {
      web[name] = new WebClient(t);
      await web[name].signIn(api.user(name));
    }
  });
  afterAll(async () => {
    clock.restore();
    await t.close();
  });

  describe('screenings', () => {
    it('records a screening against an indicator list, each indicator labelled in the person’s language', async () => {
      const id = await openCase();
      const form = await web.worker.get(`/ui/cases/${id}/screenings/new?list=ilo_forced_labour_11`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Сӯистифода аз осебпазирӣ');
      expect(form.text).toContain(`href="/ui/cases/${id}"`);
      const sent = await web.worker.post(`/ui/cases/${id}/screenings/new`, {
        indicatorList: 'ilo_forced_labour_11',
        indicators: ['deception', 'abuse_of_vulnerability'],
        result: 'indicators_present',
      });
      expect(sent.status).toBe(303);
      expect((await web.worker.follow()).text).toContain(shown(tg.actions('screening_recorded')));
      const read = await api.as('worker').cases.get(id);
      expect(read.body.screenings).toEqual([
        expect.objectContaining({
          indicatorList: 'ilo_forced_labour_11',
          indicators: ['deception', 'abuse_of_vulnerability'],
          result: 'indicators_present',
        }),
      ]);
      const page = await lastEvent('worker', 'screening.recorded');
      const other = await openCase();
      await api.as('worker').cases.screen(other, {
        indicatorList: 'ilo_forced_labour_11',
        indicators: ['deception'],
        result: 'indicators_present',
      });
      const viaApi = await lastEvent('worker', 'screening.recorded');
      expect(shape(page, { case: id })).toEqual(shape(viaApi, { case: other }));
    });

    it('refuses a result that contradicts the indicators, keeping the ticks and naming the field in Russian', async () => {
      const id = await openCase();
      await web.worker.post('/ui/account/language', { language: 'ru', back: '/ui/account' });
      await web.worker.get(`/ui/cases/${id}/screenings/new?list=ilo_forced_labour_11`);
      const refused = await web.worker.post(`/ui/cases/${id}/screenings/new`, {
        indicatorList: 'ilo_forced_labour_11',
        indicators: ['deception'],
        result: 'no_indicators',
      });
      await web.worker.post('/ui/account/language', { language: 'tg', back: '/ui/account' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(shown(ru.actions('result_mismatch')));
      expect(refused.text).toMatch(/value="deception" checked/);
      expect((await api.as('worker').cases.get(id)).body.screenings).toEqual([]);
      expect(await lastEvent('worker', 'screening.recorded')).toEqual(
        expect.objectContaining({ outcome: 'failed', status_code: 400, case_ids: [id] }),
      );
    });

    it('answers a case of another organisation with a 404 page, audited as refused', async () => {
      const id = await openCase();
      const page = await web.other.get(`/ui/cases/${id}/screenings/new`);
      expect(page.status).toBe(404);
      expect(page.text).toContain(shown(tg.common('not_found_title')));
      expect(page.text).not.toContain('Рахимова');
      expect(await lastEvent('other', 'case.viewed')).toEqual(
        expect.objectContaining({ outcome: 'denied', status_code: 404, case_ids: [id] }),
      );
      const sent = await web.other.post(`/ui/cases/${id}/screenings/new`, {
        indicatorList: 'ilo_forced_labour_11',
        indicators: ['deception'],
        result: 'indicators_present',
      });
      expect(sent.status).toBe(404);
      expect(await lastEvent('other', 'screening.recorded')).toEqual(
        expect.objectContaining({ outcome: 'denied', status_code: 404, case_ids: [id] }),
      );
    });

    it('keeps the form from a role without the permission (403, audited as a denial)', async () => {
      const id = await openCase();
      expect((await web.investigator.get(`/ui/cases/${id}/screenings/new`)).status).toBe(403);
      const [denied] = await asSuperuser<{ detail: { attempted: string } }>(
        t.db,
        `SELECT detail FROM audit_event WHERE actor_user_id = $1 AND action = 'access.denied' ORDER BY seq DESC LIMIT 1`,
        [api.user('investigator').id],
      );
      expect(denied.detail.attempted).toBe('case.viewed');
    });
  });

  describe('consents', () => {
    it('records a consent to referral with its purposes, and withdraws it after a confirmation', async () => {
      const id = await openCase();
      const form = await web.worker.get(`/ui/cases/${id}/consents/new`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Равон кардан ба ташкилоти номбаршуда');
      expect(form.text).toContain(`href="/ui/cases/${id}"`);
      const sent = await web.worker.post(`/ui/cases/${id}/consents/new`, {
        purpose: 'referral',
        recipientOrganisationId: ngo,
        referralPurposes: ['shelter', 'legal'],
      });
      expect(sent.status).toBe(303);
      const listed = await web.worker.follow();
      expect(listed.text).toContain(shown(tg.actions('consent_recorded')));
      const [consent] = (await api.as('worker').cases.get(id)).body.consents ?? [];
      expect(consent).toEqual(
        expect.objectContaining({
          purpose: 'referral',
          recipientOrganisationId: ngo,
          referralPurposes: ['shelter', 'legal'],
          withdrawnAt: null,
        }),
      );
      expect(listed.text).toContain(`action="/ui/cases/${id}/consents/${consent.id}/withdraw"`);
      expect(listed.text).toContain('data-confirm=');
      const page = await lastEvent('worker', 'consent.given');
      const other = await openCase();
      await api.as('worker').consentToReferral(other, ngo, ['shelter']);
      expect(shape(page, { case: id })).toEqual(shape(await lastEvent('worker', 'consent.given'), { case: other }));

      const unconfirmed = await web.worker.post(`/ui/cases/${id}/consents/${consent.id}/withdraw`, {});
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.text).toContain(shown(tg.actions('withdraw_needs_tick')));
      expect((await api.as('worker').cases.get(id)).body.consents?.[0].withdrawnAt).toBeNull();
      const withdrawn = await web.worker.post(`/ui/cases/${id}/consents/${consent.id}/withdraw`, { confirm: 'yes' });
      expect(withdrawn.status).toBe(303);
      expect((await web.worker.follow()).text).toContain(shown(tg.actions('consent_withdrawn')));
      expect((await api.as('worker').cases.get(id)).body.consents?.[0].withdrawnAt).toEqual(expect.any(String));
      const pageWithdrawal = await lastEvent('worker', 'consent.withdrawn');
      const otherConsent = (await api.as('worker').cases.get(other)).body.consents?.[0].id as string;
      await api.as('worker').withdrawConsent(other, otherConsent);
      expect(shape(pageWithdrawal, { case: id })).toEqual(
        shape(await lastEvent('worker', 'consent.withdrawn'), { case: other }),
      );
    });

    it('refuses a referral consent without its organisation, keeping the purposes and naming the field', async () => {
      const id = await openCase();
      await web.worker.get(`/ui/cases/${id}/consents/new`);
      const refused = await web.worker.post(`/ui/cases/${id}/consents/new`, {
        purpose: 'referral',
        referralPurposes: ['shelter'],
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/<div class="field has-error"><label for="f-recipientOrganisationId">/);
      expect(refused.text).toMatch(/value="shelter" checked/);
      expect(refused.text).toMatch(/<option value="referral" selected>/);
      expect((await api.as('worker').cases.get(id)).body.consents).toEqual([]);
    });

    it('says a consent already withdrawn is gone', async () => {
      const id = await openCase();
      const consentId = await api.as('worker').consent(id, { purpose: 'statistics' });
      await api.as('worker').withdrawConsent(id, consentId);
      await web.worker.get(`/ui/cases/${id}/consents/new`);
      const again = await web.worker.post(`/ui/cases/${id}/consents/${consentId}/withdraw`, { confirm: 'yes' });
      expect(again.status).toBe(409);
      expect(again.text).toContain(shown(tg.actions('consent_gone')));
    });
  });

  describe('the stage', () => {
    it('offers a caseworker only the staff’s next steps, and moves the case as the API does', async () => {
      const id = await openCase();
      const page = await web.worker.get(`/ui/cases/${id}/stage`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<option value="referred"');
      expect(page.text).toContain('<option value="reflection"');
      expect(page.text).not.toContain(shown(tg.stage('close_title')));
      expect(page.text).not.toContain(shown(tg.stage('decision_title')));
      const moved = await web.worker.post(`/ui/cases/${id}/stage`, {
        to: 'reflection',
        version: String(await api.as('worker').version(id)),
        reason: 'Зарина агар хоҳад, вақти андеша дорад',
      });
      expect(moved.status).toBe(303);
      const after = await web.worker.follow();
      expect(after.text).toContain(shown(tg.stage('moved')));
      const ends = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      expect(after.text).toContain(`<time datetime="${ends}">`);
      expect((await api.as('worker').cases.get(id)).body.stage).toBe('reflection');
      const pageEvent = await lastEvent('worker', 'case.stage_changed');
      const other = await openCase();
      await api.as('worker').cases.changeStage(other, { to: 'reflection', version: 1, reason: 'api' });
      expect(shape(pageEvent, { case: id })).toEqual(
        shape(await lastEvent('worker', 'case.stage_changed'), { case: other }),
      );
      // A caseworker may not close the case, whatever the form says.
      const closing = await web.worker.post(`/ui/cases/${id}/stage`, {
        to: 'closed',
        version: String(await api.as('worker').version(id)),
        reason: 'x',
        confirm: 'yes',
        closureReason: 'AssistanceCompleted',
      });
      expect(closing.status).toBe(403);
    });

    it('lets the manager decide the status, within the reflection period only at the person’s request', async () => {
      const id = await openCase();
      await api.as('worker').cases.changeStage(id, { to: 'reflection', version: 1, reason: 'start' });
      const page = await web.manager.get(`/ui/cases/${id}/stage`);
      expect(page.text).toContain(shown(tg.stage('decision_title')));
      expect(page.text).toContain(shown(tg.stage('close_title')));
      const decision = {
        to: 'status_decided',
        version: '2',
        reason: 'Шахс хоҳиш кард',
        traffickingStatus: 'ActualVictimOfTrafficking',
        statusDecidedBy: 'NGO',
        decidingOrganisationId: shelter,
      };
      const early = await web.manager.post(`/ui/cases/${id}/stage`, decision);
      expect(early.status).toBe(409);
      const ends = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      expect(early.text).toContain(shown(tg.stage('reflection_running', { day: ends })));
      expect(early.text).toContain('Шахс хоҳиш кард');
      const decided = await web.manager.post(`/ui/cases/${id}/stage`, { ...decision, reflectionWaived: 'yes' });
      expect(decided.status).toBe(303);
      const read = await api.as('manager').cases.get(id);
      expect({ stage: read.body.stage, status: read.body.traffickingStatus }).toEqual({
        stage: 'status_decided',
        status: 'ActualVictimOfTrafficking',
      });
    });

    it('closes a case only with the box ticked, and refuses a stale version with the case as it is now', async () => {
      const id = await openCase();
      await web.manager.get(`/ui/cases/${id}/stage`);
      const unticked = await web.manager.post(`/ui/cases/${id}/stage`, { to: 'closed', version: '1', reason: 'done' });
      expect(unticked.status).toBe(400);
      expect(unticked.text).toContain(shown(tg.stage('close_needs_tick')));
      const stale = await web.manager.post(`/ui/cases/${id}/stage`, {
        to: 'closed',
        version: '7',
        reason: 'done',
        confirm: 'yes',
        closureReason: 'AssistanceCompleted',
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain(shown(tg.stage('changed_meanwhile')));
      const closed = await web.manager.post(`/ui/cases/${id}/stage`, {
        to: 'closed',
        version: '1',
        reason: 'done',
        confirm: 'yes',
        closureReason: 'AssistanceCompleted',
      });
      expect(closed.status).toBe(303);
      expect((await api.as('manager').cases.get(id)).body).toMatchObject({
        stage: 'closed',
        closureReason: 'AssistanceCompleted',
      });
      expect((await web.manager.follow()).text).toContain(shown(tg.stage('no_moves')));
    });

    it('answers another organisation’s case with a 404 page, audited as refused', async () => {
      const id = await openCase();
      expect((await web.other.get(`/ui/cases/${id}/stage`)).status).toBe(404);
      expect(await lastEvent('other', 'case.viewed')).toEqual(
        expect.objectContaining({ outcome: 'denied', status_code: 404, case_ids: [id] }),
      );
    });
  });

  describe('erasure', () => {
    it('is the manager’s: a caseworker is refused the page', async () => {
      const id = await openCase();
      expect((await web.worker.get(`/ui/cases/${id}/erase`)).status).toBe(403);
    });

    it('refuses without the box, without the password and with a wrong one; then erases with the right one', async () => {
      const id = await openCase();
      const personId = (await api.as('manager').cases.get(id)).body.person?.id as string;
      const form = await web.manager.get(`/ui/cases/${id}/erase`);
      expect(form.status).toBe(200);
      expect(form.text).toContain(shown(tg.actions('erase_gone_documents')));
      expect(form.text).toContain('name="confirm"');
      expect(form.text).toContain('type="password"');
      expect(form.text).toContain('data-confirm=');
      expect(form.text).not.toContain('Рахимова');

      const failures = async () =>
        (
          await asSuperuser<{ failed_login_count: number }>(t.db, `SELECT failed_login_count FROM app_user WHERE id = $1`, [
            api.user('manager').id,
          ])
        )[0].failed_login_count;

      const unticked = await web.manager.post(`/ui/cases/${id}/erase`, { password: api.user('manager').password });
      expect(unticked.status).toBe(400);
      expect(unticked.text).toContain(shown(tg.actions('erase_needs_tick')));
      expect(unticked.text).not.toContain(api.user('manager').password);

      const withoutPassword = await web.manager.post(`/ui/cases/${id}/erase`, { confirm: 'yes' });
      expect(withoutPassword.status).toBe(400);
      expect(withoutPassword.text).toMatch(/<div class="field has-error"><label for="f-password">/);
      expect(withoutPassword.text).toContain(shown(tg.common('field_required')));
      expect(await failures()).toBe(0);

      const wrong = await web.manager.post(`/ui/cases/${id}/erase`, { confirm: 'yes', password: 'not the password at all' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain(shown(tg.actions('erase_password_wrong')));
      expect(wrong.text).not.toContain('not the password at all');
      expect(await failures()).toBe(1);
      expect(await lastEvent('manager', 'person.erased')).toEqual(
        expect.objectContaining({
          outcome: 'failed',
          status_code: 400,
          case_ids: [id],
          detail: { reason: 'current_password_wrong' },
        }),
      );
      expect((await api.as('manager').persons.get(personId)).status).toBe(200);

      const erased = await web.manager.post(`/ui/cases/${id}/erase`, { confirm: 'yes', password: api.user('manager').password });
      expect(erased.status).toBe(303);
      expect(await failures()).toBe(0);
      const done = await web.manager.follow();
      expect(done.status).toBe(200);
      expect(done.text).toContain(shown(tg.actions('erased_text')));
      expect(done.text).not.toContain('Рахимова');
      expect(done.text).not.toContain('Зарина');
      expect((await api.as('manager').persons.get(personId)).status).toBe(410);

      const pageEvent = await lastEvent('manager', 'person.erased');
      expect(pageEvent).toEqual(expect.objectContaining({ outcome: 'allowed', person_ids: [personId], case_ids: [id] }));
      const other = await openCase();
      const otherPerson = (await api.as('manager').cases.get(other)).body.person?.id as string;
      expect((await api.as('manager').persons.erase(otherPerson)).status).toBe(204);
      const viaApi = await lastEvent('manager', 'person.erased');
      expect({ ...shape(pageEvent, { person: personId }), caseIds: [] }).toEqual(
        shape(viaApi, { person: otherPerson }),
      );
    });

    it('counts a wrong password towards the same lock as a wrong current password at a password change', async () => {
      const id = await openCase();
      const guess = (i: number) =>
        api
          .as('guesser')
          .post('/auth/password')
          .send({ currentPassword: `guess ${i} at the password`, newPassword: 'a new password nobody guesses 7' });
      expect((await guess(1)).status).toBe(400);
      expect((await guess(2)).status).toBe(400);
      clock.advance(1);
      await web.guesser.get(`/ui/cases/${id}/erase`);
      const third = await web.guesser.post(`/ui/cases/${id}/erase`, { confirm: 'yes', password: 'a third guess at it' });
      expect(third.status).toBe(400);
      const [locked] = await asSuperuser<{ detail: Record<string, unknown> }>(
        t.db,
        `SELECT detail FROM audit_event WHERE action = 'account.locked' AND detail->>'targetUserId' = $1`,
        [api.user('guesser').id],
      );
      expect(locked.detail).toEqual(expect.objectContaining({ failures: 3, during: 'reconfirmation' }));
      // The lock ended the session: the next page is the signed-out one.
      expect((await web.guesser.get(`/ui/cases/${id}/erase`)).headers.location).toMatch(/^\/ui\/signed-out/);
      expect((await api.as('manager').cases.get(id)).status).toBe(200);
    });

    it('answers another organisation’s case with a 404 page, audited as refused, before any password is tried', async () => {
      const id = await openCase();
      expect((await web.otherManager.get(`/ui/cases/${id}/erase`)).status).toBe(404);
      const sent = await web.otherManager.post(`/ui/cases/${id}/erase`, {
        confirm: 'yes',
        password: api.user('otherManager').password,
      });
      expect(sent.status).toBe(404);
      expect(await lastEvent('otherManager', 'person.erased')).toEqual(
        expect.objectContaining({ outcome: 'denied', status_code: 404, case_ids: [id] }),
      );
    });
  });

  describe('the support plan', () => {
    it('adds an item and records its delivery, as the API’s routes do', async () => {
      const id = await openCase();
      const page = await web.worker.get(`/ui/cases/${id}/support`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(shown(tg.support('none_yet')));
      expect(page.text).toContain(`href="/ui/cases/${id}"`);
      const added = await web.worker.post(`/ui/cases/${id}/support`, {
        type: 'Legal',
        plannedStart: '2026-01-10',
        plannedEnd: '2026-02-10',
        notes: 'Адвокат дар Хуҷанд',
      });
      expect(added.status).toBe(303);
      const plan = await web.worker.follow();
      expect(plan.text).toContain(shown(tg.support('added')));
      expect(plan.text).toContain('Адвокат дар Хуҷанд');
      const [item] = (await api.as('worker').assistance.list(id)).body;
      expect(item).toEqual(expect.objectContaining({ type: 'Legal', status: 'planned', plannedStart: '2026-01-10' }));
      const addEvent = await lastEvent('worker', 'assistance.item_added');
      const other = await openCase();
      await api.as('worker').assistance.plan(other, {
        type: 'Legal',
        plannedStart: '2026-01-10',
        plannedEnd: '2026-02-10',
        notes: 'x',
      });
      expect(shape(addEvent, { case: id })).toEqual(shape(await lastEvent('worker', 'assistance.item_added'), { case: other }));

      const refused = await web.worker.post(`/ui/cases/${id}/support/${item.id}`, {
        version: '1',
        [`status-${item.id}`]: 'delivered',
        [`actualStart-${item.id}`]: '2026-01-12',
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(shown(tg.support('end_problem')));
      expect(refused.text).toContain('value="2026-01-12"');
      const delivered = await web.worker.post(`/ui/cases/${id}/support/${item.id}`, {
        version: '1',
        [`status-${item.id}`]: 'delivered',
        [`actualStart-${item.id}`]: '2026-01-12',
        [`actualEnd-${item.id}`]: '2026-01-20',
      });
      expect(delivered.status).toBe(303);
      const [after] = (await api.as('worker').assistance.list(id)).body;
      expect(after).toEqual(
        expect.objectContaining({ status: 'delivered', actualStart: '2026-01-12', actualEnd: '2026-01-20', version: 2 }),
      );
      const updateEvent = await lastEvent('worker', 'assistance.item_updated');
      const [otherItem] = (await api.as('worker').assistance.list(other)).body;
      await api.as('worker').assistance.update(other, otherItem.id, {
        version: 1,
        status: 'delivered',
        actualStart: '2026-01-12',
        actualEnd: '2026-01-20',
      });
      const apiUpdate = await lastEvent('worker', 'assistance.item_updated');
      expect(shape(updateEvent, { case: id })).toEqual(shape(apiUpdate, { case: other }));
    });

    it('changes an item’s planned days and notes, as PATCH does, refusing an end before the start', async () => {
      const id = await openCase();
      const other = await openCase();
      const planned = {
        type: 'Legal' as const,
        plannedStart: '2026-01-10',
        plannedEnd: '2026-02-10',
        notes: 'Адвокат дар Хуҷанд',
      };
      const item = (await api.as('worker').assistance.plan(id, planned)).body;
      const otherItem = (await api.as('worker').assistance.plan(other, planned)).body;
      expect((await web.worker.get(`/ui/cases/${id}/support`)).text).toContain(
        `href="/ui/cases/${id}/support/${item.id}/plan"`,
      );
      const form = await web.worker.get(`/ui/cases/${id}/support/${item.id}/plan`);
      expect(form.status).toBe(200);
      expect(form.text).toContain(shown(tg.support('plan_title')));
      expect(form.text).toContain('value="2026-02-10"');
      const read = await lastEvent('worker', 'assistance.listed');
      await api.as('worker').assistance.list(other);
      expect(shape(read, { case: id })).toEqual(shape(await lastEvent('worker', 'assistance.listed'), { case: other }));

      const backwards = await web.worker.post(`/ui/cases/${id}/support/${item.id}/plan`, {
        version: '1',
        plannedStart: '2026-03-01',
        plannedEnd: '2026-02-01',
        notes: 'Адвокат дар Душанбе',
      });
      expect(backwards.status).toBe(400);
      expect(backwards.text).toContain(shown(tg.support('planned_end_before_start')));
      expect(backwards.text).toContain('Адвокат дар Душанбе');
      const changed = await web.worker.post(`/ui/cases/${id}/support/${item.id}/plan`, {
        version: '1',
        plannedStart: '2026-03-01',
        plannedEnd: '2026-04-01',
        notes: 'Адвокат дар Душанбе',
      });
      expect(changed.status).toBe(303);
      expect((await web.worker.follow()).text).toContain(shown(tg.support('plan_changed')));
      const [after] = (await api.as('worker').assistance.list(id)).body;
      expect(after).toEqual(
        expect.objectContaining({
          plannedStart: '2026-03-01',
          plannedEnd: '2026-04-01',
          notes: 'Адвокат дар Душанбе',
          version: 2,
        }),
      );
      const pageUpdate = await lastEvent('worker', 'assistance.item_updated');
      await api.as('worker').assistance.update(other, otherItem.id, {
        version: 1,
        plannedStart: '2026-03-01',
        plannedEnd: '2026-04-01',
        notes: 'Адвокат дар Душанбе',
      });
      expect(shape(pageUpdate, { case: id })).toEqual(
        shape(await lastEvent('worker', 'assistance.item_updated'), { case: other }),
      );

      // The form read before is stale now.
      const stale = await web.worker.post(`/ui/cases/${id}/support/${item.id}/plan`, {
        version: '1',
        plannedStart: '2026-03-02',
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain(shown(tg.support('item_changed')));
      expect((await web.other.get(`/ui/cases/${id}/support/${item.id}/plan`)).status).toBe(404);
      expect(await lastEvent('other', 'assistance.listed')).toEqual(
        expect.objectContaining({ outcome: 'denied', status_code: 404, case_ids: [id] }),
      );
    });

    it('refuses an item without its type, keeping what was typed', async () => {
      const id = await openCase();
      await web.worker.get(`/ui/cases/${id}/support`);
      const refused = await web.worker.post(`/ui/cases/${id}/support`, { plannedStart: '2026-03-01' });
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/<div class="field has-error"><label for="f-type">/);
      expect(refused.text).toContain('value="2026-03-01"');
    });

    it('answers another organisation’s case with a 404 page, audited as the API’s read refused', async () => {
      const id = await openCase();
      expect((await web.other.get(`/ui/cases/${id}/support`)).status).toBe(404);
      expect(await lastEvent('other', 'assistance.listed')).toEqual(
        expect.objectContaining({ outcome: 'denied', status_code: 404, case_ids: [id] }),
      );
    });
  });
});
