import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

/** Set only by panoh_accept_referral (migration 1795833000000-NrmWorkflow) while it runs. */
const ACCEPTANCE_SCOPE = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;

/** The owning organisation's caseworkers and managers (an investigator of the owner sees no case). */
const OWNER = `panoh_caller_role() IN ('caseworker', 'org_manager')
  AND owner_organisation_id = panoh_caller_organisation()`;

/** A note shown to the caller's organisation: shared with it, while it sees the case in the referral view. */
const SHARED_NOTE = (note: string, caseId: string) => `(EXISTS (SELECT 1 FROM case_note_share s
    WHERE s.note_id = ${note} AND s.organisation_id = panoh_caller_organisation())
  AND panoh_case_shared_with_caller_as(${caseId}, 'referral'))`;

/**
 * Notes of a case: dated, attributed entries (a contact, a counselling session, a visit), their text
 * as ciphertext under the note key (derived from the case's and the person's data keys,
 * docs/crypto.md). A note is changed only by its author within a few minutes of writing it; each
 * change keeps the text it replaced in `case_note_revision`; after that a note only grows by addenda
 * (`case_note_addendum`). The owning organisation sees every note; another organisation only the notes
 * the owner shared with it (`case_note_share`), and only while it sees the case in the referral view:
 * never in the investigation view. The policies repeat what NotesService decides.
 */
export class CaseNotes1795836400000 implements MigrationInterface {
  name = 'CaseNotes1795836400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_note (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL CHECK (kind IN ('contact', 'counselling', 'visit', 'other')),
        occurred_on date NOT NULL,
        text bytea NOT NULL,
        author_id uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL,
        edited_at timestamptz,
        revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
        UNIQUE (id, case_id)
      )`);
    await queryRunner.query(`CREATE INDEX case_note_case_idx ON case_note (case_id, occurred_on, created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE case_note_revision (
        note_id uuid NOT NULL,
        case_id uuid NOT NULL,
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        revision integer NOT NULL CHECK (revision > 0),
        kind text NOT NULL CHECK (kind IN ('contact', 'counselling', 'visit', 'other')),
        occurred_on date NOT NULL,
        text bytea NOT NULL,
        replaced_at timestamptz NOT NULL,
        PRIMARY KEY (note_id, revision),
        FOREIGN KEY (note_id, case_id) REFERENCES case_note (id, case_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE case_note_addendum (
        id uuid PRIMARY KEY,
        note_id uuid NOT NULL,
        case_id uuid NOT NULL,
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        text bytea NOT NULL,
        author_id uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL,
        FOREIGN KEY (note_id, case_id) REFERENCES case_note (id, case_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX case_note_addendum_note_idx ON case_note_addendum (note_id, created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE case_note_share (
        note_id uuid NOT NULL,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        shared_by uuid NOT NULL REFERENCES app_user (id),
        shared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (note_id, organisation_id),
        FOREIGN KEY (note_id, case_id) REFERENCES case_note (id, case_id) ON DELETE CASCADE,
        CHECK (organisation_id <> owner_organisation_id)
      )`);
    await queryRunner.query(`CREATE INDEX case_note_share_organisation_idx ON case_note_share (organisation_id)`);

    for (const table of ['case_note', 'case_note_revision', 'case_note_addendum', 'case_note_share']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY ${table}_referral_acceptance ON ${table} FOR ALL
        TO CURRENT_USER USING (${ACCEPTANCE_SCOPE}) WITH CHECK (${ACCEPTANCE_SCOPE})`);
    }

    await queryRunner.query(`CREATE POLICY case_note_read ON case_note FOR SELECT TO panoh_service USING (
      (${OWNER}) OR ${SHARED_NOTE('case_note.id', 'case_id')})`);
    await queryRunner.query(`CREATE POLICY case_note_insert ON case_note FOR INSERT TO panoh_service
      WITH CHECK (${OWNER} AND panoh_case_owned_by(case_id, owner_organisation_id))`);
    // Who may edit (the author, within the window) is the service's rule; the policy keeps it in the owner.
    await queryRunner.query(`CREATE POLICY case_note_update ON case_note FOR UPDATE TO panoh_service
      USING (${OWNER}) WITH CHECK (${OWNER} AND panoh_case_owned_by(case_id, owner_organisation_id))`);
    // Only the erasure trigger deletes notes (no route does): it runs as the erasing owner.
    await queryRunner.query(`CREATE POLICY case_note_delete ON case_note FOR DELETE TO panoh_service
      USING (${OWNER})`);

    // Earlier versions: the owner only (a sharing organisation sees the note as it is now).
    await queryRunner.query(`CREATE POLICY case_note_revision_read ON case_note_revision FOR SELECT
      TO panoh_service USING (${OWNER})`);
    await queryRunner.query(`CREATE POLICY case_note_revision_insert ON case_note_revision FOR INSERT
      TO panoh_service WITH CHECK (${OWNER} AND panoh_case_owned_by(case_id, owner_organisation_id))`);

    await queryRunner.query(`CREATE POLICY case_note_addendum_read ON case_note_addendum FOR SELECT
      TO panoh_service USING ((${OWNER}) OR ${SHARED_NOTE('note_id', 'case_id')})`);
    await queryRunner.query(`CREATE POLICY case_note_addendum_insert ON case_note_addendum FOR INSERT
      TO panoh_service WITH CHECK (${OWNER} AND panoh_case_owned_by(case_id, owner_organisation_id))`);

    await queryRunner.query(`CREATE POLICY case_note_share_read ON case_note_share FOR SELECT TO panoh_service
      USING ((${OWNER}) OR organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`CREATE POLICY case_note_share_insert ON case_note_share FOR INSERT TO panoh_service
      WITH CHECK (${OWNER} AND panoh_case_owned_by(case_id, owner_organisation_id))`);
    await queryRunner.query(`CREATE POLICY case_note_share_delete ON case_note_share FOR DELETE TO panoh_service
      USING (${OWNER})`);

    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON case_note TO panoh_service`);
    await queryRunner.query(`GRANT UPDATE (kind, occurred_on, text, edited_at, revision) ON case_note TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT ON case_note_revision TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT ON case_note_addendum TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON case_note_share TO panoh_service`);

    await queryRunner.query(migrationSql(__filename, 'panoh_shred_notes_of_erased_person.sql'));
    await queryRunner.query(`
      CREATE TRIGGER person_erased_shreds_notes AFTER UPDATE OF erased_at ON person
      FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL)
      EXECUTE FUNCTION panoh_shred_notes_of_erased_person()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER person_erased_shreds_notes ON person`);
    await queryRunner.query(`DROP FUNCTION panoh_shred_notes_of_erased_person()`);
    await queryRunner.query(`DROP TABLE case_note_share`);
    await queryRunner.query(`DROP TABLE case_note_addendum`);
    await queryRunner.query(`DROP TABLE case_note_revision`);
    await queryRunner.query(`DROP TABLE case_note`);
  }
}
