import { Role } from '../../src/core/access/role';
import { referralMessages } from '../../src/modules/referrals/pages/referrals.messages';
import { notificationMessages } from '../../src/modules/notifications/pages/notifications.messages';
import { investigationMessages } from '../../src/modules/investigations/pages/investigation.messages';
import { accessLogMessages } from '../../src/modules/cases/case-records/pages/access-log.messages';
import { Api, inDays, signInCast } from '../support/api';
import type { CreateCase } from '../support/api-types';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

const NEW_CASE = {
  person: { familyName: 'Назарова', givenName: 'Мавлуда', dateOfBirth: '2001-09-14' },
  gender: 'Feminine',
  citizenship: 'TJK',
  exploitationTypes: ['ForcedLabour'],
} satisfies CreateCase;
const MESSAGE = 'Needs a bed before the hearing; speaks Uzbek.';
const PERPETRATOR = 'Рустам Ғафуров';

const tg = referralMessages.in('tg');
/** The language a page is in (people keep the one they chose, from one sign-in to the next). */
const languageOf = (html: string) => (/<html lang="(tg|ru|en)">/.exec(html)?.[1] ?? 'tg') as 'tg' | 'ru' | 'en';
const en = referralMessages.in('en');

interface Event {
  action: string;
  outcome: string;
  status_code: number;
  case_ids: string[];
  view: string | null;
  actor_user_id: string;
}

