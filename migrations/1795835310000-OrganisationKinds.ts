import { MigrationInterface, QueryRunner } from 'typeorm';

/** Roles that work cases; the others (commission, auditor, admin) work in oversight bodies. */
const SERVICE_ROLES = `'caseworker', 'org_manager', 'investigator'`;

/**
 * Where a case, or a part of it, goes to an organisation: each such column may name only a service
 * organisation. Each gets a generated column `<column less _id>_kind`, always 'service', and a foreign
 * key on both columns to `organisation (id, kind)`, so that a row naming an oversight body cannot exist.
 */
const SERVICE_ONLY: Array<[table: string, column: string, constraint: string]> = [
  ['victim_case', 'organisation_id', 'victim_case_held_by_service'],
  ['person', 'organisation_id', 'person_held_by_service'],
  ['case_share', 'organisation_id', 'case_share_with_service'],
  ['referral', 'to_organisation_id', 'referral_to_service'],
  ['consent', 'recipient_organisation_id', 'consent_recipient_service'],
  ['assistance_item', 'provider_organisation_id', 'assistance_item_provider_service'],
];
const kindColumnOf = (column: string) => column.replace(/_id$/, '_kind');

/**
 * Organisation kinds (DESIGN.md, "Who uses it"): a `service` organisation holds cases, an `oversight`
 * body (the Commission's secretariat, the data-protection office, the system's operators) never does.
 *
 * - `organisation.kind`, CHECKed. Existing organisations are classified by what they already do: one
 *   that holds or held anything of a case (a case, a person, a share, a referral sent or received, a
 *   consent or a support-plan item naming it) or has a caseworker, manager or investigator is a service
 *   organisation; one whose users are all commission members, auditors or administrators is an
 *   oversight body; one with neither takes its type's default (oversight for a
 *   CentralGovernmentOrganisation, else service), as the service does for a new one. An organisation
 *   that has both — people of an oversight role where cases are worked — cannot be classified by a
 *   rule: the migration stops and names its users, for a person to move them (docs/operations.md).
 * - A user's role fits its organisation's kind: `app_user.organisation_kind` is generated from the
 *   role, and (organisation_id, organisation_kind) references organisation (id, kind).
 * - Cases, persons, shares, referrals (transfers included), consents' recipients and support-plan
 *   providers name only service organisations, by the same kind of foreign key (SERVICE_ONLY).
 * - So a kind changes only while nothing depends on it: the foreign keys refuse the change otherwise.
 * - panoh_accept_referral refuses, with 'recipient_not_service', to accept into an oversight body.
 *
 * The rules hold for every role, the owner's and superusers' included: they are constraints, not
 * policies.
 */
export class OrganisationKinds1795835310000 implements MigrationInterface {
  name = 'OrganisationKinds1795835310000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organisation ADD COLUMN kind text`);
    await this.classify(queryRunner);
    await queryRunner.query(`ALTER TABLE organisation ALTER COLUMN kind SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('service', 'oversight'))`,
    );
    await queryRunner.query(`ALTER TABLE organisation ADD CONSTRAINT organisation_id_kind_key UNIQUE (id, kind)`);
    await this.refuseMisplacedUsers(queryRunner);

    await queryRunner.query(`
      ALTER TABLE app_user ADD COLUMN organisation_kind text NOT NULL
      GENERATED ALWAYS AS (CASE WHEN role IN (${SERVICE_ROLES}) THEN 'service' ELSE 'oversight' END) STORED`);
    await queryRunner.query(`
      ALTER TABLE app_user ADD CONSTRAINT app_user_role_fits_organisation
      FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisation (id, kind)`);
    for (const [table, column, constraint] of SERVICE_ONLY) {
      const kindColumn = kindColumnOf(column);
      await queryRunner.query(
        `ALTER TABLE ${table} ADD COLUMN ${kindColumn} text NOT NULL GENERATED ALWAYS AS ('service') STORED`,
      );
      await queryRunner.query(`
        ALTER TABLE ${table} ADD CONSTRAINT ${constraint}
        FOREIGN KEY (${column}, ${kindColumn}) REFERENCES organisation (id, kind)`);
    }
    await queryRunner.query(acceptanceFunction({ refuseOversight: true }));
  }

  /**
   * Fills `organisation.kind` as the class comment says. The case tables force row-level security
   * on their owner, who runs this: it is lifted for this transaction only, to see every row.
   */
  private async classify(queryRunner: QueryRunner): Promise<void> {
    const forced = ['victim_case', 'person', 'case_share', 'referral', 'consent', 'assistance_item'];
    for (const table of forced) await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      UPDATE organisation o SET kind = CASE
        WHEN EXISTS (SELECT 1 FROM app_user u WHERE u.organisation_id = o.id AND u.role IN (${SERVICE_ROLES}))
          OR EXISTS (SELECT 1 FROM victim_case c WHERE c.organisation_id = o.id)
          OR EXISTS (SELECT 1 FROM person p WHERE p.organisation_id = o.id)
          OR EXISTS (SELECT 1 FROM case_share s WHERE s.organisation_id = o.id)
          OR EXISTS (SELECT 1 FROM referral r WHERE o.id IN (r.from_organisation_id, r.to_organisation_id))
          OR EXISTS (SELECT 1 FROM consent k WHERE k.recipient_organisation_id = o.id)
          OR EXISTS (SELECT 1 FROM assistance_item a WHERE a.provider_organisation_id = o.id)
          THEN 'service'
        WHEN EXISTS (SELECT 1 FROM app_user u WHERE u.organisation_id = o.id) THEN 'oversight'
        WHEN o.type = 'CentralGovernmentOrganisation' THEN 'oversight'
        ELSE 'service'
      END`);
    for (const table of forced) await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  /** Stops the migration, naming them, when users of an oversight role sit in a service organisation. */
  private async refuseMisplacedUsers(queryRunner: QueryRunner): Promise<void> {
    const misplaced: Array<{ username: string; role: string; organisation: string }> = await queryRunner.query(`
      SELECT u.username, u.role, o.name AS organisation FROM app_user u JOIN organisation o ON o.id = u.organisation_id
      WHERE (u.role IN (${SERVICE_ROLES})) <> (o.kind = 'service')
      ORDER BY o.name, u.username`);
    if (misplaced.length === 0) return;
    const list = misplaced.map((u) => `${u.username} (${u.role}, in ${u.organisation})`).join('; ');
    throw new Error(
      `${misplaced.length} user(s) of an oversight role work in an organisation that holds cases: ${list}. ` +
        'Commission members, auditors and administrators belong in an oversight body, which never holds a case. ' +
        'Move each to an oversight organisation, or change its role, then migrate again (docs/operations.md, ' +
        '"Organisation kinds").',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(acceptanceFunction({ refuseOversight: false }));
    for (const [table, column, constraint] of [...SERVICE_ONLY].reverse()) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN ${kindColumnOf(column)}`);
    }
    await queryRunner.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_fits_organisation`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN organisation_kind`);
    await queryRunner.query(`ALTER TABLE organisation DROP COLUMN kind`);
  }
}

