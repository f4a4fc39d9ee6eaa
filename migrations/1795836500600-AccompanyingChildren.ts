import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children and dependants accompanying the person (HTCDS prs_NumberOfChildren, with the children's age
 * bands): counts and codes only, no names. Only the owner's full view shows them.
 */
export class AccompanyingChildren1795836500600 implements MigrationInterface {
  name = 'AccompanyingChildren1795836500600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE victim_case
        ADD COLUMN accompanying_children smallint CHECK (accompanying_children BETWEEN 0 AND 30),
        ADD COLUMN accompanying_children_age_bands text[] NOT NULL DEFAULT '{}',
        ADD COLUMN accompanying_dependants smallint CHECK (accompanying_dependants BETWEEN 0 AND 30)`);
    await queryRunner.query(`
      GRANT UPDATE (accompanying_children, accompanying_children_age_bands, accompanying_dependants)
        ON victim_case TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      REVOKE UPDATE (accompanying_children, accompanying_children_age_bands, accompanying_dependants)
        ON victim_case FROM panoh_service`);
    await queryRunner.query(`
      ALTER TABLE victim_case DROP COLUMN accompanying_children, DROP COLUMN accompanying_children_age_bands,
        DROP COLUMN accompanying_dependants`);
  }
}
