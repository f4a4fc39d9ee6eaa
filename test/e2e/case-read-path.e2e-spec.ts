import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseAccess } from '../../src/modules/cases/case-records';
import { Role } from '../../src/core/access/role';
import { AuditAction } from '../../src/core/audit/audit-action';
import { beginAs } from '../../src/core/audit/audit.interceptor';
import { AuditWriter } from '../../src/core/audit/audit.writer';
import { RequestContext } from '../../src/core/database/request-context';
import { asCaller, callerOf } from '../support/as-caller';
import { callerWith } from '../support/api';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * The one-statement read path (migration CaseReadPath): panoh_case_read decides as CaseAccess does,
 * returns nothing that row-level security hides whatever its arguments claim, and holds what the view
 * allows; and the interceptor's one-round-trip begin and commit keep the caller and the event intact.
 */
describe('the case read path', () => {
  let t: TestApp;
  let shelter: string;
  const users = new Map<string, TestUser>();
  const cases = new Map<string, string>();
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    shelter = await createOrganisation(t);
    const ngo = await createOrganisation(t);
    const police = await createOrganisation(t);
    const stranger = await createOrganisation(t);
    for (const [name, role, organisationId] of [
      ['caseworker', Role.Caseworker, shelter],
      ['manager', Role.OrgManager, shelter],
      ['investigator', Role.Investigator, shelter],
      ['ngo', Role.Caseworker, ngo],
      ['ngoManager', Role.OrgManager, ngo],
      ['police', Role.Investigator, police],
      ['policeCaseworker', Role.Caseworker, police],
      ['stranger', Role.Caseworker, stranger],
    ] as const) {
      users.set(name, await createUser(t, role, organisationId));
    }
    token = await login(t, users.get('caseworker') as TestUser);
    const caseworker = callerWith(t, token, 'caseworker');
    const open = async (name: string) => {
      const { id } = await caseworker.openCase({
        person: { familyName: 'Каримова', givenName: name },
        narrative: `Narrative of ${name}`,
        events: [{ type: 'Recruitment', occurredOn: '2024-03', country: 'TJK', city: 'Khujand' }],
      });
      cases.set(name, id);
      return id;
    };
    const consent = (caseId: string) => caseworker.consent(caseId, { purpose: 'law_enforcement_disclosure' });
    const share = (caseId: string, to: string, purpose: string, extra: { consentId?: string; state?: string } = {}) =>
      asSuperuser(
        t.db,
        `INSERT INTO case_share (id, case_id, owner_organisation_id, organisation_id, purpose, view, consent_id, accepted_at, revoked_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, CASE WHEN $7 <> 'offered' THEN now() END,
                 CASE WHEN $7 = 'revoked' THEN now() END)`,
        [
          caseId,
          shelter,
          to,
          purpose,
          purpose === 'law_enforcement' ? 'investigation' : 'referral',
          extra.consentId ?? null,
          extra.state ?? 'accepted',
        ],
      );
    await open('own');
    await share(await open('referred'), ngo, 'referral');
    await share(await open('revoked'), ngo, 'referral', { state: 'revoked' });
    await share(await open('offered'), ngo, 'referral', { state: 'offered' });
    const disclosed = await open('disclosed');
    await share(disclosed, police, 'law_enforcement', { consentId: await consent(disclosed) });
    const withdrawn = await open('withdrawn');
    const withdrawnConsent = await consent(withdrawn);
    await share(withdrawn, police, 'law_enforcement', { consentId: withdrawnConsent });
    await caseworker.withdrawConsent(withdrawn, withdrawnConsent);
  });
  afterAll(() => t.close());

  /** panoh_case_read as `who`, in a transaction set as the service sets it; its arguments `claimed`. */
  async function read(who: string, caseName: string, claimed?: { organisationId: string; role: string }) {
    const user = users.get(who) as TestUser;
    const args = claimed ?? user;
    return asCaller(t, user, async () => {
      const [row] = await t.app
        .get(RequestContext)
        .manager.query(`SELECT panoh_case_read($1, $2, $3) AS content`, [
          cases.get(caseName),
          args.organisationId,
          args.role,
        ]);
      return row.content as Record<string, unknown> | null;
    });
  }

  it('decides the same view as CaseAccess, for every caller and case', async () => {
    const expected: Record<string, Record<string, string | null>> = {
      caseworker: {
        own: 'full',
        referred: 'full',
        revoked: 'full',
        offered: 'full',
        disclosed: 'full',
        withdrawn: 'full',
      },
      manager: {
        own: 'full',
        referred: 'full',
        revoked: 'full',
        offered: 'full',
        disclosed: 'full',
        withdrawn: 'full',
      },
      investigator: { own: null, referred: null, revoked: null, offered: null, disclosed: null, withdrawn: null },
      ngo: { own: null, referred: 'referral', revoked: null, offered: null, disclosed: null, withdrawn: null },
      ngoManager: { own: null, referred: 'referral', revoked: null, offered: null, disclosed: null, withdrawn: null },
      police: { own: null, referred: null, revoked: null, offered: null, disclosed: 'investigation', withdrawn: null },
      policeCaseworker: {
        own: null,
        referred: null,
        revoked: null,
        offered: null,
        disclosed: 'investigation',
        withdrawn: null,
      },
      stranger: { own: null, referred: null, revoked: null, offered: null, disclosed: null, withdrawn: null },
    };
    const access = t.app.get(CaseAccess);
    for (const [who, byCase] of Object.entries(expected)) {
      for (const caseName of Object.keys(byCase)) {
        const user = users.get(who) as TestUser;
        const decided = await asCaller(t, user, () =>
          access.requireView(callerOf(user), cases.get(caseName) as string).catch(() => null),
        );
        const content = await read(who, caseName);
        const seen = { who, caseName, access: decided, read: (content?.view as string | undefined) ?? null };
        expect(seen).toEqual({ who, caseName, access: byCase[caseName], read: byCase[caseName] });
      }
    }
  });

  it("returns nothing of another organisation's case, whatever its arguments claim", async () => {
    const owner = { organisationId: shelter, role: Role.Caseworker };
    expect(await read('ngo', 'own', owner)).toBeNull();
    expect(await read('stranger', 'disclosed', owner)).toBeNull();
    const user = users.get('ngo') as TestUser;
    const content = await asCaller(t, user, async () => {
      const [row] = await t.app
        .get(RequestContext)
        .manager.query(`SELECT panoh_case_content($1, 'full') AS content`, [cases.get('own')]);
      return row.content as unknown;
    });
    expect(content).toBeNull();
  });

  it('returns nothing when the caller is not set', async () => {
    const [row] = await asServiceRole<{ content: unknown }>(t.db, `SELECT panoh_case_read($1, $2, $3) AS content`, [
      cases.get('own'),
      shelter,
      Role.Caseworker,
    ]);
    expect(row.content).toBeNull();
  });

  it('holds what the view allows, still encrypted', async () => {
    const full = (await read('caseworker', 'disclosed')) as Record<string, unknown[]> & Record<string, unknown>;
    expect(full.view).toBe('full');
    expect(full.consents).toHaveLength(1);
    expect(full.events).toHaveLength(1);
    expect(full.caseKey).toMatchObject({ wrapped_key: expect.stringMatching(/^\\x[0-9a-f]+$/) });
    expect(full.personKey).toMatchObject({ wrapped_key: expect.stringMatching(/^\\x[0-9a-f]+$/) });
    expect(full.case).not.toHaveProperty('statistics_key');
    expect(JSON.stringify(full)).not.toContain('Narrative of');
    expect(JSON.stringify(full)).not.toContain('Khujand');
    const investigation = (await read('police', 'disclosed')) as Record<string, unknown>;
    expect(investigation).toMatchObject({ view: 'investigation', consents: [], screenings: [] });
    expect(investigation.events).toHaveLength(1);
    const referral = (await read('ngo', 'referred')) as Record<string, unknown>;
    expect(referral).toMatchObject({ view: 'referral', consents: [], screenings: [] });
  });

  it('serves GET /cases/:id from it, with one audit event naming the view', async () => {
    const id = cases.get('referred') as string;
    const ngoToken = await login(t, users.get('ngo') as TestUser);
    const response = await t
      .http()
      .get(`/cases/${id}`)
      .set('Authorization', `Bearer ${ngoToken}`)
      .set('X-Request-Id', 'read-path-0001');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, view: 'referral', narrative: 'Narrative of referred' });
    const events = await asSuperuser<{ action: string; outcome: string; view: string; case_ids: string[] }>(
      t.db,
      `SELECT action, outcome, view, case_ids FROM audit_event WHERE request_id = 'read-path-0001'`,
    );
    expect(events).toEqual([{ action: AuditAction.CaseViewed, outcome: 'allowed', view: 'referral', case_ids: [id] }]);
  });

  describe('the transaction opened with the session lookup', () => {
    const openTransactions = async () =>
      (
        await asSuperuser<{ n: string }>(
          t.db,
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        )
      )[0].n;

    it('panoh_session sets the caller of a live session only, and says why another is refused', async () => {
      const user = await createUser(t, Role.Caseworker, shelter);
      const live = await login(t, user);
      const ended = await login(t, user);
      expect((await t.http().post('/auth/logout').set('Authorization', `Bearer ${ended}`)).status).toBe(204);
      const probe = async (tokenOf: string) => {
        const [row] = await asServiceRole<{ states: string[] | null; users: string; caller: string | null }>(
          t.db,
          `WITH found AS (SELECT * FROM panoh_session($1, 900, 30, true))
           SELECT (SELECT array_agg(state) FROM found) AS states, (SELECT count(user_id) FROM found) AS users,
                  current_setting('panoh.organisation_id', true) AS caller`,
          [createHash('sha256').update(tokenOf, 'utf8').digest()],
        );
        return { states: row.states, users: Number(row.users), caller: row.caller || null };
      };
      expect(await probe(live)).toEqual({ states: ['live'], users: 1, caller: user.organisationId });
      expect(await probe(ended)).toEqual({ states: ['ended'], users: 0, caller: null });
      expect(await probe('B'.repeat(43))).toEqual({ states: null, users: 0, caller: null });
    });

    it('refuses an ended session or a disabled user on the very next audited read', async () => {
      const id = cases.get('own') as string;
      const user = await createUser(t, Role.Caseworker, shelter);
      const [first, second] = [await login(t, user), await login(t, user)];
      const get = (tokenOf: string) => t.http().get(`/cases/${id}`).set('Authorization', `Bearer ${tokenOf}`);
      expect((await get(first)).status).toBe(200);
      expect((await t.http().post('/auth/logout').set('Authorization', `Bearer ${first}`)).status).toBe(204);
      expect((await get(first)).status).toBe(401);
      expect((await get(second)).status).toBe(200);
      const admin = await createUser(t, Role.Admin, shelter);
      const adminToken = await login(t, admin);
      const disabled = await t.http().post(`/users/${user.id}/disable`).set('Authorization', `Bearer ${adminToken}`);
      expect(disabled.status).toBe(200);
      expect((await get(second)).status).toBe(401);
    });

    it('leaves no transaction open after refusals, failures and successes', async () => {
      const id = cases.get('own') as string;
      const commission = await login(t, await createUser(t, Role.Commission, shelter));
      // A fresh id, not the case's with its last digit changed: that was the case itself one time in 16.
      const unknown = randomUUID();
      const answers: number[] = [];
      for (let i = 0; i < 12; i++) {
        answers.push(
          (
            await t
              .http()
              .get(`/cases/${id}`)
              .set('Authorization', `Bearer ${'A'.repeat(43)}`)
          ).status,
          (await t.http().get(`/cases/${id}`).set('Authorization', `Bearer ${commission}`)).status,
          (await t.http().get(`/cases/${unknown}`).set('Authorization', `Bearer ${token}`)).status,
          (await t.http().get(`/cases/${id}`).set('Authorization', `Bearer ${token}`)).status,
        );
      }
      expect(new Set(answers)).toEqual(new Set([401, 403, 404, 200]));
      expect(await openTransactions()).toBe('0');
    });
  });

  describe("the interceptor's one-round-trip begin and commit", () => {
    it('sets the caller in the transaction it opens, and keeps nested transactions as savepoints', async () => {
      const runner = t.app.get(DataSource).createQueryRunner();
      await runner.connect();
      try {
        await beginAs(runner, callerOf(users.get('ngo') as TestUser));
        expect(runner.isTransactionActive).toBe(true);
        const [caller] = await runner.query(
          `SELECT panoh_caller_organisation() AS organisation, panoh_caller_role() AS role`,
        );
        expect(caller).toEqual({ organisation: (users.get('ngo') as TestUser).organisationId, role: 'caseworker' });
        await runner.manager.transaction(async (nested) => {
          await nested.query('SELECT 1');
        });
        expect(runner.isTransactionActive).toBe(true);
        await runner.rollbackTransaction();
        const [after] = await runner.query(`SELECT panoh_caller_organisation() AS organisation`);
        expect(after).toEqual({ organisation: null });
      } finally {
        await runner.release();
      }
    });

    it('refuses a caller it cannot vouch for, and leaves no transaction open', async () => {
      const runner = t.app.get(DataSource).createQueryRunner();
      await runner.connect();
      try {
        const user = callerOf(users.get('ngo') as TestUser);
        await expect(
          beginAs(runner, { ...user, organisationId: "x', true), set_config('panoh.role', 'x" }),
        ).rejects.toThrow(/refusing/);
        await expect(beginAs(runner, { ...user, role: 'superuser' as Role })).rejects.toThrow(/refusing/);
        expect(runner.isTransactionActive).toBe(false);
        const [state] = await runner.query(`SELECT now() = statement_timestamp() AS outside`);
        expect(state).toEqual({ outside: true });
      } finally {
        await runner.release();
      }
    });

    it('writes every value of the event as given, quotes and all, and commits it with the transaction', async () => {
      const runner = t.app.get(DataSource).createQueryRunner();
      await runner.connect();
      const user = callerOf(users.get('caseworker') as TestUser);
      const awkward = `o'brien\\"; DROP TABLE audit_event; --`;
      try {
        await beginAs(runner, user);
        await t.app.get(AuditWriter).appendAndCommit(runner, {
          action: AuditAction.CaseViewed,
          outcome: 'allowed',
          statusCode: 200,
          actor: { userId: user.userId, organisationId: user.organisationId, role: user.role },
          caseIds: [cases.get('own') as string],
          personIds: [],
          view: awkward,
          fields: ['narrative', awkward],
          requestId: 'read-path-0002',
          clientAddress: awkward,
          detail: { reason: awkward, count: 2 },
        });
        expect(runner.isTransactionActive).toBe(false);
      } finally {
        await runner.release();
      }
      const events = await asSuperuser<Record<string, unknown>>(
        t.db,
        `SELECT actor_user_id, action, status_code, case_ids, person_ids, view, fields, client_address, detail
         FROM audit_event WHERE request_id = 'read-path-0002'`,
      );
      expect(events).toEqual([
        {
          actor_user_id: user.userId,
          action: AuditAction.CaseViewed,
          status_code: 200,
          case_ids: [cases.get('own')],
          person_ids: [],
          view: awkward,
          fields: ['narrative', awkward],
          client_address: awkward,
          detail: { reason: awkward, count: 2 },
        },
      ]);
    });

    it('refuses an event with an id that is not a UUID or an unknown code, and commits nothing', async () => {
      const runner = t.app.get(DataSource).createQueryRunner();
      await runner.connect();
      const user = callerOf(users.get('caseworker') as TestUser);
      const writer = t.app.get(AuditWriter);
      const event = {
        action: AuditAction.CaseViewed,
        outcome: 'allowed' as const,
        statusCode: 200,
        actor: { userId: user.userId, organisationId: user.organisationId, role: user.role },
        requestId: 'read-path-0003',
      };
      try {
        for (const bad of [
          { ...event, caseIds: ["'); DELETE FROM victim_case; --"] },
          { ...event, action: 'case.erased_everything' as AuditAction },
          { ...event, statusCode: 2000 },
        ]) {
          await beginAs(runner, user);
          await expect(writer.appendAndCommit(runner, bad)).rejects.toThrow(/audit event/);
          await runner.rollbackTransaction();
        }
      } finally {
        await runner.release();
      }
      expect(await asSuperuser(t.db, `SELECT seq FROM audit_event WHERE request_id = 'read-path-0003'`)).toEqual([]);
    });
  });
});
