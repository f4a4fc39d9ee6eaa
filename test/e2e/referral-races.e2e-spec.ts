import { Client } from 'pg';
import type { Response } from 'supertest';
import { Role } from '../../src/core/access/role';
import { PERSON, CASE } from '../support/case-fixtures';
import { createOrganisation, signIn, startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const TRIALS = 20;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

interface Referred {
  caseId: string;
  consentId: string;
  referralId: string;
}

type Move = (r: Referred) => Promise<Response>;

/**
 * Two requests that change one pending referral at the same time, each pair raced TRIALS times: half
 * of the trials freely, half held at the case's row lock until both requests wait there (one, then the
 * other, in front), so that they overlap however slow the machine is. Whatever the interleaving, the
 * database must not deadlock, and a loser must be told the referral's state after the winner's change.
 */
describe('racing changes of one referral', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  let dushanbe: string;

  beforeAll(async () => {
    t = await startTestApp();
    const khujand = await createOrganisation(t, `Shelter Khujand races ${Date.now()}`);
    dushanbe = await createOrganisation(t, `Shelter Dushanbe races ${Date.now()}`);
    await signIn(
      t,
      {
        sender: [Role.Caseworker, khujand],
        manager: [Role.OrgManager, dushanbe],
        otherManager: [Role.OrgManager, dushanbe],
      },
      { tokens },
    );
  });
  afterAll(() => t.close());

  const as = (name: string) => ({ Authorization: `Bearer ${tokens.get(name)}` });

  async function referred(): Promise<Referred> {
    const opened = await t
      .http()
      .post('/cases')
      .set(as('sender'))
      .send({ person: PERSON, ...CASE });
    expect(opened.status).toBe(201);
    const caseId = opened.body.id as string;
    const consent = await t
      .http()
      .post(`/cases/${caseId}/consents`)
      .set(as('sender'))
      .send({ purpose: 'referral', recipientOrganisationId: dushanbe, referralPurposes: ['shelter'] });
    expect(consent.status).toBe(201);
    const referral = await t
      .http()
      .post(`/cases/${caseId}/referrals`)
      .set(as('sender'))
      .send({ toOrganisationId: dushanbe, purpose: 'shelter', consentId: consent.body.id, dueAt: inDays(7) });
    expect(referral.status).toBe(201);
    return { caseId, consentId: consent.body.id, referralId: referral.body.id };
  }

  const accept =
    (who = 'manager'): Move =>
    (r) =>
      t.http().post(`/referrals/${r.referralId}/accept`).set(as(who));
  const withdraw: Move = (r) => t.http().post(`/referrals/${r.referralId}/withdraw`).set(as('sender'));
  const decline: Move = (r) =>
    t.http().post(`/referrals/${r.referralId}/decline`).set(as('otherManager')).send({ reason: 'No bed free.' });
  const withdrawConsent: Move = (r) =>
    t.http().post(`/cases/${r.caseId}/consents/${r.consentId}/withdraw`).set(as('sender'));

  async function statusOf(r: Referred): Promise<string> {
    const response = await t.http().get(`/referrals/${r.referralId}`).set(as('sender'));
    expect(response.status).toBe(200);
    return response.body.status as string;
  }

  /** Backends of this database waiting for a lock (the gate's own connection never waits). */
  async function waiting(gate: Client): Promise<number> {
    const { rows } = await gate.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  }

  /**
   * Starts the moves one after the other while a connection of its own holds the case's row lock, each
   * once the ones before it wait on a lock (or have answered), then lets go and collects the answers.
   */
  async function gated(r: Referred, moves: Move[]): Promise<Response[]> {
    const gate = new Client({ connectionString: t.db.superuserUrl });
    await gate.connect();
    try {
      await gate.query('BEGIN');
      await gate.query('SELECT 1 FROM victim_case WHERE id = $1 FOR UPDATE', [r.caseId]);
      const started: Array<Promise<Response>> = [];
      const settled = new Set<number>();
      for (const move of moves) {
        const index = started.length;
        started.push(move(r).then((answer) => (settled.add(index), answer)));
        const ready = await waitFor(
          async () => ((await waiting(gate)) + settled.size >= started.length ? true : undefined),
          { intervalMs: 10 },
        );
        if (!ready) throw new Error('a racing request neither waited on a lock nor answered');
      }
      await gate.query('COMMIT');
      return await Promise.all(started);
    } finally {
      await gate.end();
    }
  }

  /**
   * Runs `a` against `b` TRIALS times and hands each pair of answers, with the state after, to `judge`;
   * every trial runs, and the trials that went wrong are listed together with what each side was told.
   */
  async function race(
    a: Move,
    b: Move,
    judge: (answers: [Response, Response], after: string, r: Referred) => void | Promise<void>,
  ): Promise<void> {
    const problems: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const r = await referred();
      const how = trial % 2 === 0 ? 'free' : trial % 4 === 1 ? 'held, first in front' : 'held, second in front';
      let answers: [Response, Response];
      if (how === 'free') answers = await Promise.all([a(r), b(r)]);
      else if (how === 'held, first in front') answers = (await gated(r, [a, b])) as [Response, Response];
      else answers = (await gated(r, [b, a])).reverse() as [Response, Response];
      try {
        for (const answer of answers) expect(answer.status).toBeLessThan(500);
        await judge(answers, await statusOf(r), r);
      } catch {
        const told = answers.map((x) => `${x.status} ${JSON.stringify(x.body.message ?? x.body.status)}`);
        problems.push(`trial ${trial} (${how}): ${told.join(' / ')}`);
      }
    }
    expect(problems).toEqual([]);
  }

  /** One answer 200, the other 409 saying the referral's state now, which is the winner's doing. */
  function oneWinner(answers: [Response, Response], after: string, outcomes: [string, string]): void {
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = answers[0].status === 200 ? 0 : 1;
    expect(after).toBe(outcomes[winner]);
    expect(answers[winner].body.status).toBe(after);
    expect(answers[1 - winner].body.message).toBe(`This referral is ${after}, not pending`);
  }

  it('lets a withdrawal and an acceptance race without a deadlock; the loser is told the state', async () => {
    await race(withdraw, accept(), (answers, after) => oneWinner(answers, after, ['withdrawn', 'accepted']));
  });

  it('answers the second of two racing acceptances that the referral is accepted', async () => {
    await race(accept('manager'), accept('otherManager'), (answers, after) =>
      oneWinner(answers, after, ['accepted', 'accepted']),
    );
  });

  it('lets a decline and an acceptance race without a deadlock', async () => {
    await race(decline, accept(), (answers, after) => oneWinner(answers, after, ['declined', 'accepted']));
  });

  it('lets a withdrawal and a decline race without a deadlock', async () => {
    await race(withdraw, decline, (answers, after) => oneWinner(answers, after, ['withdrawn', 'declined']));
  });

  it('lets a consent withdrawal race an acceptance: the share never outlives the consent', async () => {
    await race(withdrawConsent, accept(), async ([consent, acceptance], after, r) => {
      expect(consent.status).toBe(200);
      if (acceptance.status === 200) {
        expect(after).toBe('accepted');
        // Accepted first: the withdrawal that followed revoked the new share at once.
        expect((await t.http().get(`/cases/${r.caseId}`).set(as('manager'))).status).toBe(404);
      } else {
        expect(acceptance.status).toBe(409);
        expect(after).toBe('withdrawn');
        expect(acceptance.body.message).toBe('This referral is withdrawn, not pending');
      }
    });
  });

  it('lets a consent withdrawal race the sender withdrawing the referral', async () => {
    await race(withdrawConsent, withdraw, ([consent, withdrawal], after) => {
      expect(consent.status).toBe(200);
      expect(after).toBe('withdrawn');
      expect([200, 409]).toContain(withdrawal.status);
      if (withdrawal.status === 409) expect(withdrawal.body.message).toBe('This referral is withdrawn, not pending');
    });
  });

  it('lets a consent withdrawal race a decline', async () => {
    await race(withdrawConsent, decline, ([consent, declined], after) => {
      expect(consent.status).toBe(200);
      if (declined.status === 200) expect(after).toBe('declined');
      else {
        expect(declined.status).toBe(409);
        expect(after).toBe('withdrawn');
        expect(declined.body.message).toBe('This referral is withdrawn, not pending');
      }
    });
  });
});
