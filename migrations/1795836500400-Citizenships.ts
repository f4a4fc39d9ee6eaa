import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * More than one citizenship (HTCDS prs_Citizenship is multiselect): `citizenships`, codes, the first
 * of which is the old single `citizenship` (kept: the statistics and the CTDC export count it, and
 * writers that know only it keep working). A trigger holds the two together on every write: the
 * single field is put first in the list, or the list emptied when it is cleared. Every case's
 * citizenship becomes its one-element list.
 */
export class Citizenships1795836500400 implements MigrationInterface {
  name = 'Citizenships1795836500400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE victim_case ADD COLUMN citizenships text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      CREATE FUNCTION panoh_victim_case_citizenships() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      BEGIN
        IF NEW.citizenship IS NULL THEN
          NEW.citizenships := '{}';
        ELSIF cardinality(NEW.citizenships) = 0 OR NEW.citizenships[1] IS DISTINCT FROM NEW.citizenship THEN
          NEW.citizenships := ARRAY[NEW.citizenship] || array_remove(NEW.citizenships, NEW.citizenship);
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER victim_case_citizenships BEFORE INSERT OR UPDATE ON victim_case
      FOR EACH ROW EXECUTE FUNCTION panoh_victim_case_citizenships()`);
    // The owner's own backfill of every row, past the row-level policies for this one statement.
    await queryRunner.query(`ALTER TABLE victim_case NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`UPDATE victim_case SET citizenships = ARRAY[citizenship] WHERE citizenship IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE victim_case FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`GRANT UPDATE (citizenships) ON victim_case TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE (citizenships) ON victim_case FROM panoh_service`);
    await queryRunner.query(`DROP TRIGGER victim_case_citizenships ON victim_case`);
    await queryRunner.query(`DROP FUNCTION panoh_victim_case_citizenships()`);
    await queryRunner.query(`ALTER TABLE victim_case DROP COLUMN citizenships`);
  }
}
