import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { OrganisationKinds1795835310000 } from '../../migrations/1795835310000-OrganisationKinds';
import { Role } from '../../src/core/access/role';
import { CASE, PERSON } from '../support/case-fixtures';
import { createOrganisation, createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * The migration that gave organisations their kind, run again over data as it stood before: it must
 * classify each organisation by what it does, and stop, naming the people, where it cannot.
 */
describe('the organisation kinds migration over existing organisations', () => {
  let t: TestApp;
  let owner: Client;
  const migration = new OrganisationKinds1795835310000();
  const orgs: Record<string, string> = {};
  let stranded: TestUser;

  /** The migration's queries on the owner's connection, as TypeORM would run them. */
  const runner = () =>
    ({
      query: async (sql: string, params?: unknown[]) => (await owner.query(sql, params)).rows,
    }) as unknown as QueryRunner;

  beforeAll(async () => {
    t = await startTestApp();
    // The kinds given here are lost when the migration is undone; it must find them again.
    orgs.ministry = await createOrganisation(t, 'Ministry social service', 'CentralGovernmentOrganisation', 'service');
    orgs.operators = await createOrganisation(t, 'Operators', 'NGO', 'oversight');
    orgs.dataProtection = await createOrganisation(t, 'Data protection', 'CentralGovernmentOrganisation', 'oversight');
    orgs.emptyShelter = await createOrganisation(t, 'Empty shelter', 'Shelter');
    orgs.shelter = await createOrganisation(t, 'Shelter with a case', 'Shelter');
    orgs.receiver = await createOrganisation(t, 'Receiving service', 'CentralGovernmentOrganisation', 'service');
    await createUser(t, Role.Caseworker, orgs.ministry);
    await createUser(t, Role.Admin, orgs.operators);
    stranded = await createUser(t, Role.Caseworker, orgs.shelter);
    const token = { Authorization: `Bearer ${await login(t, stranded)}` };
    const opened = await t
      .http()
      .post('/cases')
      .set(token)
      .send({ person: PERSON, ...CASE });
    expect(opened.status).toBe(201);
    const consent = await t
      .http()
      .post(`/cases/${opened.body.id}/consents`)
      .set(token)
      .send({ purpose: 'referral', recipientOrganisationId: orgs.receiver, referralPurposes: ['shelter'] });
    const referral = await t
      .http()
      .post(`/cases/${opened.body.id}/referrals`)
      .set(token)
      .send({
        toOrganisationId: orgs.receiver,
        purpose: 'shelter',
        consentId: consent.body.id,
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    expect(referral.status).toBe(201);
    owner = new Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await t.close();
  });

  async function kinds(): Promise<Record<string, string>> {
    const { rows } = await owner.query<{ id: string; kind: string }>(`SELECT id, kind FROM organisation`);
    const byId = new Map(rows.map((r) => [r.id, r.kind]));
    return Object.fromEntries(Object.entries(orgs).map(([name, id]) => [name, byId.get(id) as string]));
  }

  it('classifies by users, cases and referrals first, and by type only where nothing tells', async () => {
    await owner.query('BEGIN');
    await migration.down(runner());
    await migration.up(runner());
    await owner.query('COMMIT');
    expect(await kinds()).toEqual({
      ministry: 'service', // a caseworker works there, whatever its type
      operators: 'oversight', // only an administrator
      dataProtection: 'oversight', // no one yet: a central-government body
      emptyShelter: 'service', // no one yet: a shelter
      shelter: 'service',
      receiver: 'service', // received a referral, though no one works there yet
    });
  });

  it('stops, naming the user, where people of an oversight role sit with cases, and changes nothing', async () => {
    await owner.query('BEGIN');
    try {
      await migration.down(runner());
      // The shelter's only user became an administrator before organisations had kinds.
      await owner.query(`UPDATE app_user SET role = 'admin' WHERE id = $1`, [stranded.id]);
      await expect(migration.up(runner())).rejects.toThrow(
        `1 user(s) of an oversight role work in an organisation that holds cases: ${stranded.username} (admin, in Shelter with a case)`,
      );
    } finally {
      await owner.query('ROLLBACK');
    }
    expect((await kinds()).shelter).toBe('service');
    const { rows } = await owner.query(`SELECT role FROM app_user WHERE id = $1`, [stranded.id]);
    expect(rows).toEqual([{ role: 'caseworker' }]);
  });
});
