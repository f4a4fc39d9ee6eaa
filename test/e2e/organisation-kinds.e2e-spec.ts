import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Role, ROLES } from '../../src/core/access/role';
import { createOrganisationCommand } from '../../src/cli/commands/organisation.commands';
import { seedDemoCommand } from '../../src/cli/commands/seed-demo.command';
import { changeRoleCommand, createUserCommand } from '../../src/cli/commands/user.commands';
import type { CliContext } from '../../src/cli/cli-context';
import { KIND_OF_ROLE, ORGANISATION_KINDS } from '../../src/modules/organisations/organisation-kinds';
import { Api, inDays } from '../support/api';
import { NEW_CASE } from '../support/case-fixtures';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, startTestApp, TestApp } from '../support/test-app';

/**
 * Service organisations hold cases; oversight bodies (the Commission, data protection, the operators)
 * never do. Reported: a case could be referred, even transferred, to the Commission's organisation,
 * whose manager then read it in full.
 */
describe('organisation kinds', () => {
  let t: TestApp;
  let commission: string;
  let khujand: string;
  let dushanbe: string;
  let api: Api;
  /** A case of Khujand's with a consent to refer it to Dushanbe, and a support-plan item. */
  const khujandCase = { id: '', consentToDushanbe: '', itemId: '' };

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t);
    await api.add('admin', await createUser(t, Role.Admin));
    // The Commission is created as an operator would: a central-government body, no kind named.
    const created = await api
      .as('admin')
      .post('/organisations')
      .send({ name: 'Inter-Ministerial Commission', type: 'CentralGovernmentOrganisation', region: 'TJ-DU' });
    expect(created.status).toBe(201);
    expect(created.body.kind).toBe('oversight');
    commission = created.body.id;
    khujand = await createOrganisation(t, `Shelter Khujand kinds ${Date.now()}`);
    dushanbe = await createOrganisation(t, `Shelter Dushanbe kinds ${Date.now()}`);
    await api.signIn({
      member: [Role.Commission, commission],
      khujand: [Role.Caseworker, khujand],
      khujandManager: [Role.OrgManager, khujand],
    });
    khujandCase.id = (await api.as('khujand').openCase(NEW_CASE)).id;
    khujandCase.consentToDushanbe = await api
      .as('khujand')
      .consentToReferral(khujandCase.id, dushanbe, ['shelter', 'transfer']);
    const item = await api.as('khujand').assistance.plan(khujandCase.id, { type: 'Legal' });
    expect(item.status).toBe(201);
    khujandCase.itemId = item.body.id;
  });
  afterAll(() => t.close());

  const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);

  describe('organisations', () => {
    it("gives an organisation the kind it is created with, or its type's default, and shows it", async () => {
      const create = (body: object) =>
        api
          .as('admin')
          .post('/organisations')
          .send({ region: 'TJ-SU', ...body });
      const cases = [
        [{ name: 'Data Protection Office', type: 'CentralGovernmentOrganisation' }, 'oversight'],
        [{ name: 'Ministry social service', type: 'CentralGovernmentOrganisation', kind: 'service' }, 'service'],
        [{ name: 'Shelter Istaravshan', type: 'Shelter' }, 'service'],
        [{ name: 'Panoh operators', type: 'CorporateBusiness', kind: 'oversight' }, 'oversight'],
      ] as const;
      for (const [body, kind] of cases) {
        const created = await create(body);
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ name: body.name, kind });
      }
      const listed = await api.as('khujand').get('/organisations');
      expect(listed.status).toBe(200);
      const kinds = new Map(listed.body.map((o: { name: string; kind: string }) => [o.name, o.kind]));
      expect(kinds.get('Data Protection Office')).toBe('oversight');
      expect(kinds.get('Shelter Istaravshan')).toBe('service');
      for (const kind of ['Service', 'commission', '', 7, ['service']]) {
        const refused = await create({ name: `Kind ${String(kind)}`, type: 'NGO', kind });
        expect(refused.status).toBe(400);
        expect(fields(refused.body)).toEqual(['kind']);
      }
    });

    it('keeps a kind while users or cases depend on it', async () => {
      for (const id of [commission, khujand]) {
        await expect(
          asSuperuser(
            t.db,
            `UPDATE organisation SET kind = CASE kind WHEN 'service' THEN 'oversight' ELSE 'service' END WHERE id = $1`,
            [id],
          ),
        ).rejects.toThrow(/violates foreign key constraint/);
      }
      // An organisation nothing depends on yet may still be corrected.
      const empty = await createOrganisation(t, `Empty ${Date.now()}`, 'CentralGovernmentOrganisation');
      await asSuperuser(t.db, `UPDATE organisation SET kind = 'service' WHERE id = $1`, [empty]);
    });
  });

  describe('users', () => {
    const createVia = (role: Role, organisationId: string) =>
      api
        .as('admin')
        .post('/users')
        .send({ username: `kind.${role.replace('_', '')}.${randomUUID().slice(0, 8)}`, organisationId, role });

    it("creates a user only in an organisation of its role's kind; otherwise 400 naming the role", async () => {
      for (const role of ROLES) {
        const fitting = KIND_OF_ROLE[role] === 'service' ? khujand : commission;
        const misfit = KIND_OF_ROLE[role] === 'service' ? commission : khujand;
        const refused = await createVia(role, misfit);
        expect(refused.status).toBe(400);
        expect(fields(refused.body)).toEqual(['role']);
        expect(refused.body.message).toContain(role);
        expect((await createVia(role, fitting)).status).toBe(201);
      }
      const [{ count }] = await asSuperuser<{ count: string }>(
        t.db,
        `SELECT count(*) FROM app_user u JOIN organisation o ON o.id = u.organisation_id
         WHERE (u.role IN ('caseworker', 'org_manager', 'investigator')) <> (o.kind = 'service')`,
      );
      expect(count).toBe('0');
    });

    it("changes a role only to one that fits the organisation's kind", async () => {
      const caseworker = (await createVia(Role.Caseworker, khujand)).body.id;
      const member = (await createVia(Role.Commission, commission)).body.id;
      const change = (id: string, role: Role) => api.as('admin').patch(`/users/${id}/role`).send({ role });
      for (const [id, role] of [
        [caseworker, Role.Admin],
        [caseworker, Role.Commission],
        [member, Role.OrgManager],
        [member, Role.Investigator],
      ] as const) {
        const refused = await change(id, role);
        expect(refused.status).toBe(400);
        expect(fields(refused.body)).toEqual(['role']);
      }
      expect((await change(caseworker, Role.OrgManager)).body.role).toBe('org_manager');
      expect((await change(member, Role.Auditor)).body.role).toBe('auditor');
      const roles = await asSuperuser<{ role: string }>(
        t.db,
        `SELECT role FROM app_user WHERE id = ANY($1) ORDER BY role`,
        [[caseworker, member]],
      );
      expect(roles.map((r) => r.role)).toEqual(['auditor', 'org_manager']);
    });

    it('refuses, in the database, any user whose role does not fit, even from the superuser', async () => {
      const member = api.user('member');
      for (const kind of ORGANISATION_KINDS) {
        const organisation = kind === 'service' ? khujand : commission;
        for (const role of ROLES) {
          const insert = asSuperuser(
            t.db,
            `WITH u AS (INSERT INTO app_user (id, username, organisation_id, role, password_hash, password_changed_at)
                        VALUES (gen_random_uuid(), $1, $2, $3, 'x', now()) RETURNING id)
             DELETE FROM app_user WHERE id IN (SELECT id FROM u)`,
            [`db.${role.replace('_', '')}.${randomUUID().slice(0, 8)}`, organisation, role],
          );
          if (KIND_OF_ROLE[role] === kind) await insert;
          else await expect(insert).rejects.toThrow('app_user_role_fits_organisation');
        }
      }
      for (const change of [`role = 'org_manager'`, `organisation_id = '${khujand}'`]) {
        await expect(asSuperuser(t.db, `UPDATE app_user SET ${change} WHERE id = $1`, [member.id])).rejects.toThrow(
          'app_user_role_fits_organisation',
        );
      }
    });
  });

  describe('the reported attack: the Commission given a case', () => {
    it("cannot give the Commission's organisation a manager or any other service role", async () => {
      for (const role of [Role.OrgManager, Role.Caseworker, Role.Investigator]) {
        const refused = await api
          .as('admin')
          .post('/users')
          .send({ username: `commission.${role.replace('_', '')}`, organisationId: commission, role });
        expect(refused.status).toBe(400);
        expect(fields(refused.body)).toEqual(['role']);
      }
    });

    it('refuses a consent, a referral, a transfer or a support-plan item naming the Commission, naming the field', async () => {
      const consent = await api.as('khujand').cases.giveConsent(khujandCase.id, {
        purpose: 'referral',
        recipientOrganisationId: commission,
        referralPurposes: ['transfer', 'shelter'],
      });
      expect(consent.status).toBe(400);
      expect(fields(consent.body)).toEqual(['recipientOrganisationId']);
      for (const purpose of ['transfer', 'shelter', 'law_enforcement']) {
        const referral = await api
          .as('khujand')
          .post(`/cases/${khujandCase.id}/referrals`)
          .send({ toOrganisationId: commission, purpose, consentId: khujandCase.consentToDushanbe, dueAt: inDays(7) });
        expect(referral.status).toBe(400);
        expect(fields(referral.body)).toEqual(['toOrganisationId']);
        expect(referral.body.message).toMatch(/oversight body/);
      }
      const item = await api
        .as('khujand')
        .assistance.plan(khujandCase.id, { type: 'Legal', providerOrganisationId: commission });
      expect(item.status).toBe(400);
      expect(fields(item.body)).toEqual(['providerOrganisationId']);
      const written = await asSuperuser<{ n: string }>(
        t.db,
        `SELECT (SELECT count(*) FROM referral WHERE to_organisation_id = $1)
              + (SELECT count(*) FROM consent WHERE recipient_organisation_id = $1)
              + (SELECT count(*) FROM assistance_item WHERE provider_organisation_id = $1) AS n`,
        [commission],
      );
      expect(written[0].n).toBe('0');
      // The Commission's member still reads no case.
      expect((await api.as('member').cases.get(khujandCase.id)).status).toBe(403);
    });

    it('refuses, in the database, a referral, transfer, share or any case row going to the Commission', async () => {
      const refusals: Array<[string, unknown[], string]> = [
        [
          `INSERT INTO referral (id, case_id, from_organisation_id, to_organisation_id, purpose, consent_id, status,
             due_at, created_by, created_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 'transfer', $4, 'pending', now() + interval '1 day', $5, now())`,
          [khujandCase.id, khujand, commission, khujandCase.consentToDushanbe, api.user('khujand').id],
          'referral_to_service',
        ],
        [
          `INSERT INTO case_share (id, case_id, owner_organisation_id, organisation_id, purpose, view, accepted_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 'referral', 'referral', now())`,
          [khujandCase.id, khujand, commission],
          'case_share_with_service',
        ],
        // A transfer written by hand: the case, its person.
        [
          `UPDATE victim_case SET organisation_id = $1 WHERE id = $2`,
          [commission, khujandCase.id],
          'victim_case_held_by_service',
        ],
        [
          `UPDATE person SET organisation_id = $1 WHERE id = (SELECT person_id FROM victim_case WHERE id = $2)`,
          [commission, khujandCase.id],
          'person_held_by_service',
        ],
        [
          `UPDATE consent SET recipient_organisation_id = $1 WHERE id = $2`,
          [commission, khujandCase.consentToDushanbe],
          'consent_recipient_service',
        ],
        [
          `UPDATE assistance_item SET provider_organisation_id = $1 WHERE id = $2`,
          [commission, khujandCase.itemId],
          'assistance_item_provider_service',
        ],
      ];
      for (const [sql, params, constraint] of refusals) {
        await expect(asSuperuser(t.db, sql, params)).rejects.toThrow(constraint);
      }
      // The service's own role, as Khujand, with every policy satisfied: the foreign key still refuses.
      const client = new Client({ connectionString: t.db.appUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `SELECT set_config('panoh.organisation_id', $1, true), set_config('panoh.role', 'caseworker', true),
                  set_config('panoh.user_id', $2, true)`,
          [khujand, api.user('khujand').id],
        );
        await expect(client.query(refusals[0][0], refusals[0][1])).rejects.toThrow('referral_to_service');
      } finally {
        await client.query('ROLLBACK');
        await client.end();
      }
    });

    it('has the acceptance function refuse an oversight body even were a referral to one there', async () => {
      const client = new Client({ connectionString: t.db.superuserUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        // Only to reach the function's own check: the constraint goes for this transaction, rolled back.
        await client.query(`ALTER TABLE referral DROP CONSTRAINT referral_to_service`);
        const [{ id }] = (
          await client.query(
            `INSERT INTO referral (id, case_id, from_organisation_id, to_organisation_id, purpose, consent_id, status,
               due_at, created_by, created_at)
             VALUES (gen_random_uuid(), $1, $2, $3, 'transfer', $4, 'pending', now() + interval '1 day', $5, now())
             RETURNING id`,
            [khujandCase.id, khujand, commission, khujandCase.consentToDushanbe, api.user('khujand').id],
          )
        ).rows;
        await client.query(
          `SELECT set_config('panoh.organisation_id', $1, true), set_config('panoh.role', 'org_manager', true),
                  set_config('panoh.user_id', $2, true)`,
          [commission, api.user('member').id],
        );
        const answer = await client.query(
          `SELECT panoh_accept_referral($1, gen_random_uuid(), gen_random_uuid()) AS a`,
          [id],
        );
        expect(answer.rows[0].a).toBe('recipient_not_service');
      } finally {
        await client.query('ROLLBACK');
        await client.end();
      }
      const [{ owner }] = await asSuperuser<{ owner: string }>(
        t.db,
        `SELECT organisation_id AS owner FROM victim_case WHERE id = $1`,
        [khujandCase.id],
      );
      expect(owner).toBe(khujand);
    });
  });

  describe('the command line', () => {
    const lines: string[] = [];
    const context = (): CliContext =>
      ({
        services: async () => t.app,
        nodeEnv: 'test',
        out: (line: string) => lines.push(line),
        err: (line: string) => lines.push(line),
        readSecret: async () => '',
      }) as unknown as CliContext;

    it('creates an organisation of the kind given with --kind, or of its type’s default', async () => {
      await createOrganisationCommand(context(), [
        '--name',
        'CLI unit',
        '--type',
        'LawEnforcement',
        '--region',
        'TJ-DU',
      ]);
      expect(lines.at(-2)).toContain('(LawEnforcement, service, TJ-DU)');
      await createOrganisationCommand(context(), [
        ...['--name', 'CLI operators', '--type', 'NGO', '--kind', 'oversight', '--region', 'TJ-DU'],
      ]);
      expect(lines.at(-2)).toContain('(NGO, oversight, TJ-DU)');
      await expect(
        createOrganisationCommand(context(), [
          '--name',
          'CLI x',
          '--type',
          'NGO',
          '--kind',
          'both',
          '--region',
          'TJ-DU',
        ]),
      ).rejects.toThrow('--kind must be one of: service, oversight');
    });

    it('refuses user:create and user:role with a role that does not fit', async () => {
      await expect(
        createUserCommand(context(), [
          ...['--username', 'cli.manager', '--org', commission, '--role', 'org_manager', '--generate-password'],
        ]),
      ).rejects.toThrow('The role org_manager belongs in a service organisation');
      await createUserCommand(context(), [
        ...['--username', 'cli.member', '--org', commission, '--role', 'commission', '--generate-password'],
      ]);
      await expect(changeRoleCommand(context(), ['--username', 'cli.member', '--role', 'caseworker'])).rejects.toThrow(
        'The role caseworker belongs in a service organisation',
      );
      await changeRoleCommand(context(), ['--username', 'cli.member', '--role', 'auditor']);
      expect(lines.at(-1)).toContain('now has role auditor');
    });

    it('seeds the demo with the Commission and the secretariat as oversight bodies and every user fitting', async () => {
      await seedDemoCommand(context());
      const rows = await asSuperuser<{ name: string; kind: string; roles: string[] }>(
        t.db,
        `SELECT o.name, o.kind, array_agg(u.role ORDER BY u.role) AS roles FROM organisation o
         JOIN app_user u ON u.organisation_id = o.id
         WHERE o.name IN ('Shelter Khujand', 'MIA Anti-Trafficking Unit', 'NRM Secretariat',
                          'Inter-Ministerial Commission on Counter Trafficking')
         GROUP BY o.name, o.kind ORDER BY o.name`,
      );
      expect(rows).toEqual([
        { name: 'Inter-Ministerial Commission on Counter Trafficking', kind: 'oversight', roles: ['commission'] },
        { name: 'MIA Anti-Trafficking Unit', kind: 'service', roles: ['investigator', 'org_manager'] },
        { name: 'NRM Secretariat', kind: 'oversight', roles: ['admin', 'auditor'] },
        { name: 'Shelter Khujand', kind: 'service', roles: ['caseworker', 'org_manager'] },
      ]);
    });
  });

  it("lets the service's role read an organisation's kind and never change it", async () => {
    const kinds = await asServiceRole<{ kind: string }>(t.db, `SELECT kind FROM organisation WHERE id = $1`, [
      commission,
    ]);
    expect(kinds).toEqual([{ kind: 'oversight' }]);
    await expect(
      asServiceRole(t.db, `UPDATE organisation SET kind = 'service' WHERE id = $1`, [commission]),
    ).rejects.toThrow('permission denied');
  });
});