describe('the web interface: referrals, notifications, the investigation and the access log', () => {
  let t: TestApp;
  let api: Api;
  let khujand: string;
  let dushanbe: string;
  let mia: string;

  beforeAll(async () => {
    t = await startTestApp();
    khujand = await createOrganisation(t, `Shelter Khujand ${Date.now()}`);
    dushanbe = await createOrganisation(t, `Shelter Dushanbe ${Date.now()}`);
    mia = await createOrganisation(t, `MIA anti-trafficking unit ${Date.now()}`, 'LawEnforcement');
    api = await signInCast(t, {
      khujand: [Role.Caseworker, khujand],
      khujandManager: [Role.OrgManager, khujand],
      dushanbe: [Role.Caseworker, dushanbe],
      dushanbeManager: [Role.OrgManager, dushanbe],
      investigator: [Role.Investigator, mia],
      miaManager: [Role.OrgManager, mia],
    });
  });
  afterAll(() => t.close());

  /** A browser signed in as one of the cast. */
  async function browser(name: string): Promise<WebClient> {
    const web = new WebClient(t);
    await web.signIn(api.user(name));
    return web;
  }

  /** The person chooses English, as from any page's language form. */
  async function inEnglish(web: WebClient): Promise<void> {
    await web.get('/ui/account');
    expect((await web.post('/ui/account/language', { language: 'en', back: '/ui/account' })).status).toBe(303);
  }

  /** The one event the last request wrote (pages and API alike), by its request id. */
  async function lastEvent(userName: string): Promise<Event> {
    const [event] = await asSuperuser<Event>(
      t.db,
      `SELECT action, outcome, status_code, case_ids, view, actor_user_id FROM audit_event
       WHERE actor_user_id = $1 ORDER BY seq DESC LIMIT 1`,
      [api.user(userName).id],
    );
    return event;
  }

  /** What an event says, without who or when: a page's must equal the API route's. */
  const gist = (e: Event) => ({ action: e.action, outcome: e.outcome, case_ids: e.case_ids, view: e.view });

  /** The options of the select named `name` on a page. */
  function options(html: string, name: string): string[] {
    const select = new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`, 's').exec(html);
    return [...(select?.[1] ?? '').matchAll(/<option value="([^"]*)"/g)].map((o) => o[1]).filter(Boolean);
  }

  async function caseWithConsents(): Promise<{ caseId: string; referralConsent: string; disclosure: string }> {
    const { id: caseId } = await api.as('khujand').openCase(NEW_CASE);
    const referralConsent = await api.as('khujand').consentToReferral(caseId, dushanbe, ['shelter', 'medical']);
    const disclosure = await api.as('khujand').consent(caseId, { purpose: 'law_enforcement_disclosure' });
    return { caseId, referralConsent, disclosure };
  }

  it('sends a referral through the page as a Khujand caseworker, offering only what a live consent covers', async () => {
    const { caseId, referralConsent, disclosure } = await caseWithConsents();
    const web = await browser('khujand');

    const form = await web.get(`/ui/cases/${caseId}/referrals`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(tg('send_title'));
    // The purposes a live consent covers: shelter and medical to Dushanbe, law enforcement to the unit.
    expect(options(form.text, 'purpose').sort()).toEqual(['law_enforcement', 'medical', 'shelter']);
    expect(options(form.text, 'consentId').sort()).toEqual([referralConsent, disclosure].sort());
    const recipients = options(form.text, 'toOrganisationId');
    expect(recipients).toEqual(expect.arrayContaining([dushanbe, mia]));
    expect(recipients).not.toContain(khujand);
    expect(await lastEvent('khujand')).toMatchObject({ action: 'referral.listed', outcome: 'allowed', case_ids: [caseId] });

    // A withdrawn consent offers nothing.
    await api.as('khujand').withdrawConsent(caseId, disclosure);
    const after = await web.get(`/ui/cases/${caseId}/referrals`);
    expect(options(after.text, 'purpose').sort()).toEqual(['medical', 'shelter']);

    const sent = await web.post(`/ui/cases/${caseId}/referrals`, {
      toOrganisationId: dushanbe,
      purpose: 'shelter',
      consentId: referralConsent,
      message: MESSAGE,
      dueOn: inDays(10).slice(0, 10),
    });
    expect(sent.status).toBe(303);
    const referralId = /\/ui\/referrals\/([0-9a-f-]{36})\?done=sent/.exec(sent.headers.location as string)?.[1] as string;
    expect(referralId).toBeDefined();
    const pageEvent = await lastEvent('khujand');

    // The same through the API writes the same event.
    const viaApi = await api.as('khujand').refer(caseId, { toOrganisationId: dushanbe, purpose: 'medical', consentId: referralConsent });
    expect(viaApi.status).toBe('pending');
    expect(gist(pageEvent)).toEqual(gist(await lastEvent('khujand')));
    expect(pageEvent).toMatchObject({ action: 'referral.sent', outcome: 'allowed', case_ids: [caseId] });

    const shown = await web.follow();
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(tg('done_sent'));
    expect(shown.text).toContain(MESSAGE);
    expect(shown.text).toContain(tg('withdraw_title'));
    expect(shown.text).not.toContain(tg('accept_title'));
    const listed = await web.get(`/ui/cases/${caseId}/referrals`);
    expect(listed.text).toContain(`/ui/referrals/${referralId}`);
  });

  it('refuses a referral the consent does not cover, keeping what was typed with the problem beside the field', async () => {
    const { caseId, referralConsent } = await caseWithConsents();
    const web = await browser('khujand');
    await inEnglish(web);
    await web.get(`/ui/cases/${caseId}/referrals`);
    const refused = await web.post(`/ui/cases/${caseId}/referrals`, {
      toOrganisationId: dushanbe,
      purpose: 'legal',
      consentId: referralConsent,
      message: MESSAGE,
      dueOn: inDays(10).slice(0, 10),
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/id="f-consentId-error">This consent does not cover/);
    expect(refused.text).toContain(MESSAGE);
    expect(await lastEvent('khujand')).toMatchObject({ action: 'referral.sent', outcome: 'failed', case_ids: [caseId] });

    const undated = await web.post(`/ui/cases/${caseId}/referrals`, {
      toOrganisationId: dushanbe,
      purpose: 'shelter',
      consentId: referralConsent,
      dueOn: '2026-02-30',
    });
    expect(undated.status).toBe(400);
    expect(undated.text).toMatch(/id="f-dueOn-error">/);
    const past = await web.post(`/ui/cases/${caseId}/referrals`, {
      toOrganisationId: dushanbe,
      purpose: 'shelter',
      consentId: referralConsent,
      dueOn: '2020-01-01',
    });
    expect(past.status).toBe(400);
    expect(past.text).toContain(en('error_deadline'));
    // A police unit takes only law-enforcement referrals.
    const police = await web.post(`/ui/cases/${caseId}/referrals`, {
      toOrganisationId: mia,
      purpose: 'shelter',
      consentId: referralConsent,
      dueOn: inDays(10).slice(0, 10),
    });
    expect(police.status).toBeGreaterThanOrEqual(400);
    expect(police.status).toBeLessThan(500);
    expect(police.text).toMatch(/class="error"/);
  });

  it('lets the receiving manager accept through the page, with a confirmation, and shows the inbox', async () => {
    const { caseId, referralConsent } = await caseWithConsents();
    const referral = await api.as('khujand').refer(caseId, {
      toOrganisationId: dushanbe,
      purpose: 'shelter',
      consentId: referralConsent,
      message: MESSAGE,
    });
    const manager = await browser('dushanbeManager');

    const inbox = await manager.get('/ui/referrals?box=in&status=pending');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain(`/ui/referrals/${referral.id}`);
    expect(inbox.text).toContain(tg('status_pending'));
    expect(await lastEvent('dushanbeManager')).toMatchObject({ action: 'referral.listed', outcome: 'allowed' });
    expect((await manager.get('/ui/referrals?box=elsewhere')).status).toBe(400);

    const page = await manager.get(`/ui/referrals/${referral.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(MESSAGE);
    expect(page.text).toContain('data-confirm=');
    const pageRead = await lastEvent('dushanbeManager');
    await api.as('dushanbeManager').referrals.get(referral.id);
    expect(gist(pageRead)).toEqual(gist(await lastEvent('dushanbeManager')));

    // A caseworker of the receiving organisation may not answer.
    const caseworker = await browser('dushanbe');
    await caseworker.get(`/ui/referrals/${referral.id}`);
    expect(caseworker.last.text).not.toContain(tg('accept_title'));
    expect((await caseworker.post(`/ui/referrals/${referral.id}/accept`, { confirm: 'yes' })).status).toBe(403);
    expect(await lastEvent('dushanbe')).toMatchObject({ action: 'access.denied', outcome: 'denied' });

    // Without the box ticked the server asks again, and nothing happens.
    const unconfirmed = await manager.post(`/ui/referrals/${referral.id}/accept`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toMatch(/id="f-confirm-error">/);
    expect((await api.as('dushanbeManager').referrals.get(referral.id)).body.status).toBe('pending');

    await manager.get(`/ui/referrals/${referral.id}`);
    const accepted = await manager.post(`/ui/referrals/${referral.id}/accept`, { confirm: 'yes' });
    expect(accepted.status).toBe(303);
    const acceptEvent = await lastEvent('dushanbeManager');
    expect(acceptEvent).toMatchObject({ action: 'referral.accepted', outcome: 'allowed', case_ids: [caseId] });
    expect((await api.as('dushanbeManager').referrals.get(referral.id)).body.status).toBe('accepted');
    const shown = await manager.follow();
    expect(shown.text).toContain(tg('done_accepted'));
    expect(shown.text).toContain(tg('status_accepted'));
    // Answered once: a second answer is refused in words.
    const again = await manager.post(`/ui/referrals/${referral.id}/accept`, { confirm: 'yes' });
    expect(again.status).toBe(409);
    expect(again.text).toContain(tg('refused_not_pending'));

    // The API's acceptance writes the same event.
    const second = await api.as('khujand').refer(caseId, { toOrganisationId: dushanbe, purpose: 'medical', consentId: referralConsent });
    await api.as('dushanbeManager').accept(second.id);
    expect(gist(acceptEvent)).toEqual(gist(await lastEvent('dushanbeManager')));

    // The sender's notifications say so, linking by id.
    const sender = await browser('khujand');
    const notifications = await sender.get('/ui/notifications');
    expect(notifications.status).toBe(200);
    expect(notifications.text).toContain(notificationMessages.in(languageOf(notifications.text))('kind_referral_accepted'));
    expect(notifications.text).toContain(`/ui/referrals/${referral.id}`);
    expect(await lastEvent('khujand')).toMatchObject({ action: 'notification.listed', outcome: 'allowed' });
  });

  it('declines with a reason and withdraws through the page; refusals keep what was typed', async () => {
    const { caseId, referralConsent } = await caseWithConsents();
    const first = await api.as('khujand').refer(caseId, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: referralConsent });
    const second = await api.as('khujand').refer(caseId, { toOrganisationId: dushanbe, purpose: 'medical', consentId: referralConsent });
    const manager = await browser('dushanbeManager');
    await manager.get(`/ui/referrals/${first.id}`);
    const noReason = await manager.post(`/ui/referrals/${first.id}/decline`, { confirm: 'yes' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(/id="f-reason-error">/);
    const unticked = await manager.post(`/ui/referrals/${first.id}/decline`, { reason: 'No bed until spring.' });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain('No bed until spring.');
    const declined = await manager.post(`/ui/referrals/${first.id}/decline`, { reason: 'No bed until spring.', confirm: 'yes' });
    expect(declined.status).toBe(303);
    expect(await lastEvent('dushanbeManager')).toMatchObject({ action: 'referral.declined', outcome: 'allowed', case_ids: [caseId] });

    const sender = await browser('khujand');
    const outbox = await sender.get('/ui/referrals?box=out');
    expect(outbox.text).toContain(referralMessages.in(languageOf(outbox.text))('status_declined'));
    const read = await sender.get(`/ui/referrals/${first.id}`);
    expect(read.text).toContain('No bed until spring.');
    await sender.get(`/ui/referrals/${second.id}`);
    const withdrawn = await sender.post(`/ui/referrals/${second.id}/withdraw`, { confirm: 'yes' });
    expect(withdrawn.status).toBe(303);
    expect(await lastEvent('khujand')).toMatchObject({ action: 'referral.withdrawn', outcome: 'allowed', case_ids: [caseId] });
  });

  it('prints a referral form without the menus, with a print button for the script', async () => {
    const { caseId, referralConsent } = await caseWithConsents();
    const referral = await api.as('khujand').refer(caseId, {
      toOrganisationId: dushanbe,
      purpose: 'shelter',
      consentId: referralConsent,
      message: MESSAGE,
    });
    const web = await browser('dushanbe');
    const print = await web.get(`/ui/referrals/${referral.id}/print`);
    expect(print.status).toBe(200);
    expect(print.text).toContain('class="print-view"');
    expect(print.text).toMatch(/<button type="button" data-print hidden>/);
    expect(print.text).not.toContain('<nav');
    expect(print.text).toContain(MESSAGE);
    expect(await lastEvent('dushanbe')).toMatchObject({ action: 'referral.viewed', outcome: 'allowed', case_ids: [caseId] });
  });

  it('answers a referral or a case the caller may not see with a 404, audited as refused, and a wrong role with a 403', async () => {
    const { caseId, referralConsent } = await caseWithConsents();
    const referral = await api.as('khujand').refer(caseId, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: referralConsent });
    const outsider = await browser('miaManager');
    expect((await outsider.get(`/ui/referrals/${referral.id}`)).status).toBe(404);
    expect(await lastEvent('miaManager')).toMatchObject({ action: 'referral.viewed', outcome: 'denied', status_code: 404 });
    expect((await outsider.get(`/ui/cases/${caseId}/referrals`)).status).toBe(404);
    expect(await lastEvent('miaManager')).toMatchObject({ action: 'referral.listed', outcome: 'denied', case_ids: [caseId] });
    await outsider.get('/ui/referrals');
    expect((await outsider.post(`/ui/cases/${caseId}/referrals`, {
      toOrganisationId: dushanbe,
      purpose: 'shelter',
      consentId: referralConsent,
      dueOn: inDays(5).slice(0, 10),
    })).status).toBe(404);
    expect(await lastEvent('miaManager')).toMatchObject({ action: 'referral.sent', outcome: 'denied', case_ids: [caseId] });

    for (const role of [Role.Commission, Role.Auditor, Role.Admin]) {
      const web = new WebClient(t);
      const user = await createUser(t, role);
      await web.signIn(user);
      expect({ role, status: (await web.get('/ui/referrals')).status }).toEqual({ role, status: 403 });
      expect({ role, status: (await web.get('/ui/notifications')).status }).toEqual({ role, status: 403 });
      expect({ role, status: (await web.get('/ui/access-log')).status }).toEqual({ role, status: 403 });
    }
    // An investigator reads its unit's inbox, and sends nothing.
    const investigator = await browser('investigator');
    const inbox = await investigator.get('/ui/referrals');
    expect(inbox.status).toBe(200);
    expect(inbox.text).not.toContain('box=out');
    expect((await investigator.get(`/ui/cases/${caseId}/referrals`)).status).toBe(403);
  });

  it('shows the investigator its unit’s inbox and the investigation pages, where it records perpetrators and proceedings', async () => {
    const { caseId, disclosure } = await caseWithConsents();
    const police = await api.as('khujand').refer(caseId, { toOrganisationId: mia, purpose: 'law_enforcement', consentId: disclosure });
    const investigator = await browser('investigator');
    expect((await investigator.get('/ui/referrals?box=in')).text).toContain(`/ui/referrals/${police.id}`);
    // Before the unit's manager accepts, there is no investigation to see.
    expect((await investigator.get(`/ui/cases/${caseId}/investigation`)).status).toBe(404);
    const miaManager = await browser('miaManager');
    await miaManager.get(`/ui/referrals/${police.id}`);
    expect((await miaManager.post(`/ui/referrals/${police.id}/accept`, { confirm: 'yes' })).status).toBe(303);

    const m = investigationMessages.in('tg');
    const page = await investigator.get(`/ui/cases/${caseId}/investigation`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(m('add_perpetrator'));
    const pageEvent = await lastEvent('investigator');
    await api.as('investigator').investigation.perpetrators(caseId);
    expect(gist(pageEvent)).toEqual(gist(await lastEvent('investigator')));
    expect(pageEvent).toMatchObject({ action: 'investigation.perpetrators_listed', view: 'investigation', case_ids: [caseId] });

    const noRole = await investigator.post(`/ui/cases/${caseId}/investigation/perpetrators`, { name: PERPETRATOR });
    expect(noRole.status).toBe(400);
    expect(noRole.text).toMatch(/id="f-roles-error"/);
    expect(noRole.text).toContain(PERPETRATOR);
    const added = await investigator.post(`/ui/cases/${caseId}/investigation/perpetrators`, {
      roles: ['RecruiterOrIntermediary', 'Exploiter'],
      name: PERPETRATOR,
      aliases: 'Рустамчон\nБоболо',
      gender: 'Masculine',
      nationality: 'TJK',
    });
    expect(added.status).toBe(303);
    expect(await lastEvent('investigator')).toMatchObject({ action: 'investigation.perpetrator_added', outcome: 'allowed', case_ids: [caseId] });
    const withPerpetrator = await investigator.follow();
    expect(withPerpetrator.text).toContain(PERPETRATOR);
    expect(withPerpetrator.text).toContain(m('done_perpetrator'));
    const perpetratorId = /name="perpetratorIds" value="([0-9a-f-]{36})"/.exec(withPerpetrator.text)?.[1] as string;
    expect(perpetratorId).toBeDefined();

    const misfit = await investigator.post(`/ui/cases/${caseId}/investigation/proceedings`, {
      kind: 'investigation',
      openedOn: '2026-01-05',
      outcome: 'convicted',
      perpetratorIds: perpetratorId,
      notes: 'Opened after her statement.',
    });
    expect(misfit.status).toBe(400);
    expect(misfit.text).toContain(m('error_outcome'));
    expect(misfit.text).toContain('Opened after her statement.');
    expect(misfit.text).toContain(`name="perpetratorIds" value="${perpetratorId}"`);
    const step = await investigator.post(`/ui/cases/${caseId}/investigation/proceedings`, {
      kind: 'investigation',
      openedOn: '2026-01-05',
      outcome: 'charged',
      closedOn: '2026-01-20',
      perpetratorIds: perpetratorId,
      referenceNumber: 'УД-2026-117',
    });
    expect(step.status).toBe(303);
    const proceedings = await investigator.follow();
    expect(proceedings.status).toBe(200);
    expect(proceedings.text).toContain('УД-2026-117');
    expect(await lastEvent('investigator')).toMatchObject({ action: 'investigation.proceedings_listed', outcome: 'allowed', view: 'investigation' });

    // The owner's manager reads, without forms; its caseworker may not.
    const owner = await browser('khujandManager');
    const read = await owner.get(`/ui/cases/${caseId}/investigation`);
    expect(read.status).toBe(200);
    expect(read.text).toContain(PERPETRATOR);
    expect(read.text).not.toContain(m('add_perpetrator'));
    const caseworker = await browser('khujand');
    expect((await caseworker.get(`/ui/cases/${caseId}/investigation`)).status).toBe(403);
    expect((await caseworker.post(`/ui/cases/${caseId}/investigation/perpetrators`, { roles: 'Exploiter' })).status).toBe(403);
    // Another shelter sees no such case.
    const other = await browser('dushanbeManager');
    expect((await other.get(`/ui/cases/${caseId}/investigation`)).status).toBe(404);
    expect(await lastEvent('dushanbeManager')).toMatchObject({ action: 'investigation.perpetrators_listed', outcome: 'denied', case_ids: [caseId] });
  });

  it('lets the investigator record a perpetrator’s documents and change a perpetrator and a step, as PATCH does', async () => {
    const { caseId, disclosure } = await caseWithConsents();
    const police = await api
      .as('khujand')
      .refer(caseId, { toOrganisationId: mia, purpose: 'law_enforcement', consentId: disclosure });
    await api.as('miaManager').accept(police.id);
    const investigator = await browser('investigator');
    const m = investigationMessages.in('tg');
    const form = await investigator.get(`/ui/cases/${caseId}/investigation`);
    expect(form.text).toMatch(/name="identityDocuments\[1\]\.number"[^>]*autocomplete="off"/);

    // A document row without its type is the form's own refusal, beside the field, keeping what was typed.
    const halfRow = await investigator.post(`/ui/cases/${caseId}/investigation/perpetrators`, {
      roles: 'Exploiter',
      name: PERPETRATOR,
      'identityDocuments[1].number': 'A7654321',
    });
    expect(halfRow.status).toBe(400);
    expect(halfRow.text).toContain(m('document_incomplete'));
    expect(halfRow.text).toContain('A7654321');
    const added = await investigator.post(`/ui/cases/${caseId}/investigation/perpetrators`, {
      roles: 'Exploiter',
      name: PERPETRATOR,
      'identityDocuments[1].type': 'passport',
      'identityDocuments[1].number': 'A7654321',
      'identityDocuments[1].issuingCountry': 'UZB',
    });
    expect(added.status).toBe(303);
    const [perpetrator] = (await api.as('investigator').investigation.perpetrators(caseId)).body;
    expect(perpetrator.identityDocuments).toEqual([{ type: 'passport', number: 'A7654321', issuingCountry: 'UZB' }]);

    // The change form starts from the record, read as the API's list reads it.
    const edit = await investigator.get(`/ui/cases/${caseId}/investigation/perpetrators/${perpetrator.id}`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain(m('edit_perpetrator'));
    expect(edit.text).toContain('value="A7654321"');
    expect(edit.text).toContain(`name="version" value="${perpetrator.version}"`);
    const editRead = await lastEvent('investigator');
    await api.as('investigator').investigation.perpetrators(caseId);
    expect(gist(editRead)).toEqual(gist(await lastEvent('investigator')));

    const changes = {
      version: String(perpetrator.version),
      roles: ['Exploiter', 'RecruiterOrIntermediary'],
      name: PERPETRATOR,
      description: 'Drives a white van.',
      'identityDocuments[0].type': 'national_id',
      'identityDocuments[0].number': 'N-1200',
    };
    const noRoles = await investigator.post(`/ui/cases/${caseId}/investigation/perpetrators/${perpetrator.id}`, {
      ...changes,
      roles: [],
    });
    expect(noRoles.status).toBe(400);
    expect(noRoles.text).toMatch(/id="f-roles-error"/);
    expect(noRoles.text).toContain('Drives a white van.');
    const changed = await investigator.post(
      `/ui/cases/${caseId}/investigation/perpetrators/${perpetrator.id}`,
      changes,
    );
    expect(changed.status).toBe(303);
    const pageWrite = await lastEvent('investigator');
    expect(pageWrite).toMatchObject({
      action: 'investigation.perpetrator_updated',
      outcome: 'allowed',
      case_ids: [caseId],
    });
    const [after] = (await api.as('investigator').investigation.perpetrators(caseId)).body;
    expect(after).toMatchObject({
      version: perpetrator.version + 1,
      roles: ['Exploiter', 'RecruiterOrIntermediary'],
      description: 'Drives a white van.',
      identityDocuments: [{ type: 'national_id', number: 'N-1200' }],
    });
    await api
      .as('investigator')
      .investigation.updatePerpetrator(caseId, perpetrator.id, { version: after.version, gender: 'Masculine' });
    expect(gist(pageWrite)).toEqual(gist(await lastEvent('investigator')));
    // The form read before is stale now: refused as the API refuses it, keeping what was typed.
    const stale = await investigator.post(`/ui/cases/${caseId}/investigation/perpetrators/${perpetrator.id}`, changes);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(m('record_changed'));
    expect(stale.text).toContain('Drives a white van.');

    // A record with more documents than the form's usual rows: the change form shows every one, and
    // sent back as shown it keeps them all.
    const three: Array<{ type: 'passport' | 'national_id'; number: string; issuingCountry?: string }> = [
      { type: 'passport', number: 'P-1' },
      { type: 'national_id', number: 'N-2' },
      { type: 'passport', number: 'P-3', issuingCountry: 'RUS' },
    ];
    const withThree = (
      await api.as('investigator').investigation.updatePerpetrator(caseId, perpetrator.id, {
        version: (await api.as('investigator').investigation.perpetrators(caseId)).body[0].version,
        identityDocuments: three,
      })
    ).body;
    const threeRows = await investigator.get(`/ui/cases/${caseId}/investigation/perpetrators/${perpetrator.id}`);
    expect(threeRows.text).toContain('name="documentRows" value="3"');
    expect(threeRows.text).toContain('value="P-3"');
    const resent = await investigator.post(`/ui/cases/${caseId}/investigation/perpetrators/${perpetrator.id}`, {
      version: String(withThree.version),
      roles: withThree.roles,
      name: PERPETRATOR,
      documentRows: '3',
      ...Object.fromEntries(
        three.flatMap((d, i) => Object.entries(d).map(([part, value]) => [`identityDocuments[${i}].${part}`, value])),
      ),
    });
    expect(resent.status).toBe(303);
    expect((await api.as('investigator').investigation.perpetrators(caseId)).body[0].identityDocuments).toEqual(three);

    const step = (
      await api
        .as('investigator')
        .investigation.addProceeding(caseId, { kind: 'investigation', openedOn: '2026-01-05' })
    ).body;
    const stepPage = await investigator.get(`/ui/cases/${caseId}/investigation/proceedings/${step.id}`);
    expect(stepPage.status).toBe(200);
    expect(stepPage.text).toContain(m('edit_proceeding'));
    expect(await lastEvent('investigator')).toMatchObject({
      action: 'investigation.proceedings_listed',
      outcome: 'allowed',
      case_ids: [caseId],
    });
    const stepChange = {
      version: String(step.version),
      kind: 'investigation',
      openedOn: '2026-01-05',
      notes: 'Heard the driver.',
    };
    const misfit = await investigator.post(`/ui/cases/${caseId}/investigation/proceedings/${step.id}`, {
      ...stepChange,
      outcome: 'convicted',
    });
    expect(misfit.status).toBe(400);
    expect(misfit.text).toContain(m('error_outcome'));
    expect(misfit.text).toContain('Heard the driver.');
    const stepChanged = await investigator.post(`/ui/cases/${caseId}/investigation/proceedings/${step.id}`, {
      ...stepChange,
      outcome: 'charged',
      closedOn: '2026-01-20',
    });
    expect(stepChanged.status).toBe(303);
    const stepWrite = await lastEvent('investigator');
    expect(stepWrite).toMatchObject({
      action: 'investigation.proceeding_updated',
      outcome: 'allowed',
      case_ids: [caseId],
    });
    const [stepAfter] = (await api.as('investigator').investigation.proceedings(caseId)).body;
    expect(stepAfter).toMatchObject({
      outcome: 'charged',
      closedOn: '2026-01-20',
      notes: 'Heard the driver.',
      version: step.version + 1,
    });
    await api
      .as('investigator')
      .investigation.updateProceeding(caseId, step.id, { version: stepAfter.version, notes: 'Heard him twice.' });
    expect(gist(stepWrite)).toEqual(gist(await lastEvent('investigator')));

    // The owner's manager reads but does not change; another shelter sees no such case.
    expect(
      (await (await browser('khujandManager')).get(`/ui/cases/${caseId}/investigation/perpetrators/${perpetrator.id}`))
        .status,
    ).toBe(403);
    const other = await browser('dushanbeManager');
    expect((await other.get(`/ui/cases/${caseId}/investigation/proceedings/${step.id}`)).status).toBe(403);
  });

  it('shows the manager who opened a case, pages included, with its staff’s names, as the API’s access log', async () => {
    const { caseId, referralConsent } = await caseWithConsents();
    const caseworker = await browser('khujand');
    await caseworker.get(`/ui/cases/${caseId}/referrals`);
    await api.as('khujand').refer(caseId, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: referralConsent });

    const manager = await browser('khujandManager');
    await inEnglish(manager);
    // Without a case: every case of the organisation, each event with its case's reference.
    const whole = await manager.get('/ui/access-log');
    expect(whole.status).toBe(200);
    const reference = (await api.as('khujand').cases.get(caseId)).body.reference as string;
    expect(whole.text).toContain(reference);
    expect(whole.text).toContain(`href="/ui/access-log?caseId=${caseId}"`);
    expect(whole.text).toContain(api.user('khujand').username);
    expect((await (await browser('dushanbeManager')).get('/ui/access-log')).text).not.toContain(reference);
    const log = await manager.get(`/ui/access-log?caseId=${caseId}`);
    expect(log.status).toBe(200);
    const a = accessLogMessages.in('en');
    expect(log.text).toContain(api.user('khujand').username);
    expect(log.text).toContain(a('referral.listed'));
    expect(log.text).toContain(a('referral.sent'));
    expect(log.text).toContain(a('consent.given'));
    const pageEvent = await lastEvent('khujandManager');
    expect(pageEvent).toMatchObject({ action: 'case.access_log_viewed', outcome: 'allowed', case_ids: [caseId] });
    await api.as('khujandManager').cases.accessLog(caseId);
    expect(gist(pageEvent)).toEqual(gist(await lastEvent('khujandManager')));

    // A period before anything happened shows nothing; a malformed filter names its field.
    const empty = await manager.get(`/ui/access-log?caseId=${caseId}&from=2020-01-01&to=2020-01-31`);
    expect(empty.text).toContain(a('empty'));
    const period = await api.as('khujandManager').get(`/cases/${caseId}/access-log?from=2020-01-01T00:00:00%2B05:00&to=2020-02-01T00:00:00%2B05:00`);
    expect(period.status).toBe(200);
    expect(period.body.events).toEqual([]);
    const bad = await manager.get(`/ui/access-log?caseId=not-an-id&from=2020-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-caseId-error">/);
    expect(bad.text).toMatch(/id="f-from-error">/);

    // Not the caseworker's to read; another organisation's manager sees no such case.
    expect((await caseworker.get(`/ui/access-log?caseId=${caseId}`)).status).toBe(403);
    const other = await browser('dushanbeManager');
    expect((await other.get(`/ui/access-log?caseId=${caseId}`)).status).toBe(404);
    expect(await lastEvent('dushanbeManager')).toMatchObject({ action: 'case.access_log_viewed', outcome: 'denied', case_ids: [caseId] });
  });
});
