import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

/** Set only by panoh_accept_referral (migration 1795833000000-NrmWorkflow) while it runs. */
const ACCEPTANCE_SCOPE = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;
/** Set only by panoh_sync_tasks while it runs. */
const TASK_JOB_SCOPE = `current_setting('panoh.definer_scope', true) = 'task_job'`;

/** The owning organisation's caseworkers and managers: tasks are the owner's work, never a share's. */
const OWNER = `panoh_caller_role() IN ('caseworker', 'org_manager')
  AND owner_organisation_id = panoh_caller_organisation()`;

const KINDS = ['reflection_ending', 'status_decision', 'service_ending', 'follow_up_visit', 'referral_answer', 'manual'];

/**
 * Tasks of a case: generated from its state by panoh_sync_tasks (the daily job, and each list of
 * tasks for the caller's organisation) or added by hand. A row holds codes, days and ids in clear; a
 * task added by hand has a title, ciphertext under the case's data key. Only the owning organisation
 * sees and changes its tasks. The assignee is a user of that organisation (a foreign key on the pair);
 * a transfer gives the tasks to the accepting manager, as it gives the case.
 */
export class Tasks1795836600100 implements MigrationInterface {
  name = 'Tasks1795836600100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE task (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL CHECK (kind IN (${KINDS.map((k) => `'${k}'`).join(', ')})),
        subject_id uuid,
        subject_key text NOT NULL CHECK (length(subject_key) <= 80),
        due_on date NOT NULL,
        title bytea,
        assignee_user_id uuid NOT NULL,
        done_at timestamptz,
        done_by uuid REFERENCES app_user (id),
        closed_reason text CHECK (closed_reason IN ('done', 'condition_met')),
        overdue_notified_at timestamptz,
        created_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, kind, subject_key, due_on),
        FOREIGN KEY (assignee_user_id, owner_organisation_id) REFERENCES app_user (id, organisation_id),
        CHECK ((done_at IS NULL) = (closed_reason IS NULL)),
        CHECK (kind = 'manual' OR title IS NULL),
        CHECK ((kind = 'manual') = (created_by IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX task_assignee_open_idx ON task (assignee_user_id, due_on) WHERE done_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX task_organisation_open_idx ON task (owner_organisation_id, due_on) WHERE done_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX task_case_idx ON task (case_id, due_on)`);
    await queryRunner.query(`ALTER TABLE task ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE task FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY task_read ON task FOR SELECT TO panoh_service USING (${OWNER})`);
    await queryRunner.query(`CREATE POLICY task_insert ON task FOR INSERT TO panoh_service
      WITH CHECK (${OWNER} AND panoh_case_owned_by(case_id, owner_organisation_id))`);
    await queryRunner.query(`CREATE POLICY task_update ON task FOR UPDATE TO panoh_service
      USING (${OWNER}) WITH CHECK (${OWNER})`);
    await queryRunner.query(`CREATE POLICY task_referral_acceptance ON task FOR ALL
      TO CURRENT_USER USING (${ACCEPTANCE_SCOPE}) WITH CHECK (${ACCEPTANCE_SCOPE})`);
    await queryRunner.query(`CREATE POLICY task_task_job ON task FOR ALL
      TO CURRENT_USER USING (${TASK_JOB_SCOPE}) WITH CHECK (${TASK_JOB_SCOPE})`);
    for (const table of ['victim_case', 'person', 'assistance_item', 'referral']) {
      await queryRunner.query(`CREATE POLICY ${table}_task_job ON ${table} FOR SELECT TO CURRENT_USER USING (${TASK_JOB_SCOPE})`);
    }
    await queryRunner.query(`CREATE POLICY notification_task_job ON notification FOR INSERT TO CURRENT_USER
      WITH CHECK (${TASK_JOB_SCOPE} AND kind = 'task_overdue')`);
    await queryRunner.query(`GRANT SELECT, INSERT ON task TO panoh_service`);
    await queryRunner.query(
      `GRANT UPDATE (assignee_user_id, due_on, title, done_at, done_by, closed_reason) ON task TO panoh_service`,
    );

    await queryRunner.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await queryRunner.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
      'referral_received', 'referral_accepted', 'referral_declined', 'referral_withdrawn', 'referral_overdue',
      'consent_withdrawn', 'task_overdue'))`);

    await queryRunner.query(migrationSql(__filename, 'panoh_task_follows_transfer.sql'));
    await queryRunner.query(`
      CREATE TRIGGER task_follows_transfer BEFORE UPDATE OF owner_organisation_id ON task
      FOR EACH ROW EXECUTE FUNCTION panoh_task_follows_transfer()`);
    await queryRunner.query(migrationSql(__filename, 'panoh_shred_task_titles_of_erased_person.sql'));
    await queryRunner.query(`
      CREATE TRIGGER person_erased_shreds_task_titles AFTER UPDATE OF erased_at ON person
      FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL)
      EXECUTE FUNCTION panoh_shred_task_titles_of_erased_person()`);
    await queryRunner.query(migrationSql(__filename, 'panoh_sync_tasks.sql'));
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_sync_tasks(uuid, date, integer) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_sync_tasks(uuid, date, integer) TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION panoh_sync_tasks(uuid, date, integer)`);
    await queryRunner.query(`DROP TRIGGER person_erased_shreds_task_titles ON person`);
    await queryRunner.query(`DROP FUNCTION panoh_shred_task_titles_of_erased_person()`);
    await queryRunner.query(`DELETE FROM notification WHERE kind = 'task_overdue'`);
    await queryRunner.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await queryRunner.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
      'referral_received', 'referral_accepted', 'referral_declined', 'referral_withdrawn', 'referral_overdue',
      'consent_withdrawn'))`);
    await queryRunner.query(`DROP POLICY notification_task_job ON notification`);
    for (const table of ['victim_case', 'person', 'assistance_item', 'referral']) {
      await queryRunner.query(`DROP POLICY ${table}_task_job ON ${table}`);
    }
    await queryRunner.query(`DROP TABLE task`);
    await queryRunner.query(`DROP FUNCTION panoh_task_follows_transfer()`);
  }
}
