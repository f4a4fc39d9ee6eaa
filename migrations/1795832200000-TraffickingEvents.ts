import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trafficking events of a case (HTCDS hte_Type: Recruitment, Transit, Exploitation) with a date that
 * may be partial, a country code and a city (ciphertext under the case's data key). Readable wherever
 * the case is: by the owning organisation and through a live share, as victim_case.
 */
export class TraffickingEvents1795832200000 implements MigrationInterface {
  name = 'TraffickingEvents1795832200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trafficking_event (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        type text NOT NULL CHECK (type IN ('Recruitment', 'Transit', 'Exploitation')),
        occurred_on text CHECK (occurred_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
        country text CHECK (country ~ '^[A-Z]{3}$'),
        city bytea,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX trafficking_event_case_idx ON trafficking_event (case_id)`);
    await queryRunner.query(`ALTER TABLE trafficking_event ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE trafficking_event FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY trafficking_event_read ON trafficking_event FOR SELECT TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation() OR panoh_case_shared_with_caller(case_id))`);
    await queryRunner.query(`
      CREATE POLICY trafficking_event_insert ON trafficking_event FOR INSERT TO panoh_service
      WITH CHECK (owner_organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`GRANT SELECT, INSERT ON trafficking_event TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trafficking_event`);
  }
}
