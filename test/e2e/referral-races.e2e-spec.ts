import { Client } from 'pg';
import { Role } from '../../src/core/access/role';
import { Api, Reply, signInCast } from '../support/api';
import { NEW_CASE } from '../support/case-fixtures';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const TRIALS = 20;

interface Referred {
  caseId: string;
  consentId: string;
  referralId: string;
}

/** What a move is answered: a referral, or the consent whose withdrawal withdraws it. */
type Answer = Reply<{ status?: string }>;

type Move = (r: Referred) => Promise<Answer>;

/**
 * Two requests that change one pending referral at the same time, each pair raced TRIALS times: half
 * of the trials freely, half held at the case's row lock until both requests wait there (one, then the
 * other, in front), so that they overlap however slow the machine is. Whatever the interleaving, the
 * database must not deadlock, and a loser must be told the referral's state after the winner's change.
 */
describe('racing changes of one referral', () => {
  let t: TestApp;
  let api: Api;
  let dushanbe: string;

  beforeAll(async () => {
    t = await startTestApp();
    const khujand = await createOrganisation(t, `Shelter Khujand races ${Date.now()}`);
    dushanbe = await createOrganisation(t, `Shelter Dushanbe races ${Date.now()}`);
    api = await signInCast(t, {
      sender: [Role.Caseworker, khujand],
      manager: [Role.OrgManager, dushanbe],
      otherManager: [Role.OrgManager, dushanbe],
    });
  });
  afterAll(() => t.close());

  async function referred(): Promise<Referred> {
    const sender = api.as('sender');
    const { id: caseId } = await sender.openCase(NEW_CASE);
    const consentId = await sender.consentToReferral(caseId, dushanbe, ['shelter']);
    const referral = await sender.refer(caseId, { toOrganisationId: dushanbe, purpose: 'shelter', consentId });
    return { caseId, consentId, referralId: referral.id };
  }

  const accept =
    (who = 'manager'): Move =>
    (r) =>
      api.as(who).referrals.accept(r.referralId);
  const withdraw: Move = (r) => api.as('sender').referrals.withdraw(r.referralId);
  const decline: Move = (r) => api.as('otherManager').referrals.decline(r.referralId, { reason: 'No bed free.' });
  const withdrawConsent: Move = (r) => api.as('sender').cases.withdrawConsent(r.caseId, r.consentId);

  async function statusOf(r: Referred): Promise<string> {
    const response = await api.as('sender').referrals.get(r.referralId);
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
  async function gated(r: Referred, moves: Move[]): Promise<Answer[]> {
    const gate = new Client({ connectionString: t.db.superuserUrl });
    await gate.connect();
    try {
      await gate.query('BEGIN');
      await gate.query('SELECT 1 FROM victim_case WHERE id = $1 FOR UPDATE', [r.caseId]);
      const started: Array<Promise<Answer>> = [];
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
    judge: (answers: [Answer, Answer], after: string, r: Referred) => void | Promise<void>,
  ): Promise<void> {
    const problems: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const r = await referred();
      const how = trial % 2 === 0 ? 'free' : trial % 4 === 1 ? 'held, first in front' : 'held, second in front';
      let answers: [Answer, Answer];
      if (how === 'free') answers = await Promise.all([a(r), b(r)]);
      else if (how === 'held, first in front') answers = (await gated(r, [a, b])) as [Answer, Answer];
      else answers = (await gated(r, [b, a])).reverse() as [Answer, Answer];
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
  function oneWinner(answers: [Answer, Answer], after: string, outcomes: [string, string]): void {
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
        expect((await api.as('manager').cases.get(r.caseId)).status).toBe(404);
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
