import { MigrationInterface, QueryRunner } from 'typeorm';

/** Set only by panoh_accept_referral (migration 1795833000000-NrmWorkflow) while it runs. */
const ACCEPTANCE_SCOPE = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;

/**
 * The investigation track of a case: perpetrators (HTCDS per_RoleInProcess; identifying details as
 * ciphertext under the case's data key) and the steps of criminal proceedings.
 *
 * Readable by investigators whose organisation has a live share of the case in the `investigation`
 * view (accepted, not revoked, consent to disclosure to law enforcement not withdrawn), and by the
 * org_manager of the organisation that owns the case; written by those investigators only. No other
 * role or organisation sees a row, the owner's caseworkers included.
 */
export class Investigations1795833600000 implements MigrationInterface {
  name = 'Investigations1795833600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE perpetrator (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        recorded_by_organisation_id uuid NOT NULL REFERENCES organisation (id),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['TravellingPartner','Transporter',
          'RecruiterOrIntermediary','BrokerTravelAgent','TransferredIndividual','HarbouredIndividual','SoldIndividual',
          'BoughtIndividual','ReceivedIndividual','ControlledIndividual','Smuggler','Abuser','Kidnapper','Exploiter',
          'Other']::text[]),
        gender text,
        nationality text CHECK (nationality ~ '^[A-Z]{3}$'),
        name bytea,
        aliases bytea,
        date_of_birth bytea,
        identity_documents bytea,
        role_details bytea,
        description bytea,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL REFERENCES app_user (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0)
      )`);
    await queryRunner.query(`CREATE INDEX perpetrator_case_idx ON perpetrator (case_id, created_at, id)`);

    await queryRunner.query(`
      CREATE TABLE proceeding (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        recorded_by_organisation_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL CHECK (kind IN ('investigation','prosecution','trial','verdict')),
        opened_on date NOT NULL,
        closed_on date CHECK (closed_on >= opened_on),
        outcome text CHECK (outcome IN ('charged','discontinued','indicted','convicted','acquitted','appealed','other')),
        perpetrator_ids uuid[] NOT NULL DEFAULT '{}',
        reference_number bytea,
        notes bytea,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL REFERENCES app_user (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0)
      )`);
    await queryRunner.query(`CREATE INDEX proceeding_case_idx ON proceeding (case_id, opened_on, id)`);

    const read = `(panoh_caller_role() = 'investigator' AND panoh_case_shared_with_caller_as(case_id, 'investigation'))
      OR (panoh_caller_role() = 'org_manager' AND owner_organisation_id = panoh_caller_organisation())`;
    const write = `panoh_caller_role() = 'investigator' AND panoh_case_shared_with_caller_as(case_id, 'investigation')
      AND panoh_case_owned_by(case_id, owner_organisation_id)`;
    for (const table of ['perpetrator', 'proceeding']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT TO panoh_service USING (${read})`);
      await queryRunner.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT TO panoh_service
        WITH CHECK (${write} AND recorded_by_organisation_id = panoh_caller_organisation())`);
      await queryRunner.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE TO panoh_service
        USING (${write}) WITH CHECK (${write})`);
      // A transfer of the case (panoh_transfer_case, as the owner role) moves the rows to the new owner.
      await queryRunner.query(`CREATE POLICY ${table}_referral_acceptance ON ${table} FOR ALL TO CURRENT_USER
        USING (${ACCEPTANCE_SCOPE}) WITH CHECK (${ACCEPTANCE_SCOPE})`);
      // No DELETE: what was recorded for a prosecution stays, corrected by an update.
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO panoh_service`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE proceeding`);
    await queryRunner.query(`DROP TABLE perpetrator`);
  }
}
