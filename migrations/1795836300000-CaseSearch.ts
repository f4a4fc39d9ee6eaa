import { MigrationInterface, QueryRunner } from 'typeorm';

/** Set only by panoh_accept_referral (migration 1795833000000-NrmWorkflow) while it runs. */
const ACCEPTANCE_SCOPE = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;
/** Set only by `npm run cli -- search:reindex`, which connects as the owner. */
const REINDEX_SCOPE = `current_setting('panoh.definer_scope', true) = 'search_reindex'`;

/**
 * The search's blind index: one row per normalised word of a person's names, their phone number and
 * each identity document number, as a truncated keyed hash (docs/crypto.md, "Search"). Each row
 * carries the person's organisation, and the primary key leads with it, so a search reads only the
 * caller's organisation's part of the index before anything is joined; the persons of cases shared
 * with the caller are looked up by person. An update of the person's organisation (a transfer) moves
 * its rows with it.
 *
 * `search:reindex` rebuilds this table and person_blind_index when the normalisation or the bit
 * length changes: as the owner, under the owner policies below that hold only while it runs.
 */
export class CaseSearch1795836300000 implements MigrationInterface {
  name = 'CaseSearch1795836300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person_search_token (
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        token bytea NOT NULL CHECK (length(token) BETWEEN 1 AND 32),
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        field text NOT NULL CHECK (field IN ('name', 'phone', 'document')),
        PRIMARY KEY (organisation_id, token, person_id, field)
      )`);
    await queryRunner.query(`CREATE INDEX person_search_token_person_idx ON person_search_token (person_id, token)`);
    await queryRunner.query(`ALTER TABLE person_search_token ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE person_search_token FORCE ROW LEVEL SECURITY`);

    // Read: the person's organisation, or one that sees a case of the person through a live share.
    await queryRunner.query(`CREATE POLICY person_search_token_read ON person_search_token FOR SELECT
      TO panoh_service USING (organisation_id = panoh_caller_organisation()
        OR panoh_person_shared_with_caller(person_id))`);
    // Written only by the person's organisation, with the person's real organisation on the row.
    await queryRunner.query(`CREATE POLICY person_search_token_insert ON person_search_token FOR INSERT
      TO panoh_service WITH CHECK (organisation_id = panoh_caller_organisation()
        AND EXISTS (SELECT 1 FROM person p WHERE p.id = person_id AND p.organisation_id = organisation_id))`);
    await queryRunner.query(`CREATE POLICY person_search_token_delete ON person_search_token FOR DELETE
      TO panoh_service USING (organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`CREATE POLICY person_search_token_referral_acceptance ON person_search_token FOR ALL
      TO CURRENT_USER USING (${ACCEPTANCE_SCOPE}) WITH CHECK (${ACCEPTANCE_SCOPE})`);
    await queryRunner.query(`CREATE POLICY person_search_token_reindex ON person_search_token FOR ALL
      TO CURRENT_USER USING (${REINDEX_SCOPE}) WITH CHECK (${REINDEX_SCOPE})`);
    await queryRunner.query(`CREATE POLICY person_reindex ON person FOR SELECT
      TO CURRENT_USER USING (${REINDEX_SCOPE})`);
    await queryRunner.query(`CREATE POLICY person_blind_index_reindex ON person_blind_index FOR ALL
      TO CURRENT_USER USING (${REINDEX_SCOPE}) WITH CHECK (${REINDEX_SCOPE})`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON person_search_token TO panoh_service`);

    // A transfer moves the person to the new organisation (panoh_transfer_case); its index rows follow.
    await queryRunner.query(`
      CREATE FUNCTION panoh_move_search_tokens() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE person_search_token SET organisation_id = NEW.organisation_id WHERE person_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER person_moves_search_tokens AFTER UPDATE OF organisation_id ON person
      FOR EACH ROW WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
      EXECUTE FUNCTION panoh_move_search_tokens()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER person_moves_search_tokens ON person`);
    await queryRunner.query(`DROP FUNCTION panoh_move_search_tokens()`);
    await queryRunner.query(`DROP POLICY person_blind_index_reindex ON person_blind_index`);
    await queryRunner.query(`DROP POLICY person_reindex ON person`);
    await queryRunner.query(`DROP TABLE person_search_token`);
  }
}
