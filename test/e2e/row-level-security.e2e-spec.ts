import { DataSource } from 'typeorm';
import { Role } from '../../src/core/access/role';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import { Api, signInCast } from '../support/api';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';

/**
 * Row-level security as the last line: the caller set for one request never outlives it on a pooled
 * connection, and every table that holds something of a person or a case is under FORCE'd policies the
 * service's role cannot bypass, found from the schema rather than listed by hand.
 */
describe('row-level security across the schema', () => {
  let t: TestApp;
  let shelter: string;
  let api: Api;

  beforeAll(async () => {
    // One connection: every request and the check below share it.
    t = await startTestApp({ PANOH_DB_POOL_SIZE: '1' });
    shelter = await createOrganisation(t);
    api = await signInCast(t, { caseworker: [Role.Caseworker, shelter] });
  });
  afterAll(() => t.close());

  /** The caller settings and the rows the pool's one connection sees outside any request. */
  async function leftOnTheConnection() {
    const [row]: Array<{ organisation: string | null; role: string | null; cases: string; persons: string }> =
      await t.app.get(DataSource).query(
        `SELECT NULLIF(current_setting('panoh.organisation_id', true), '') AS organisation,
                NULLIF(current_setting('panoh.role', true), '') AS role,
                (SELECT count(*) FROM victim_case) AS cases, (SELECT count(*) FROM person) AS persons`,
      );
    return { organisation: row.organisation, role: row.role, cases: Number(row.cases), persons: Number(row.persons) };
  }

  it('leaves nothing of a request’s caller on a pool of one connection, after reads, writes and refusals', async () => {
    const opened = await api.as('caseworker').cases.create({
      person: { familyName: 'Юсупова', givenName: 'Дилноза' },
      gender: 'Feminine',
    });
    expect(opened.status).toBe(201);
    const empty = { organisation: null, role: null, cases: 0, persons: 0 };
    expect(await leftOnTheConnection()).toEqual(empty);

    expect((await api.as('caseworker').cases.get(opened.body.id)).status).toBe(200);
    expect(await leftOnTheConnection()).toEqual(empty);

    const refused = await api.as('caseworker').cases.update(opened.body.id, { version: 99, gender: 'Masculine' });
    expect(refused.status).toBe(409);
    expect(await leftOnTheConnection()).toEqual(empty);

    expect((await api.as('caseworker').get('/cases/00000000-0000-4000-8000-00000000dead')).status).toBe(404);
    expect(await leftOnTheConnection()).toEqual(empty);
  });

  it('forces row-level security on every table with a case or a person in it; the service owns none and cannot bypass', async () => {
    const tables = await asSuperuser<{ table: string; rls: boolean; forced: boolean; owner: string }>(
      t.db,
      `SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND EXISTS (
         SELECT 1 FROM information_schema.columns k
         WHERE k.table_schema = 'public' AND k.table_name = c.relname
           AND (k.column_name IN ('case_id', 'person_id') OR c.relname IN ('victim_case', 'person')))
       ORDER BY 1`,
    );
    // The tables of every module so far; a new one joins by having a case_id or person_id column.
    expect(tables.map((r) => r.table)).toEqual(
      expect.arrayContaining([
        'victim_case',
        'person',
        'person_blind_index',
        'consent',
        'case_share',
        'screening',
        'trafficking_event',
        'stage_change',
        'referral',
        'notification',
        'assistance_item',
        'perpetrator',
        'proceeding',
        'task',
      ]),
    );
    const [service] = await asServiceRole<{ name: string; bypass: boolean }>(
      t.db,
      `SELECT current_user AS name, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`,
    );
    expect(service.bypass).toBe(false);
    for (const row of tables) {
      expect({
        table: row.table,
        rls: row.rls,
        forced: row.forced,
        ownedByService: row.owner === service.name,
      }).toEqual({ table: row.table, rls: true, forced: true, ownedByService: false });
      const [{ n }] = await asServiceRole<{ n: string }>(t.db, `SELECT count(*) AS n FROM ${row.table}`);
      expect({ table: row.table, rowsWithoutCaller: Number(n) }).toEqual({ table: row.table, rowsWithoutCaller: 0 });
    }
  });
});
