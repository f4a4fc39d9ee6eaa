import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

/** Set only by panoh_accept_referral (migration 1795833000000-NrmWorkflow) while it runs. */
const ACCEPTANCE_SCOPE = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;

/** The owning organisation's caseworkers and managers (an investigator of the owner sees no case). */
const OWNER = `panoh_caller_role() IN ('caseworker', 'org_manager')
  AND owner_organisation_id = panoh_caller_organisation()`;

/**
 * Attachments of a case: scanned documents, consent forms, photos (PDF, JPEG, PNG). The row holds the
 * codes (kind, detected media type, size) in clear, the file name and description as ciphertext, and
 * the secretstream header; the content is in `attachment_chunk`, one row per encrypted chunk of 64 KiB
 * (docs/crypto.md, "Attachments").
 *
 * Who sees an attachment is decided in code by CaseAccess and AttachmentsService; the policies repeat
 * it: the owning organisation's caseworkers and managers see every attachment of its cases; another
 * organisation sees only the attachments the owner shared with it (`attachment_share`), and only while
 * it sees the case through a live share (for law enforcement, while the consent holds). A chunk is
 * visible exactly when its attachment is. Nobody updates a row: an attachment is added, shared,
 * unshared or deleted.
 */
export class Attachments1795836200000 implements MigrationInterface {
  name = 'Attachments1795836200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE attachment (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL CHECK (kind IN ('identity_document', 'consent_form', 'photo', 'medical',
          'legal', 'other')),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        chunk_count integer NOT NULL CHECK (chunk_count > 0),
        content_header bytea NOT NULL,
        file_name bytea NOT NULL,
        description bytea,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (id, case_id)
      )`);
    await queryRunner.query(`CREATE INDEX attachment_case_idx ON attachment (case_id, created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE attachment_chunk (
        attachment_id uuid NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq >= 0),
        content bytea NOT NULL,
        PRIMARY KEY (attachment_id, seq)
      )`);
    // Ciphertext does not compress: keep it out of line without trying.
    await queryRunner.query(`ALTER TABLE attachment_chunk ALTER COLUMN content SET STORAGE EXTERNAL`);
    await queryRunner.query(`
      CREATE TABLE attachment_share (
        attachment_id uuid NOT NULL,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        shared_by uuid NOT NULL REFERENCES app_user (id),
        shared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (attachment_id, organisation_id),
        FOREIGN KEY (attachment_id, case_id) REFERENCES attachment (id, case_id) ON DELETE CASCADE,
        CHECK (organisation_id <> owner_organisation_id)
      )`);
    await queryRunner.query(`CREATE INDEX attachment_share_organisation_idx ON attachment_share (organisation_id)`);

    for (const table of ['attachment', 'attachment_chunk', 'attachment_share']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }

    await queryRunner.query(`CREATE POLICY attachment_read ON attachment FOR SELECT TO panoh_service USING (
      (${OWNER})
      OR (EXISTS (SELECT 1 FROM attachment_share s
                  WHERE s.attachment_id = attachment.id AND s.organisation_id = panoh_caller_organisation())
          AND panoh_case_shared_with_caller(case_id)))`);
    await queryRunner.query(`CREATE POLICY attachment_insert ON attachment FOR INSERT TO panoh_service
      WITH CHECK (${OWNER} AND panoh_case_owned_by(case_id, owner_organisation_id))`);
    await queryRunner.query(`CREATE POLICY attachment_delete ON attachment FOR DELETE TO panoh_service
      USING (${OWNER})`);
    await queryRunner.query(`CREATE POLICY attachment_referral_acceptance ON attachment FOR ALL
      TO CURRENT_USER USING (${ACCEPTANCE_SCOPE}) WITH CHECK (${ACCEPTANCE_SCOPE})`);

    // A chunk follows its attachment: the subquery is itself under attachment's policies.
    await queryRunner.query(`CREATE POLICY attachment_chunk_read ON attachment_chunk FOR SELECT TO panoh_service
      USING (EXISTS (SELECT 1 FROM attachment a WHERE a.id = attachment_id))`);
    await queryRunner.query(`CREATE POLICY attachment_chunk_insert ON attachment_chunk FOR INSERT TO panoh_service
      WITH CHECK (EXISTS (SELECT 1 FROM attachment a
                          WHERE a.id = attachment_id AND a.owner_organisation_id = panoh_caller_organisation()))`);

    await queryRunner.query(`CREATE POLICY attachment_share_read ON attachment_share FOR SELECT TO panoh_service
      USING ((${OWNER}) OR organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`CREATE POLICY attachment_share_insert ON attachment_share FOR INSERT TO panoh_service
      WITH CHECK (${OWNER} AND panoh_case_owned_by(case_id, owner_organisation_id))`);
    await queryRunner.query(`CREATE POLICY attachment_share_delete ON attachment_share FOR DELETE TO panoh_service
      USING (${OWNER})`);
    await queryRunner.query(`CREATE POLICY attachment_share_referral_acceptance ON attachment_share FOR ALL
      TO CURRENT_USER USING (${ACCEPTANCE_SCOPE}) WITH CHECK (${ACCEPTANCE_SCOPE})`);

    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON attachment TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT ON attachment_chunk TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON attachment_share TO panoh_service`);

    await queryRunner.query(migrationSql(__filename, 'panoh_shred_attachments_of_erased_person.sql'));
    await queryRunner.query(`
      CREATE TRIGGER person_erased_shreds_attachments AFTER UPDATE OF erased_at ON person
      FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL)
      EXECUTE FUNCTION panoh_shred_attachments_of_erased_person()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER person_erased_shreds_attachments ON person`);
    await queryRunner.query(`DROP FUNCTION panoh_shred_attachments_of_erased_person()`);
    await queryRunner.query(`DROP TABLE attachment_share`);
    await queryRunner.query(`DROP TABLE attachment_chunk`);
    await queryRunner.query(`DROP TABLE attachment`);
  }
}
