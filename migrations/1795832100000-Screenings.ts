import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Screenings of a case against a versioned indicator list (src/modules/cases/code-lists): which
 * indicators were found, the result, who screened and when. Codes only, no free text. Under the same
 * row-level security as the case: the owning organisation only.
 */
export class Screenings1795832100000 implements MigrationInterface {
  name = 'Screenings1795832100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE screening (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        indicator_list text NOT NULL CHECK (indicator_list ~ '^[a-z0-9_-]{1,40}$'),
        indicator_list_version text NOT NULL CHECK (indicator_list_version ~ '^[0-9a-z.-]{1,20}$'),
        indicators text[] NOT NULL,
        result text NOT NULL CHECK (result IN ('indicators_present', 'no_indicators', 'inconclusive')),
        screened_by uuid NOT NULL REFERENCES app_user (id),
        screened_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX screening_case_idx ON screening (case_id, screened_at)`);
    await queryRunner.query(`ALTER TABLE screening ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE screening FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY screening_own ON screening FOR ALL TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation())
      WITH CHECK (owner_organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`GRANT SELECT, INSERT ON screening TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE screening`);
  }
}
