import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The support plan of a case: assistance items (HTCDS spl_Type, with Panoh's local extension), who
 * provides each, planned and actual dates, status, and notes (ciphertext under the case's data key).
 *
 * Who may see and write an item is decided in code by CaseAccess and AssistanceService; the policies
 * below repeat it: the case's owner organisation sees and writes every item; an organisation with a
 * live share of the case in the `referral` view sees and writes only the items it provides. Nobody
 * else, and no role but caseworker and org_manager (an investigator never reaches assistance).
 */
/** Set only by panoh_accept_referral (migration 1795833000000-NrmWorkflow) while it runs. */
const ACCEPTANCE_SCOPE = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;

export class AssistancePlans1795833500000 implements MigrationInterface {
  name = 'AssistancePlans1795833500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Whether case `case_id` has a live share in view `wanted` with the caller's organisation. The same
    // rule as panoh_case_shared_with_caller (and CaseAccess), narrowed to one view.
    await queryRunner.query(`
      CREATE FUNCTION panoh_case_shared_with_caller_as(case_id uuid, wanted text) RETURNS boolean
      LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM case_share s
          WHERE s.case_id = panoh_case_shared_with_caller_as.case_id
            AND s.view = wanted
            AND s.organisation_id = panoh_caller_organisation()
            AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
            AND (s.purpose <> 'law_enforcement' OR EXISTS (
              SELECT 1 FROM consent k
              WHERE k.id = s.consent_id AND k.purpose = 'law_enforcement_disclosure' AND k.withdrawn_at IS NULL)));
      END $$`);
    // Whether `owner` really owns case `case_id` (the copy the policies rely on cannot be forged).
    await queryRunner.query(`
      CREATE FUNCTION panoh_case_owned_by(case_id uuid, owner uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM victim_case c WHERE c.id = panoh_case_owned_by.case_id AND c.organisation_id = owner);
      END $$`);

    await queryRunner.query(`
      CREATE TABLE assistance_item (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        type text NOT NULL CHECK (type IN ('Education','Financial','Health','LabourExploitationRehabilitation',
          'Legal','Livelihood','RightsBasedTraining','SexualExploitationRehabilitation','SocialCare',
          'Shelter','Psychosocial','Return')),
        provider_organisation_id uuid NOT NULL REFERENCES organisation (id),
        status text NOT NULL CHECK (status IN ('planned','in_progress','delivered','cancelled')),
        planned_start date,
        planned_end date,
        actual_start date,
        actual_end date,
        notes bytea,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL REFERENCES app_user (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CONSTRAINT assistance_item_planned_dates CHECK (planned_end >= planned_start),
        CONSTRAINT assistance_item_actual_dates CHECK (actual_end >= actual_start),
        CONSTRAINT assistance_item_end_after_start CHECK (actual_end IS NULL OR actual_start IS NOT NULL),
        CONSTRAINT assistance_item_status_dates CHECK (CASE status
          WHEN 'planned' THEN actual_start IS NULL
          WHEN 'in_progress' THEN actual_start IS NOT NULL AND actual_end IS NULL
          WHEN 'delivered' THEN actual_end IS NOT NULL
          ELSE true END)
      )`);
    await queryRunner.query(`CREATE INDEX assistance_item_case_idx ON assistance_item (case_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX assistance_item_provider_idx ON assistance_item (provider_organisation_id)`);

    await queryRunner.query(`ALTER TABLE assistance_item ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE assistance_item FORCE ROW LEVEL SECURITY`);
    const reach = `panoh_caller_role() IN ('caseworker', 'org_manager') AND (
        owner_organisation_id = panoh_caller_organisation()
        OR (provider_organisation_id = panoh_caller_organisation()
            AND panoh_case_shared_with_caller_as(case_id, 'referral')))`;
    await queryRunner.query(`CREATE POLICY assistance_item_read ON assistance_item FOR SELECT TO panoh_service
      USING (${reach})`);
    await queryRunner.query(`CREATE POLICY assistance_item_insert ON assistance_item FOR INSERT TO panoh_service
      WITH CHECK (${reach} AND panoh_case_owned_by(case_id, owner_organisation_id))`);
    await queryRunner.query(`CREATE POLICY assistance_item_update ON assistance_item FOR UPDATE TO panoh_service
      USING (${reach}) WITH CHECK (${reach} AND panoh_case_owned_by(case_id, owner_organisation_id))`);
    // A transfer of the case (panoh_transfer_case, run by panoh_accept_referral as the owner role)
    // moves the plan to the new owner; that function reaches the rows through this policy alone.
    await queryRunner.query(`CREATE POLICY assistance_item_referral_acceptance ON assistance_item FOR ALL
      TO CURRENT_USER USING (${ACCEPTANCE_SCOPE}) WITH CHECK (${ACCEPTANCE_SCOPE})`);
    // No DELETE policy and no DELETE grant: an item is cancelled, not removed.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON assistance_item TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE assistance_item`);
    await queryRunner.query(`DROP FUNCTION panoh_case_owned_by(uuid, uuid)`);
    await queryRunner.query(`DROP FUNCTION panoh_case_shared_with_caller_as(uuid, text)`);
  }
}
