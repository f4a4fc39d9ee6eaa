import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

/** Set only by panoh_accept_referral (migration 1795833000000-NrmWorkflow) while it runs. */
const ACCEPTANCE_SCOPE = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;

/** The caseworkers and managers of the organisation that owns the case now. */
const OWNER = `panoh_caller_role() IN ('caseworker', 'org_manager')
  AND owner_organisation_id = panoh_caller_organisation() AND panoh_case_owned_by_caller(case_id)`;

const EVENT_TYPES = `'Recruitment', 'Transit', 'Exploitation'`;

/** What the service may change of an event: never its id, case, owner, creator or creation time. */
const EVENT_UPDATABLE = [
  'type',
  'occurred_on',
  'country',
  'city',
  'version',
  'updated_by',
  'updated_at',
  'removed_at',
  'removed_by',
];

/**
 * Trafficking events learned after a case is opened: the owner adds, corrects and removes them. An
 * event keeps an optimistic-concurrency version; a removed event is marked (`removed_at`), never
 * deleted, so that its history holds. Every change writes a row of `trafficking_event_change` with
 * who, when, what kind, the event as it became (codes in clear, the city as ciphertext under the
 * case's data key) and the reason (ciphertext; required for a removal).
 *
 * panoh_case_content now leaves removed events out: no view of a case, and nothing computed from a
 * view, sees them. The history is for the owner only (caseworkers and managers), as the case's
 * stage history is; a transfer moves it with the case.
 */
export class EventCorrections1795836500000 implements MigrationInterface {
  name = 'EventCorrections1795836500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE trafficking_event
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        ADD COLUMN updated_by uuid REFERENCES app_user (id),
        ADD COLUMN updated_at timestamptz,
        ADD COLUMN removed_by uuid REFERENCES app_user (id),
        ADD COLUMN removed_at timestamptz,
        ADD CONSTRAINT trafficking_event_removal CHECK ((removed_at IS NULL) = (removed_by IS NULL))`);
    await queryRunner.query(`CREATE POLICY trafficking_event_update ON trafficking_event FOR UPDATE TO panoh_service
      USING (${OWNER}) WITH CHECK (${OWNER})`);
    await queryRunner.query(`GRANT UPDATE (${EVENT_UPDATABLE.join(', ')}) ON trafficking_event TO panoh_service`);

    await queryRunner.query(`
      CREATE TABLE trafficking_event_change (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES trafficking_event (id),
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL CHECK (kind IN ('added', 'corrected', 'removed')),
        event_version integer NOT NULL CHECK (event_version > 0),
        type text NOT NULL CHECK (type IN (${EVENT_TYPES})),
        occurred_on text CHECK (occurred_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
        country text CHECK (country ~ '^[A-Z]{3}$'),
        city bytea,
        reason bytea,
        changed_by uuid NOT NULL REFERENCES app_user (id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, event_version),
        CONSTRAINT trafficking_event_change_removal_reason CHECK (kind <> 'removed' OR reason IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX trafficking_event_change_case_idx ON trafficking_event_change (case_id)`);
    await queryRunner.query(`ALTER TABLE trafficking_event_change ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE trafficking_event_change FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY trafficking_event_change_read ON trafficking_event_change
      FOR SELECT TO panoh_service USING (${OWNER})`);
    await queryRunner.query(`CREATE POLICY trafficking_event_change_insert ON trafficking_event_change
      FOR INSERT TO panoh_service WITH CHECK (${OWNER})`);
    await queryRunner.query(`CREATE POLICY trafficking_event_change_referral_acceptance ON trafficking_event_change
      FOR ALL TO CURRENT_USER USING (${ACCEPTANCE_SCOPE}) WITH CHECK (${ACCEPTANCE_SCOPE})`);
    // No UPDATE or DELETE: the history is only appended to.
    await queryRunner.query(`GRANT SELECT, INSERT ON trafficking_event_change TO panoh_service`);

    await queryRunner.query(migrationSql(__filename, 'panoh_case_content.sql'));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(migrationSql(__filename, 'down/panoh_case_content.sql'));
    await queryRunner.query(`DROP TABLE trafficking_event_change`);
    await queryRunner.query(`REVOKE UPDATE ON trafficking_event FROM panoh_service`);
    await queryRunner.query(`DROP POLICY trafficking_event_update ON trafficking_event`);
    await queryRunner.query(`
      ALTER TABLE trafficking_event DROP CONSTRAINT trafficking_event_removal,
        DROP COLUMN removed_at, DROP COLUMN removed_by, DROP COLUMN updated_at, DROP COLUMN updated_by,
        DROP COLUMN version`);
  }
}
