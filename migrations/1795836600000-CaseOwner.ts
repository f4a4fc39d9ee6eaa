import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

/**
 * The case owner inside the organisation (HTCDS cas_CaseOwner): a user of the organisation that owns
 * the case. Existing cases are owned by the user who opened them. The owner is always of the case's
 * organisation (a foreign key on the pair), and follows a transfer to the accepting manager (a
 * trigger, since panoh_transfer_case moves the organisation); a case written without one (a seed, a
 * tool) is owned by whoever opened it. That the owner is active and works cases
 * is checked by the service, which names the field; a disabled owner keeps the cases until reassigned.
 */
export class CaseOwner1795836600000 implements MigrationInterface {
  name = 'CaseOwner1795836600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE victim_case ADD COLUMN owner_user_id uuid`);
    // The policies hide every case from the owner role: lift them for this one statement of the migration.
    await queryRunner.query(`ALTER TABLE victim_case NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`UPDATE victim_case SET owner_user_id = created_by`);
    await queryRunner.query(`ALTER TABLE victim_case FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE victim_case ALTER COLUMN owner_user_id SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_id_organisation_key ON app_user (id, organisation_id)`);
    await queryRunner.query(`
      ALTER TABLE victim_case ADD CONSTRAINT victim_case_owner_in_organisation
      FOREIGN KEY (owner_user_id, organisation_id) REFERENCES app_user (id, organisation_id)`);
    await queryRunner.query(`CREATE INDEX victim_case_owner_idx ON victim_case (owner_user_id, registered_on DESC, id)`);
    await queryRunner.query(migrationSql(__filename, 'panoh_case_owner_follows_transfer.sql'));
    await queryRunner.query(`
      CREATE TRIGGER victim_case_owner_follows_transfer BEFORE UPDATE OF organisation_id ON victim_case
      FOR EACH ROW EXECUTE FUNCTION panoh_case_owner_follows_transfer()`);
    await queryRunner.query(`
      CREATE TRIGGER victim_case_owner_defaults_to_opener BEFORE INSERT ON victim_case
      FOR EACH ROW EXECUTE FUNCTION panoh_case_owner_defaults_to_opener()`);
    await queryRunner.query(`GRANT UPDATE (owner_user_id) ON victim_case TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE (owner_user_id) ON victim_case FROM panoh_service`);
    await queryRunner.query(`DROP TRIGGER victim_case_owner_defaults_to_opener ON victim_case`);
    await queryRunner.query(`DROP FUNCTION panoh_case_owner_defaults_to_opener()`);
    await queryRunner.query(`DROP TRIGGER victim_case_owner_follows_transfer ON victim_case`);
    await queryRunner.query(`DROP FUNCTION panoh_case_owner_follows_transfer()`);
    await queryRunner.query(`ALTER TABLE victim_case DROP COLUMN owner_user_id`);
    await queryRunner.query(`DROP INDEX app_user_id_organisation_key`);
  }
}