/**
 * panoh_accept_referral as migration 1795833000000-NrmWorkflow defined it (its comment there explains
 * it), with, when `refuseOversight`, one more answer: 'recipient_not_service' when the receiving
 * organisation is not a service organisation. A referral to an oversight body cannot exist (its
 * foreign key), so this is the last wall, not the first.
 */
function acceptanceFunction({ refuseOversight }: { refuseOversight: boolean }): string {
  return `
      CREATE OR REPLACE FUNCTION panoh_accept_referral(p_referral_id uuid, p_share_id uuid, p_change_id uuid)
      RETURNS text LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        caller uuid := NULLIF(current_setting('panoh.user_id', true), '')::uuid;
        r referral%ROWTYPE;
        c victim_case%ROWTYPE;
        k consent%ROWTYPE;
        recipient_type text;
        recipient_kind text;
        covered boolean;
        answer text;
      BEGIN
        IF caller_org IS NULL OR caller IS NULL OR panoh_caller_role() IS DISTINCT FROM 'org_manager' THEN
          RETURN 'not_found';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'referral_acceptance', true);
        SELECT * INTO r FROM referral WHERE id = p_referral_id AND to_organisation_id = caller_org;
        IF NOT FOUND THEN
          PERFORM set_config('panoh.definer_scope', '', true);
          RETURN 'not_found';
        END IF;
        SELECT * INTO c FROM victim_case WHERE id = r.case_id FOR UPDATE;
        SELECT * INTO k FROM consent WHERE id = r.consent_id FOR UPDATE;
        SELECT * INTO r FROM referral WHERE id = p_referral_id FOR UPDATE;
        SELECT type, ${refuseOversight ? 'kind' : "'service'"} INTO recipient_type, recipient_kind
        FROM organisation WHERE id = caller_org;
        covered := k.case_id = r.case_id AND CASE
          WHEN r.purpose = 'law_enforcement' THEN
            k.purpose = 'law_enforcement_disclosure' AND recipient_type = 'LawEnforcement'
            AND (k.recipient_organisation_id IS NULL OR k.recipient_organisation_id = caller_org)
          ELSE
            k.purpose = 'referral' AND recipient_type <> 'LawEnforcement'
            AND k.recipient_organisation_id = caller_org AND r.purpose = ANY (k.referral_purposes)
        END;
        IF r.status <> 'pending' THEN
          answer := 'not_pending';
        ELSIF recipient_kind IS DISTINCT FROM 'service' THEN
          answer := 'recipient_not_service';
        ELSIF r.from_organisation_id IS DISTINCT FROM c.organisation_id THEN
          answer := 'sender_not_owner';
        ELSIF c.stage = 'closed' THEN
          answer := 'case_closed';
        ELSIF k.withdrawn_at IS NOT NULL THEN
          answer := 'consent_withdrawn';
        ELSIF covered IS NOT TRUE THEN
          answer := 'consent_missing';
        ELSE
          IF r.purpose = 'transfer' THEN
            PERFORM panoh_transfer_case(c, r.id, caller_org, caller, p_change_id);
          ELSE
            INSERT INTO case_share (id, case_id, owner_organisation_id, organisation_id, purpose, view, consent_id,
              accepted_at)
            VALUES (p_share_id, c.id, c.organisation_id, caller_org, r.purpose,
              CASE WHEN r.purpose = 'law_enforcement' THEN 'investigation' ELSE 'referral' END, r.consent_id, now());
          END IF;
          UPDATE referral SET status = 'accepted', decided_by = caller, decided_at = now(), version = version + 1,
            share_id = CASE WHEN r.purpose = 'transfer' THEN NULL ELSE p_share_id END
          WHERE id = r.id;
          answer := 'accepted';
        END IF;
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN answer;
      END $$`;
}
