import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { Role } from '../../src/core/access/role';
import { stageDiagram } from '../../src/modules/cases/stages/stage-transitions';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';

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
};
const MESSAGE = 'Needs a bed in Dushanbe before the hearing; speaks Uzbek.';
const DECLINE_REASON = 'No bed free until the spring.';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('the National Referral Mechanism', () => {
  let t: TestApp;
  let khujand: string;
  let dushanbe: string;
  let mia: string;
  let medical: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    khujand = await createOrganisation(t, `Shelter Khujand ${Date.now()}`);
    dushanbe = await createOrganisation(t, `Shelter Dushanbe ${Date.now()}`);
    mia = await createOrganisation(t, `MIA anti-trafficking unit ${Date.now()}`, 'LawEnforcement');
    medical = await createOrganisation(t, `Medical NGO ${Date.now()}`, 'HealthServiceOrganisation');
    const make = async (name: string, role: Role, organisationId: string) =>
      tokens.set(name, await login(t, await createUser(t, role, organisationId)));
    await make('khujand', Role.Caseworker, khujand);
    await make('khujandManager', Role.OrgManager, khujand);
    await make('dushanbe', Role.Caseworker, dushanbe);
    await make('dushanbeManager', Role.OrgManager, dushanbe);
    await make('investigator', Role.Investigator, mia);
    await make('miaManager', Role.OrgManager, mia);
    await make('medical', Role.Caseworker, medical);
    await make('medicalManager', Role.OrgManager, medical);
  });
  afterAll(() => t.close());

  const as = (name: string) => ({ Authorization: `Bearer ${tokens.get(name)}` });

  /** Runs `sql` as the service's database role with a caller set, in a transaction rolled back after. */
  const asOrg = async (org: string, role: string, sql: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: t.db.appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('panoh.organisation_id', $1, true), set_config('panoh.role', $2, true),
                  set_config('panoh.user_id', $3, true)`,
        [org, role, randomUUID()],
      );
      return (await client.query(sql, params)).rows;
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  };

  async function openCase(by = 'khujand'): Promise<{ id: string; version: number }> {
    const response = await t
      .http()
      .post('/cases')
      .set(as(by))
      .send({ person: PERSON, ...CASE });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function consent(caseId: string, body: object, by = 'khujand'): Promise<string> {
    const response = await t.http().post(`/cases/${caseId}/consents`).set(as(by)).send(body);
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function refer(caseId: string, body: object, by = 'khujand') {
    return t
      .http()
      .post(`/cases/${caseId}/referrals`)
      .set(as(by))
      .send({ dueAt: inDays(7), ...body });
  }

  async function version(caseId: string, by = 'khujand'): Promise<number> {
    const response = await t.http().get(`/cases/${caseId}`).set(as(by));
    expect(response.status).toBe(200);
    return response.body.version;
  }

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
    const opened = await openCase();
    const caseId = opened.id;
    const screening = await t
      .http()
      .post(`/cases/${caseId}/screenings`)
      .set(as('khujand'))
      .send({
        indicatorList: 'ilo_forced_labour_11',
        indicators: ['retention_of_identity_documents'],
        result: 'indicators_present',
      });
    expect(screening.status).toBe(201);
    const transferConsent = await consent(caseId, {
      purpose: 'referral',
      recipientOrganisationId: dushanbe,
      referralPurposes: ['transfer', 'shelter'],
    });
    const disclosure = await consent(caseId, { purpose: 'law_enforcement_disclosure' });

    // Khujand refers: a transfer to Dushanbe and a law-enforcement referral to the MIA unit.
    const transfer = await refer(caseId, {
      toOrganisationId: dushanbe,
      purpose: 'transfer',
      consentId: transferConsent,
      message: MESSAGE,
    });
    expect(transfer.status).toBe(201);
    expect(transfer.body).toMatchObject({ status: 'pending', purpose: 'transfer', message: MESSAGE, overdue: false });
    const police = await refer(caseId, { toOrganisationId: mia, purpose: 'law_enforcement', consentId: disclosure });
    expect(police.status).toBe(201);
    expect((await t.http().get(`/cases/${caseId}`).set(as('khujand'))).body.stage).toBe('referred');

    // The MIA unit's manager accepts the law-enforcement referral (a share with the investigation view).
    expect((await t.http().post(`/referrals/${police.body.id}/accept`).set(as('miaManager'))).status).toBe(200);

    // Dushanbe sees the referral in its inbox, with the message, but not yet the case.
    const inbox = await t.http().get('/referrals?box=inbox&status=pending').set(as('dushanbe'));
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(transfer.body.id);
    expect((await t.http().get(`/referrals/${transfer.body.id}`).set(as('dushanbe'))).body.message).toBe(MESSAGE);
    expect((await t.http().get(`/cases/${caseId}`).set(as('dushanbe'))).status).toBe(404);
    // A caseworker cannot accept; the manager does, and Dushanbe now owns the case.
    expect((await t.http().post(`/referrals/${transfer.body.id}/accept`).set(as('dushanbe'))).status).toBe(403);
    const accepted = await t.http().post(`/referrals/${transfer.body.id}/accept`).set(as('dushanbeManager'));
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const owned = await t.http().get(`/cases/${caseId}`).set(as('dushanbe'));
    expect(owned.status).toBe(200);
    expect(owned.body).toMatchObject({ view: 'full', organisationId: dushanbe, healthNotes: CASE.healthNotes });
    expect(owned.body.person.familyName).toBe(PERSON.familyName);
    expect((await t.http().get(`/cases/${caseId}`).set(as('khujand'))).status).toBe(404);

    // The MIA unit's share stays with the case under its new owner: the investigator sees the
    // investigation view and nothing more.
    const investigation = await t.http().get(`/cases/${caseId}`).set(as('investigator'));
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
    expect((await t.http().patch(`/cases/${caseId}`).set(as('investigator')).send({ version: 1 })).status).toBe(403);

    // Dushanbe, the owner now, records the withdrawal of the consent to disclosure: the investigator's
    // next request gets 404, and the MIA unit is told.
    const withdrawn = await t.http().post(`/cases/${caseId}/consents/${disclosure}/withdraw`).set(as('dushanbe'));
    expect(withdrawn.status).toBe(200);
    expect((await t.http().get(`/cases/${caseId}`).set(as('investigator'))).status).toBe(404);
    const told = await t.http().get('/notifications').set(as('investigator'));
    expect(told.body.items.map((n: { kind: string; caseId: string }) => [n.kind, n.caseId])).toEqual(
      expect.arrayContaining([
        ['consent_withdrawn', caseId],
        ['referral_received', caseId],
      ]),
    );

    // The manager closes the case with a reason; the history shows every change with who and why.
    const closed = await t
      .http()
      .post(`/cases/${caseId}/stage`)
      .set(as('dushanbeManager'))
      .send({ to: 'closed', version: await version(caseId, 'dushanbe'), reason: 'Returned to her family in Isfara.' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ stage: 'closed', nextStages: [] });
    const history = await t.http().get(`/cases/${caseId}/history`).set(as('dushanbe'));
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
      const { id, version: v } = await openCase();
      const response = await t
        .http()
        .post(`/cases/${id}/stage`)
        .set(as('khujand'))
        .send({ to: 'assistance', version: v, reason: 'Skipping ahead' });
      expect(response.status).toBe(409);
      expect(response.body.message).toContain('allowed next stages: referred, reflection, closed');
      expect(response.body.details).toEqual([{ field: 'to', problem: response.body.message }]);
    });

    it('keeps the status decision for the manager, after the reflection period unless the person asks', async () => {
      const { id } = await openCase();
      const move = (who: string, body: object) =>
        version(id).then((v) =>
          t
            .http()
            .post(`/cases/${id}/stage`)
            .set(as(who))
            .send({ version: v, ...body }),
        );
      expect((await move('khujand', { to: 'reflection', reason: 'In the shelter since Monday' })).status).toBe(200);
      const decision = {
        to: 'status_decided',
        reason: 'Indicators confirmed by the commission of the shelter',
        traffickingStatus: 'ActualVictimOfTrafficking',
        statusDecidedBy: 'NGO',
        decidingOrganisationId: khujand,
      };
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
      const read = await t.http().get(`/cases/${id}`).set(as('khujand'));
      expect(read.body).toMatchObject({ traffickingStatus: 'ActualVictimOfTrafficking', statusDecidedBy: 'NGO' });
      // Status is not changed through PATCH any more.
      const patched = await t
        .http()
        .patch(`/cases/${id}`)
        .set(as('khujand'))
        .send({ version: read.body.version, traffickingStatus: 'NotAVictimOfTrafficking' });
      expect(patched.status).toBe(400);
    });

    it('lets the decision through without a waiver once the reflection period is over', async () => {
      const { id } = await openCase();
      const to = (stage: string, extra: object = {}, who = 'khujand') =>
        version(id).then((v) =>
          t
            .http()
            .post(`/cases/${id}/stage`)
            .set(as(who))
            .send({ to: stage, version: v, reason: 'Next step', ...extra }),
        );
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
      const { id } = await openCase();
      const statistics = await consent(id, { purpose: 'statistics' });
      const toMedical = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: medical,
        referralPurposes: ['medical'],
      });
      const cases: Array<[object, RegExp]> = [
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
        const response = await refer(id, body);
        expect({ body, status: response.status }).toEqual({ body, status: 422 });
        expect(response.body.details).toEqual([{ field: 'consentId', problem: expect.stringMatching(problem) }]);
      }
      await t.http().post(`/cases/${id}/consents/${toMedical}/withdraw`).set(as('khujand'));
      const afterWithdrawal = await refer(id, { toOrganisationId: medical, purpose: 'medical', consentId: toMedical });
      expect(afterWithdrawal.status).toBe(422);
      expect(afterWithdrawal.body.message).toMatch(/withdrawn/);
      expect(await asSuperuser(t.db, `SELECT 1 FROM referral WHERE case_id = $1`, [id])).toEqual([]);
    });

    it('needs a reason to decline, and shows it to the referring organisation', async () => {
      const { id } = await openCase();
      const ok = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: medical,
        referralPurposes: ['medical'],
      });
      const sent = await refer(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      expect(sent.status).toBe(201);
      const noReason = await t.http().post(`/referrals/${sent.body.id}/decline`).set(as('medicalManager')).send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.details.map((d: { field: string }) => d.field)).toContain('reason');
      const declined = await t
        .http()
        .post(`/referrals/${sent.body.id}/decline`)
        .set(as('medicalManager'))
        .send({ reason: DECLINE_REASON });
      expect(declined.status).toBe(200);
      const seen = await t.http().get(`/referrals/${sent.body.id}`).set(as('khujand'));
      expect(seen.body).toMatchObject({ status: 'declined', declineReason: DECLINE_REASON });
      expect((await t.http().post(`/referrals/${sent.body.id}/accept`).set(as('medicalManager'))).status).toBe(409);
      const told = await t.http().get('/notifications').set(as('khujand'));
      expect(told.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'referral_declined', referralId: sent.body.id })]),
      );
      expect((await t.http().get(`/cases/${id}`).set(as('medical'))).status).toBe(404);
    });

    it('gives an accepted medical referral the referral view, and takes it away with the consent', async () => {
      const { id } = await openCase();
      const ok = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: medical,
        referralPurposes: ['medical'],
      });
      const sent = await refer(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      expect((await t.http().post(`/referrals/${sent.body.id}/accept`).set(as('medicalManager'))).status).toBe(200);
      const read = await t.http().get(`/cases/${id}`).set(as('medical'));
      expect(read.status).toBe(200);
      expect(read.body.view).toBe('referral');
      expect(read.body).not.toHaveProperty('healthNotes');
      expect((await t.http().post(`/cases/${id}/referrals`).set(as('medical')).send({})).status).toBe(400);
      expect(
        (await refer(id, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: ok }, 'medical')).status,
      ).toBe(403);
      await t.http().post(`/cases/${id}/consents/${ok}/withdraw`).set(as('khujand'));
      expect((await t.http().get(`/cases/${id}`).set(as('medical'))).status).toBe(404);
    });

    it('lets only the sender withdraw, withdraws pending referrals with their consent, and shows overdue ones', async () => {
      const { id } = await openCase();
      const ok = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: dushanbe,
        referralPurposes: ['shelter'],
      });
      const first = await refer(id, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: ok });
      expect((await refer(id, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: ok })).status).toBe(409);
      expect((await t.http().post(`/referrals/${first.body.id}/withdraw`).set(as('dushanbe'))).status).toBe(403);
      expect((await t.http().post(`/referrals/${first.body.id}/withdraw`).set(as('khujand'))).status).toBe(200);
      const second = await refer(id, { toOrganisationId: dushanbe, purpose: 'shelter', consentId: ok });
      expect(second.status).toBe(201);
      await asSuperuser(t.db, `UPDATE referral SET due_at = now() - interval '1 day' WHERE id = $1`, [second.body.id]);
      const overdue = await t.http().get('/referrals?box=outbox&status=overdue').set(as('khujand'));
      expect(overdue.body.items.map((r: { id: string; overdue: boolean }) => [r.id, r.overdue])).toEqual([
        [second.body.id, true],
      ]);
      for (let i = 0; i < 2; i++) {
        const told = await t.http().get('/notifications').set(as('dushanbe'));
        const kinds = told.body.items.filter((n: { referralId: string }) => n.referralId === second.body.id);
        expect(kinds.map((n: { kind: string }) => n.kind).sort()).toEqual(['referral_overdue', 'referral_received']);
      }
      await t.http().post(`/cases/${id}/consents/${ok}/withdraw`).set(as('khujand'));
      const after = await t.http().get(`/referrals/${second.body.id}`).set(as('dushanbe'));
      expect(after.body.status).toBe('withdrawn');
    });

    it('refuses bad input with 400 naming the field, and writes nothing', async () => {
      const { id } = await openCase();
      const ok = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: medical,
        referralPurposes: ['medical'],
      });
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
        const response = await refer(id, body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await asSuperuser(t.db, `SELECT 1 FROM referral WHERE case_id = $1`, [id])).toEqual([]);
      expect((await t.http().get(`/cases/${id}`).set(as('khujand'))).body.stage).toBe('identified');
    });
  });

  describe('in the database', () => {
    it('lets a receiving organisation neither edit its share nor accept through anything but the function', async () => {
      const { id } = await openCase();
      const ok = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: medical,
        referralPurposes: ['medical'],
      });
      const sent = await refer(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      await expect(
        asOrg(
          medical,
          'org_manager',
          `UPDATE referral SET status = 'accepted', decided_at = now() WHERE id = '${sent.body.id}'`,
        ),
      ).rejects.toThrow(/refused/);
      const [answer] = await asOrg(
        medical,
        'caseworker',
        `SELECT panoh_accept_referral('${sent.body.id}', gen_random_uuid(), gen_random_uuid()) AS a`,
      );
      expect(answer).toEqual({ a: 'not_found' });
      expect((await t.http().post(`/referrals/${sent.body.id}/accept`).set(as('medicalManager'))).status).toBe(200);
      await expect(
        asOrg(medical, 'org_manager', `UPDATE case_share SET view = 'referral' WHERE case_id = '${id}'`),
      ).rejects.toThrow(/permission denied/);
      expect(await asOrg(dushanbe, 'org_manager', `SELECT id FROM referral WHERE case_id = '${id}'`)).toEqual([]);
      expect(await asOrg(medical, 'org_manager', `SELECT id FROM referral WHERE case_id = '${id}'`)).toHaveLength(1);
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
      const ok = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: to,
        referralPurposes: ['transfer'],
      });
      const sent = await refer(id, { toOrganisationId: to, purpose: 'transfer', consentId: ok });
      expect(sent.status).toBe(201);
      expect((await t.http().post(`/referrals/${sent.body.id}/accept`).set(as(toManager))).status).toBe(200);
      return sent.body.id as string;
    };

    it("withdraws the former owner's pending referrals, tells both sides, and allows one pending transfer", async () => {
      const { id } = await openCase();
      const toDushanbe = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: dushanbe,
        referralPurposes: ['transfer'],
      });
      const toMedical = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: medical,
        referralPurposes: ['transfer', 'medical'],
      });
      const first = await refer(id, { toOrganisationId: dushanbe, purpose: 'transfer', consentId: toDushanbe });
      const second = await refer(id, { toOrganisationId: medical, purpose: 'transfer', consentId: toMedical });
      expect(second.status).toBe(409);
      const medicalReferral = await refer(id, { toOrganisationId: medical, purpose: 'medical', consentId: toMedical });
      expect(medicalReferral.status).toBe(201);
      expect((await t.http().post(`/referrals/${first.body.id}/accept`).set(as('dushanbeManager'))).status).toBe(200);

      const stale = await t.http().post(`/referrals/${medicalReferral.body.id}/accept`).set(as('medicalManager'));
      expect(stale.status).toBe(409);
      expect((await t.http().get(`/cases/${id}`).set(as('medical'))).status).toBe(404);
      expect((await t.http().get(`/referrals/${medicalReferral.body.id}`).set(as('medical'))).body).toMatchObject({
        status: 'withdrawn',
        message: null,
      });
      for (const who of ['medical', 'khujand']) {
        const told = await t.http().get('/notifications').set(as(who));
        expect(told.body.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ kind: 'referral_withdrawn', referralId: medicalReferral.body.id }),
          ]),
        );
      }
      // The former owner can neither read the case nor add to it, through the API or in the database.
      expect((await t.http().get(`/cases/${id}`).set(as('khujand'))).status).toBe(404);
      expect(
        (await t.http().post(`/cases/${id}/consents`).set(as('khujand')).send({ purpose: 'statistics' })).status,
      ).toBe(404);
      await expect(
        asOrg(
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
      const { id } = await openCase();
      const read = await t.http().get(`/cases/${id}`).set(as('khujand'));
      const personId = read.body.person.id as string;
      const second = await t.http().post('/cases').set(as('khujand')).send({ personId });
      expect(second.status).toBe(201);
      await transferTo(id, dushanbe, 'dushanbeManager');
      const patched = await t.http().patch(`/persons/${personId}`).set(as('khujand')).send({ notes: 'changed' });
      expect(patched.status).toBe(409);
      expect((await t.http().delete(`/persons/${personId}`).set(as('khujandManager'))).status).toBe(409);
      const theirs = await t.http().get(`/cases/${id}`).set(as('dushanbe'));
      expect(theirs.status).toBe(200);
      expect(theirs.body.person.familyName).toBe(PERSON.familyName);
    });

    it('sends a police unit only law_enforcement referrals, and hides referral texts once the consent is withdrawn', async () => {
      const { id } = await openCase();
      const legal = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: mia,
        referralPurposes: ['legal'],
      });
      const refused = await refer(id, { toOrganisationId: mia, purpose: 'legal', consentId: legal });
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('purpose');
      const disclosure = await consent(id, { purpose: 'law_enforcement_disclosure' });
      const sent = await refer(id, {
        toOrganisationId: mia,
        purpose: 'law_enforcement',
        consentId: disclosure,
        message: 'She is in room 2; phone 123',
      });
      expect((await t.http().post(`/referrals/${sent.body.id}/accept`).set(as('miaManager'))).status).toBe(200);
      expect((await t.http().get(`/referrals/${sent.body.id}`).set(as('investigator'))).body.message).toBe(
        'She is in room 2; phone 123',
      );
      await t.http().post(`/cases/${id}/consents/${disclosure}/withdraw`).set(as('khujand'));
      const after = await t.http().get(`/referrals/${sent.body.id}`).set(as('investigator'));
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ message: null, textsWithheld: true });
    });

    it('refuses forged rows: a case on another organisation’s person, a self-accepted referral, a decided one changed, a stray notification', async () => {
      const { id } = await openCase('dushanbe');
      const theirs = await t.http().get(`/cases/${id}`).set(as('dushanbe'));
      await expect(
        asOrg(
          khujand,
          'caseworker',
          `INSERT INTO victim_case (id, reference, organisation_id, person_id, created_by, stage, trafficking_status,
             registered_on) VALUES ($1, 'TJ-2026-99999', $2, $3, $4, 'identified', 'PossibleVictimOfTrafficking', now())`,
          [randomUUID(), khujand, theirs.body.person.id, randomUUID()],
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        asOrg(dushanbe, 'caseworker', `UPDATE victim_case SET person_id = person_id WHERE id = $1`, [id]),
      ).rejects.toThrow(/permission denied/);

      const ok = await consent(
        id,
        { purpose: 'referral', recipientOrganisationId: medical, referralPurposes: ['medical'] },
        'dushanbe',
      );
      const sent = await refer(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok }, 'dushanbe');
      // Setting the definer's scope gains the sender nothing.
      await expect(
        asOrg(
          dushanbe,
          'org_manager',
          `SELECT set_config('panoh.definer_scope', 'referral_acceptance', true);
           UPDATE referral SET status = 'accepted', decided_at = now() WHERE id = '${sent.body.id}'`,
        ),
      ).rejects.toThrow(/refused/);
      // Another case's consent cannot carry a referral.
      const other = await openCase('dushanbe');
      await expect(
        asOrg(
          dushanbe,
          'caseworker',
          `INSERT INTO referral (id, case_id, from_organisation_id, to_organisation_id, purpose, consent_id, status, due_at,
             created_by, created_at) VALUES ($1, $2, $3, $4, 'medical', $5, 'pending', now() + interval '1 day', $6, now())`,
          [randomUUID(), other.id, dushanbe, medical, ok, randomUUID()],
        ),
      ).rejects.toThrow(/row-level security/);
      // A decided referral no longer changes; a receiver's caseworker cannot decline.
      await expect(
        asOrg(
          medical,
          'caseworker',
          `UPDATE referral SET status = 'declined', decided_at = now(), decline_reason = '\\x00' WHERE id = $1`,
          [sent.body.id],
        ),
      ).rejects.toThrow(/refused/);
      await t.http().post(`/referrals/${sent.body.id}/decline`).set(as('medicalManager')).send({ reason: 'Full' });
      await expect(
        asOrg(medical, 'org_manager', `UPDATE referral SET decided_at = now() - interval '9 days' WHERE id = $1`, [
          sent.body.id,
        ]),
      ).rejects.toThrow(/refused/);
      // A notification only to a party of the referral, about its case.
      await expect(
        asOrg(
          medical,
          'org_manager',
          `INSERT INTO notification (id, organisation_id, kind, referral_id, case_id, created_at)
           VALUES ($1, $2, 'referral_received', $3, $4, now())`,
          [randomUUID(), mia, sent.body.id, id],
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('records the referral a third organisation probes, though it gets 404', async () => {
      const { id } = await openCase();
      const ok = await consent(id, {
        purpose: 'referral',
        recipientOrganisationId: medical,
        referralPurposes: ['medical'],
      });
      const sent = await refer(id, { toOrganisationId: medical, purpose: 'medical', consentId: ok });
      const probe = await t
        .http()
        .get(`/referrals/${sent.body.id}`)
        .set(as('dushanbe'))
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
