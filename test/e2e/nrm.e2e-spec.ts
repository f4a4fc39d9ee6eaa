import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { stageDiagram } from '../../src/modules/cases/stages/stage-transitions';
import { Api, inDays, signInCast } from '../support/api';
import type { CaseStage, ChangeStage, CreateCase, SendReferral } from '../support/api-types';
import { asOrganisation, asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';

const PERSON = {
  familyName: 'Назарова',
  givenName: 'Мавлуда',
  dateOfBirth: '2001-09-14',
  phone: '+992 90 123 4567',
  address: 'Хуҷанд, кӯчаи Сомонӣ 5',
};
const CASE = {
  gender: 'Feminine',
  ageBand: '24--26',
  citizenship: 'TJK',
  regionOfOrigin: 'TJ-SU',
  countryOfExploitation: 'RUS',
  exploitationTypes: ['ForcedLabour'],
  narrative: 'Found at the border post of Kanibadam.',
  shelterLocation: 'Khujand shelter, room 2',
  healthNotes: 'Fractured wrist.',
  psychosocialNotes: 'Sleeps badly.',
} satisfies CreateCase;
const MESSAGE = 'Needs a bed in Dushanbe before the hearing; speaks Uzbek.';
const DECLINE_REASON = 'No bed free until the spring.';
const NEW_CASE = { person: PERSON, ...CASE };

describe('the National Referral Mechanism', () => {
  let t: TestApp;
  let khujand: string;
  let dushanbe: string;
  let mia: string;
  let medical: string;
  let api: Api;

  beforeAll(async () => {
    t = await startTestApp();
    khujand = await createOrganisation(t, `Shelter Khujand ${Date.now()}`);
    dushanbe = await createOrganisation(t, `Shelter Dushanbe ${Date.now()}`);
    mia = await createOrganisation(t, `MIA anti-trafficking unit ${Date.now()}`, 'LawEnforcement');
    medical = await createOrganisation(t, `Medical NGO ${Date.now()}`, 'HealthServiceOrganisation');
    api = await signInCast(t, {
      khujand: [Role.Caseworker, khujand],
      khujandManager: [Role.OrgManager, khujand],
      dushanbe: [Role.Caseworker, dushanbe],
      dushanbeManager: [Role.OrgManager, dushanbe],
      investigator: [Role.Investigator, mia],
      miaManager: [Role.OrgManager, mia],
      medical: [Role.Caseworker, medical],
      medicalManager: [Role.OrgManager, medical],
    });
  });
  afterAll(() => t.close());

  async function events(caseId: string): Promise<Array<{ action: string; outcome: string; org: string }>> {
    const rows: Array<{ action: string; outcome: string; actor_organisation_id: string }> = await asSuperuser(
      t.db,
      `SELECT action, outcome, actor_organisation_id FROM audit_event WHERE $1 = ANY(case_ids) ORDER BY seq`,
      [caseId],
    );
    return rows.map((r) => ({ action: r.action, outcome: r.outcome, org: r.actor_organisation_id }));
  }

  it('takes a case from Khujand to Dushanbe and to the MIA unit, and back out when consent is withdrawn', async () => {
    // Khujand registers and screens the person and records the consents.
    const opened = await api.as('khujand').openCase(NEW_CASE);
    const caseId = opened.id;
    const screening = await api.as('khujand').cases.screen(caseId, {
      indicatorList: 'ilo_forced_labour_11',
      indicators: ['retention_of_identity_documents'],
      result: 'indicators_present',
    });
    expect(screening.status).toBe(201);
    const transferConsent = await api.as('khujand').consentToReferral(caseId, dushanbe, ['transfer', 'shelter']);
    const disclosure = await api.as('khujand').consent(caseId, { purpose: 'law_enforcement_disclosure' });

    // Khujand refers: a transfer to Dushanbe and a law-enforcement referral to the MIA unit.
    const transfer = await api.as('khujand').referrals.send(caseId, {
      toOrganisationId: dushanbe,
      purpose: 'transfer',
      consentId: transferConsent,
      message: MESSAGE,
    });
    expect(transfer.status).toBe(201);
    expect(transfer.body).toMatchObject({ status: 'pending', purpose: 'transfer', message: MESSAGE, overdue: false });
    const police = await api
      .as('khujand')
      .referrals.send(caseId, { toOrganisationId: mia, purpose: 'law_enforcement', consentId: disclosure });
    expect(police.status).toBe(201);
    expect((await api.as('khujand').cases.get(caseId)).body.stage).toBe('referred');

    // The MIA unit's manager accepts the law-enforcement referral (a share with the investigation view).
    expect((await api.as('miaManager').referrals.accept(police.body.id)).status).toBe(200);

    // Dushanbe sees the referral in its inbox, with the message, but not yet the case.
    const inbox = await api.as('dushanbe').referrals.list({ box: 'inbox', status: 'pending' });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(transfer.body.id);
    expect((await api.as('dushanbe').referrals.get(transfer.body.id)).body.message).toBe(MESSAGE);
    expect((await api.as('dushanbe').cases.get(caseId)).status).toBe(404);
    // A caseworker cannot accept; the manager does, and Dushanbe now owns the case.
    expect((await api.as('dushanbe').referrals.accept(transfer.body.id)).status).toBe(403);
    const accepted = await api.as('dushanbeManager').referrals.accept(transfer.body.id);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const owned = await api.as('dushanbe').cases.get(caseId);
    expect(owned.status).toBe(200);
    expect(owned.body).toMatchObject({ view: 'full', organisationId: dushanbe, healthNotes: CASE.healthNotes });
    expect(owned.body.person.familyName).toBe(PERSON.familyName);
    expect((await api.as('khujand').cases.get(caseId)).status).toBe(404);

    // The MIA unit's share stays with the case under its new owner: the investigator sees the
    // investigation view and nothing more.
    const investigation = await api.as('investigator').cases.get(caseId);
    expect(investigation.status).toBe(200);
    expect(investigation.body.view).toBe('investigation');
    const text = JSON.stringify(investigation.body);
    for (const secret of [
      CASE.shelterLocation,
      CASE.healthNotes,
      CASE.psychosocialNotes,
      PERSON.phone,
      PERSON.address,
    ]) {
      expect(text).not.toContain(secret);
    }
    for (const field of [
      'shelterLocation',
      'healthNotes',
      'psychosocialNotes',
      'narrative',
      'consents',
      'screenings',
    ]) {
      expect(investigation.body).not.toHaveProperty(field);
    }
    expect(investigation.body.person).not.toHaveProperty('address');
    expect(investigation.body.person).not.toHaveProperty('phone');
    expect((await api.as('investigator').cases.update(caseId, { version: 1 })).status).toBe(403);

    // Dushanbe, the owner now, records the withdrawal of the consent to disclosure: the investigator's
    // next request gets 404, and the MIA unit is told.
    const withdrawn = await api.as('dushanbe').cases.withdrawConsent(caseId, disclosure);
    expect(withdrawn.status).toBe(200);
    expect((await api.as('investigator').cases.get(caseId)).status).toBe(404);
    const told = await api.as('investigator').notifications.list();
    expect(told.body.items.map((n) => [n.kind, n.caseId])).toEqual(
      expect.arrayContaining([
        ['consent_withdrawn', caseId],
        ['referral_received', caseId],
      ]),
    );

    // The manager closes the case with a reason; the history shows every change with who and why.
    const closed = await api.as('dushanbeManager').cases.changeStage(caseId, {
      to: 'closed',
      version: await api.as('dushanbe').version(caseId),
      reason: 'Returned to her family in Isfara.',
      closureReason: 'AssistanceCompleted',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ stage: 'closed', nextStages: [] });
    const history = await api.as('dushanbe').cases.history(caseId);
    expect(history.status).toBe(200);
    expect(
      history.body.items.map((h: { kind: string; fromStage: string; toStage: string; reasonCode: string | null }) => [
        h.kind,
        h.fromStage,
        h.toStage,
        h.reasonCode,
      ]),
    ).toEqual([
      ['stage', 'identified', 'identified', 'case_opened'],
      ['stage', 'identified', 'referred', 'referral_sent'],
      ['transfer', 'referred', 'referred', 'transfer_accepted'],
      ['stage', 'referred', 'closed', null],
    ]);
    expect(history.body.items[2]).toMatchObject({ fromOrganisationId: khujand, toOrganisationId: dushanbe });
    expect(history.body.items[3].reason).toBe('Returned to her family in Isfara.');

    // Every step left its audit event, by the organisation that took it.
    const trail = await events(caseId);
    expect(trail.filter((e) => e.outcome === 'allowed').map((e) => [e.action, e.org])).toEqual(
      expect.arrayContaining([
        ['case.created', khujand],
        ['screening.recorded', khujand],
        ['consent.given', khujand],
        ['referral.sent', khujand],
        ['referral.accepted', dushanbe],
        ['referral.accepted', mia],
        ['case.viewed', mia],
        ['consent.withdrawn', dushanbe],
        ['case.stage_changed', dushanbe],
        ['case.history_viewed', dushanbe],
      ]),
    );
    expect(trail).toEqual(expect.arrayContaining([{ action: 'case.viewed', outcome: 'denied', org: mia }]));
    const stored: Array<{ message: Buffer }> = await asSuperuser(t.db, `SELECT message FROM referral WHERE id = $1`, [
      transfer.body.id,
    ]);
    expect(stored[0].message.toString('latin1')).not.toContain('Dushanbe before');
  });

  describe('stages', () => {
    it('refuses an illegal stage change with 409 naming the allowed next stages', async () => {
      const { id, version: v } = await api.as('khujand').openCase(NEW_CASE);
      const response = await api
        .as('khujand')
        .cases.changeStage(id, { to: 'assistance', version: v, reason: 'Skipping ahead' });
      expect(response.status).toBe(409);
      expect(response.body.message).toContain('allowed next stages: referred, reflection, closed');
      expect(response.body.details).toEqual([{ field: 'to', problem: response.body.message }]);
    });

    it('keeps the status decision for the manager, after the reflection period unless the person asks', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const move = async (who: string, body: Omit<ChangeStage, 'version'>) =>
        api.as(who).cases.changeStage(id, { version: await api.as('khujand').version(id), ...body });
      expect((await move('khujand', { to: 'reflection', reason: 'In the shelter since Monday' })).status).toBe(200);
      const decision = {
        to: 'status_decided',
        reason: 'Indicators confirmed by the commission of the shelter',
        traffickingStatus: 'ActualVictimOfTrafficking',
        statusDecidedBy: 'NGO',
        decidingOrganisationId: khujand,
      } satisfies Omit<ChangeStage, 'version'>;
      expect((await move('khujand', decision)).status).toBe(403);
      const early = await move('khujandManager', decision);
      expect(early.status).toBe(409);
      expect(early.body.details[0].field).toBe('reflectionWaived');
      const incomplete = await move('khujandManager', {
        ...decision,
        statusDecidedBy: undefined,
        reflectionWaived: true,
      });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.details[0].field).toBe('statusDecidedBy');
      const waived = await move('khujandManager', {
        ...decision,
        reflectionWaived: true,
        reason: 'She asked to decide now so that she can testify',
      });
      expect(waived.status).toBe(200);
      expect(waived.body).toMatchObject({ stage: 'status_decided', traffickingStatus: 'ActualVictimOfTrafficking' });
      expect(waived.body.change).toMatchObject({ reflectionWaived: true, statusDecidedBy: 'NGO' });
      const read = await api.as('khujand').cases.get(id);
      expect(read.body).toMatchObject({ traffickingStatus: 'ActualVictimOfTrafficking', statusDecidedBy: 'NGO' });
      // Status is not changed through PATCH any more.
      const patched = await api
        .as('khujand')
        .patch(`/cases/${id}`)
        .send({ version: read.body.version, traffickingStatus: 'NotAVictimOfTrafficking' });
      expect(patched.status).toBe(400);
    });

    it('lets the decision through without a waiver once the reflection period is over', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const to = async (stage: CaseStage, extra: Partial<ChangeStage> = {}, who = 'khujand') =>
        api.as(who).cases.changeStage(id, {
          to: stage,
          version: await api.as('khujand').version(id),
          reason: 'Next step',
          ...extra,
        });
      expect((await to('reflection')).status).toBe(200);
      await asSuperuser(t.db, `UPDATE victim_case SET stage_changed_at = now() - interval '31 days' WHERE id = $1`, [
        id,
      ]);
      const decided = await to(
        'status_decided',
        { traffickingStatus: 'NotAVictimOfTrafficking', statusDecidedBy: 'Police', decidingOrganisationId: mia },
        'khujandManager',
      );
      expect(decided.status).toBe(200);
      expect(decided.body.change.reflectionWaived).toBe(false);
    });

    it('keeps docs/nrm.md drawing the same transitions as the code', async () => {
      const doc = fs.readFileSync(path.join(__dirname, '../../docs/nrm.md'), 'utf8');
      expect(doc).toContain('```mermaid\n' + stageDiagram() + '\n```');
    });
  });

  describe('referrals', () => {
    it('answers 422 naming the consent that is missing', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const statistics = await api.as('khujand').consent(id, { purpose: 'statistics' });
      const toMedical = await api.as('khujand').consentToReferral(id, medical, ['medical']);
      const cases: Array<[SendReferral, RegExp]> = [
        [{ toOrganisationId: mia, purpose: 'law_enforcement', consentId: statistics }, /consent to disclosure/],
        [{ toOrganisationId: medical, purpose: 'medical', consentId: statistics }, /needs a consent to referral/],
        [
          { toOrganisationId: medical, purpose: 'psychosocial', consentId: toMedical },
          /covers medical, not psychosocial/,
        ],
        [{ toOrganisationId: dushanbe, purpose: 'medical', consentId: toMedical }, /names another organisation/],
        [
          { toOrganisationId: medical, purpose: 'medical', consentId: '00000000-0000-4000-8000-000000000009' },
          /no consent/,
        ],
      ];
      for (const [body, problem] of cases) {
        const response = await api.as('khujand').referrals.send(id, body);
        expect({ body, status: response.status }).toEqual({ body, status: 422 });
        expect(response.body.details).toEqual([{ field: 'consentId', problem: expect.stringMatching(problem) }]);
      }
      await api.as('khujand').cases.withdrawConsent(id, toMedical);
      const afterWithdrawal = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: medical, purpose: 'medical', consentId: toMedical });
      expect(afterWithdrawal.status).toBe(422);
      expect(afterWithdrawal.body.message).toMatch(/withdrawn/);
      expect(await asSuperuser(t.db, `SELECT 1 FROM referral WHERE case_id = $1`, [id])).toEqual([]);
    });

    it('needs a reason to decline, and shows it to the referring organisation', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const ok = await api.as('khujand').consentToReferral(id, medical, ['medical']);
      const sent = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      expect(sent.status).toBe(201);
      const noReason = await api.as('medicalManager').post(`/referrals/${sent.body.id}/decline`).send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.details.map((d: { field: string }) => d.field)).toContain('reason');
      const declined = await api.as('medicalManager').referrals.decline(sent.body.id, { reason: DECLINE_REASON });
      expect(declined.status).toBe(200);
      const seen = await api.as('khujand').referrals.get(sent.body.id);
      expect(seen.body).toMatchObject({ status: 'declined', declineReason: DECLINE_REASON });
      expect((await api.as('medicalManager').referrals.accept(sent.body.id)).status).toBe(409);
      const told = await api.as('khujand').notifications.list();
      expect(told.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'referral_declined', referralId: sent.body.id })]),
      );
      expect((await api.as('medical').cases.get(id)).status).toBe(404);
    });

    it('gives an accepted medical referral the referral view, and takes it away with the consent', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const ok = await api.as('khujand').consentToReferral(id, medical, ['medical']);
      const sent = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      expect((await api.as('medicalManager').referrals.accept(sent.body.id)).status).toBe(200);
      const read = await api.as('medical').cases.get(id);
      expect(read.status).toBe(200);
      expect(read.body.view).toBe('referral');
      expect(read.body).not.toHaveProperty('healthNotes');
      expect((await api.as('medical').post(`/cases/${id}/referrals`).send({})).status).toBe(400);
      expect(
        (await api.as('medical').referrals.send(id, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: ok }))
          .status,
      ).toBe(403);
      await api.as('khujand').cases.withdrawConsent(id, ok);
      expect((await api.as('medical').cases.get(id)).status).toBe(404);
    });

    it('lets only the sender withdraw, withdraws pending referrals with their consent, and shows overdue ones', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const ok = await api.as('khujand').consentToReferral(id, dushanbe, ['shelter']);
      const first = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: ok });
      expect(
        (await api.as('khujand').referrals.send(id, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: ok }))
          .status,
      ).toBe(409);
      expect((await api.as('dushanbe').referrals.withdraw(first.body.id)).status).toBe(403);
      expect((await api.as('khujand').referrals.withdraw(first.body.id)).status).toBe(200);
      const second = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: ok });
      expect(second.status).toBe(201);
      await asSuperuser(t.db, `UPDATE referral SET due_at = now() - interval '1 day' WHERE id = $1`, [second.body.id]);
      const overdue = await api.as('khujand').referrals.list({ box: 'outbox', status: 'overdue' });
      expect(overdue.body.items.map((r: { id: string; overdue: boolean }) => [r.id, r.overdue])).toEqual([
        [second.body.id, true],
      ]);
      for (let i = 0; i < 2; i++) {
        const told = await api.as('dushanbe').notifications.list();
        const kinds = told.body.items.filter((n) => n.referralId === second.body.id);
        expect(kinds.map((n: { kind: string }) => n.kind).sort()).toEqual(['referral_overdue', 'referral_received']);
      }
      await api.as('khujand').cases.withdrawConsent(id, ok);
      const after = await api.as('dushanbe').referrals.get(second.body.id);
      expect(after.body.status).toBe('withdrawn');
    });

    it('refuses bad input with 400 naming the field, and writes nothing', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const ok = await api.as('khujand').consentToReferral(id, medical, ['medical']);
      const bad: Array<[object, string]> = [
        [{ toOrganisationId: medical, purpose: 'tourism', consentId: ok }, 'purpose'],
        [{ toOrganisationId: 'nope', purpose: 'medical', consentId: ok }, 'toOrganisationId'],
        [{ toOrganisationId: medical, purpose: 'medical', consentId: ok, dueAt: inDays(-1) }, 'dueAt'],
        [{ toOrganisationId: medical, purpose: 'medical', consentId: ok, dueAt: inDays(400) }, 'dueAt'],
        [{ toOrganisationId: medical, purpose: 'medical', consentId: ok, message: 'x'.repeat(4001) }, 'message'],
        [{ toOrganisationId: khujand, purpose: 'medical', consentId: ok }, 'toOrganisationId'],
        [
          { toOrganisationId: '00000000-0000-4000-8000-000000000009', purpose: 'medical', consentId: ok },
          'toOrganisationId',
        ],
      ];
      for (const [body, field] of bad) {
        const response = await api
          .as('khujand')
          .post(`/cases/${id}/referrals`)
          .send({ dueAt: inDays(7), ...body });
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await asSuperuser(t.db, `SELECT 1 FROM referral WHERE case_id = $1`, [id])).toEqual([]);
      expect((await api.as('khujand').cases.get(id)).body.stage).toBe('identified');
    });
  });

  describe('in the database', () => {
    it('lets a receiving organisation neither edit its share nor accept through anything but the function', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const ok = await api.as('khujand').consentToReferral(id, medical, ['medical']);
      const sent = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      await expect(
        asOrganisation(
          t.db,
          medical,
          'org_manager',
          `UPDATE referral SET status = 'accepted', decided_at = now() WHERE id = '${sent.body.id}'`,
        ),
      ).rejects.toThrow(/refused/);
      const [answer] = await asOrganisation(
        t.db,
        medical,
        'caseworker',
        `SELECT panoh_accept_referral('${sent.body.id}', gen_random_uuid(), gen_random_uuid()) AS a`,
      );
      expect(answer).toEqual({ a: 'not_found' });
      expect((await api.as('medicalManager').referrals.accept(sent.body.id)).status).toBe(200);
      await expect(
        asOrganisation(t.db, medical, 'org_manager', `UPDATE case_share SET view = 'referral' WHERE case_id = '${id}'`),
      ).rejects.toThrow(/permission denied/);
      expect(
        await asOrganisation(t.db, dushanbe, 'org_manager', `SELECT id FROM referral WHERE case_id = '${id}'`),
      ).toEqual([]);
      expect(
        await asOrganisation(t.db, medical, 'org_manager', `SELECT id FROM referral WHERE case_id = '${id}'`),
      ).toHaveLength(1);
    });

    it('gives every case table the policy a transfer needs', async () => {
      const missing = await asSuperuser(
        t.db,
        `SELECT c.table_name FROM information_schema.columns c
         WHERE c.table_schema = 'public' AND c.column_name = 'owner_organisation_id'
           AND EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = 'public'
                       AND k.table_name = c.table_name AND k.column_name = 'case_id')
           AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.table_name
                           AND p.policyname = c.table_name || '_referral_acceptance')`,
      );
      expect(missing).toEqual([]);
    });
  });

  describe('after a transfer, and against forged rows', () => {
    const transferTo = async (id: string, to: string, toManager: string) => {
      const ok = await api.as('khujand').consentToReferral(id, to, ['transfer']);
      const sent = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: to, purpose: 'transfer', consentId: ok });
      expect(sent.status).toBe(201);
      expect((await api.as(toManager).referrals.accept(sent.body.id)).status).toBe(200);
      return sent.body.id as string;
    };

    it("withdraws the former owner's pending referrals, tells both sides, and allows one pending transfer", async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const toDushanbe = await api.as('khujand').consentToReferral(id, dushanbe, ['transfer']);
      const toMedical = await api.as('khujand').consentToReferral(id, medical, ['transfer', 'medical']);
      const first = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: dushanbe, purpose: 'transfer', consentId: toDushanbe });
      const second = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: medical, purpose: 'transfer', consentId: toMedical });
      expect(second.status).toBe(409);
      const medicalReferral = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: medical, purpose: 'medical', consentId: toMedical });
      expect(medicalReferral.status).toBe(201);
      expect((await api.as('dushanbeManager').referrals.accept(first.body.id)).status).toBe(200);

      const stale = await api.as('medicalManager').referrals.accept(medicalReferral.body.id);
      expect(stale.status).toBe(409);
      expect((await api.as('medical').cases.get(id)).status).toBe(404);
      expect((await api.as('medical').referrals.get(medicalReferral.body.id)).body).toMatchObject({
        status: 'withdrawn',
        message: null,
      });
      for (const who of ['medical', 'khujand']) {
        const told = await api.as(who).notifications.list();
        expect(told.body.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ kind: 'referral_withdrawn', referralId: medicalReferral.body.id }),
          ]),
        );
      }
      // The former owner can neither read the case nor add to it, through the API or in the database.
      expect((await api.as('khujand').cases.get(id)).status).toBe(404);
      expect((await api.as('khujand').cases.giveConsent(id, { purpose: 'statistics' })).status).toBe(404);
      await expect(
        asOrganisation(
          t.db,
          khujand,
          'caseworker',
          `INSERT INTO screening (id, case_id, owner_organisation_id, indicator_list, indicator_list_version, indicators,
             result, screened_by, screened_at)
           SELECT $1, $2, $3, 'ilo_forced_labour_11', '2012', '{}', 'no_indicators', created_by, now()
           FROM (SELECT $4::uuid AS created_by) u`,
          [randomUUID(), id, khujand, randomUUID()],
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('keeps a person whose case moved to another organisation from being changed or erased by the first', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const read = await api.as('khujand').cases.get(id);
      const personId = read.body.person.id as string;
      const second = await api.as('khujand').cases.create({ personId });
      expect(second.status).toBe(201);
      await transferTo(id, dushanbe, 'dushanbeManager');
      const patched = await api.as('khujand').persons.update(personId, { notes: 'changed' });
      expect(patched.status).toBe(409);
      expect((await api.as('khujandManager').persons.erase(personId)).status).toBe(409);
      const theirs = await api.as('dushanbe').cases.get(id);
      expect(theirs.status).toBe(200);
      expect(theirs.body.person.familyName).toBe(PERSON.familyName);
    });

    it('sends a police unit only law_enforcement referrals, and hides referral texts once the consent is withdrawn', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const legal = await api.as('khujand').consentToReferral(id, mia, ['legal']);
      const refused = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: mia, purpose: 'legal', consentId: legal });
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('purpose');
      const disclosure = await api.as('khujand').consent(id, { purpose: 'law_enforcement_disclosure' });
      const sent = await api.as('khujand').referrals.send(id, {
        toOrganisationId: mia,
        purpose: 'law_enforcement',
        consentId: disclosure,
        message: 'She is in room 2; phone 123',
      });
      expect((await api.as('miaManager').referrals.accept(sent.body.id)).status).toBe(200);
      expect((await api.as('investigator').referrals.get(sent.body.id)).body.message).toBe(
        'She is in room 2; phone 123',
      );
      await api.as('khujand').cases.withdrawConsent(id, disclosure);
      const after = await api.as('investigator').referrals.get(sent.body.id);
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ message: null, textsWithheld: true });
    });

    it('refuses forged rows: a case on another organisation’s person, a self-accepted referral, a decided one changed, a stray notification', async () => {
      const { id } = await api.as('dushanbe').openCase(NEW_CASE);
      const theirs = await api.as('dushanbe').cases.get(id);
      await expect(
        asOrganisation(
          t.db,
          khujand,
          'caseworker',
          `INSERT INTO victim_case (id, reference, organisation_id, person_id, created_by, stage, trafficking_status,
             registered_on) VALUES ($1, 'TJ-2026-99999', $2, $3, $4, 'identified', 'PossibleVictimOfTrafficking', now())`,
          [randomUUID(), khujand, theirs.body.person.id, randomUUID()],
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        asOrganisation(t.db, dushanbe, 'caseworker', `UPDATE victim_case SET person_id = person_id WHERE id = $1`, [
          id,
        ]),
      ).rejects.toThrow(/permission denied/);

      const ok = await api.as('dushanbe').consentToReferral(id, medical, ['medical']);
      const sent = await api
        .as('dushanbe')
        .referrals.send(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      // Setting the definer's scope gains the sender nothing.
      await expect(
        asOrganisation(
          t.db,
          dushanbe,
          'org_manager',
          `SELECT set_config('panoh.definer_scope', 'referral_acceptance', true);
           UPDATE referral SET status = 'accepted', decided_at = now() WHERE id = '${sent.body.id}'`,
        ),
      ).rejects.toThrow(/refused/);
      // Another case's consent cannot carry a referral.
      const other = await api.as('dushanbe').openCase(NEW_CASE);
      await expect(
        asOrganisation(
          t.db,
          dushanbe,
          'caseworker',
          `INSERT INTO referral (id, case_id, from_organisation_id, to_organisation_id, purpose, consent_id, status, due_at,
             created_by, created_at) VALUES ($1, $2, $3, $4, 'medical', $5, 'pending', now() + interval '1 day', $6, now())`,
          [randomUUID(), other.id, dushanbe, medical, ok, randomUUID()],
        ),
      ).rejects.toThrow(/row-level security/);
      // A decided referral no longer changes; a receiver's caseworker cannot decline.
      await expect(
        asOrganisation(
          t.db,
          medical,
          'caseworker',
          `UPDATE referral SET status = 'declined', decided_at = now(), decline_reason = '\\x00' WHERE id = $1`,
          [sent.body.id],
        ),
      ).rejects.toThrow(/refused/);
      await api.as('medicalManager').referrals.decline(sent.body.id, { reason: 'Full' });
      await expect(
        asOrganisation(
          t.db,
          medical,
          'org_manager',
          `UPDATE referral SET decided_at = now() - interval '9 days' WHERE id = $1`,
          [sent.body.id],
        ),
      ).rejects.toThrow(/refused/);
      // A notification only to a party of the referral, about its case.
      await expect(
        asOrganisation(
          t.db,
          medical,
          'org_manager',
          `INSERT INTO notification (id, organisation_id, kind, referral_id, case_id, created_at)
           VALUES ($1, $2, 'referral_received', $3, $4, now())`,
          [randomUUID(), mia, sent.body.id, id],
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('records the referral a third organisation probes, though it gets 404', async () => {
      const { id } = await api.as('khujand').openCase(NEW_CASE);
      const ok = await api.as('khujand').consentToReferral(id, medical, ['medical']);
      const sent = await api
        .as('khujand')
        .referrals.send(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      const probe = await api
        .as('dushanbe')
        .get(`/referrals/${sent.body.id}`)
        .set('X-Request-Id', `probe-${sent.body.id}`);
      expect(probe.status).toBe(404);
      const [event] = await asSuperuser<{ outcome: string; detail: { referralId: string } }>(
        t.db,
        `SELECT outcome, detail FROM audit_event WHERE request_id = $1`,
        [`probe-${sent.body.id}`],
      );
      expect(event).toMatchObject({ outcome: 'denied', detail: { referralId: sent.body.id } });
    });
  });
});
