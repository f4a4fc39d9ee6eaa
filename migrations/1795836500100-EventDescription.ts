import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A description of a trafficking event (HTCDS hte_Description): free text, so ciphertext under the
 * case's data key, bound to `trafficking_event|description|event id`; each history entry keeps the
 * description as it became, bound to `trafficking_event_change|description|entry id`. Only the full
 * view shows it: a free text may say where the person is.
 */
export class EventDescription1795836500100 implements MigrationInterface {
  name = 'EventDescription1795836500100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trafficking_event ADD COLUMN description bytea`);
    await queryRunner.query(`ALTER TABLE trafficking_event_change ADD COLUMN description bytea`);
    await queryRunner.query(`GRANT UPDATE (description) ON trafficking_event TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE (description) ON trafficking_event FROM panoh_service`);
    await queryRunner.query(`ALTER TABLE trafficking_event_change DROP COLUMN description`);
    await queryRunner.query(`ALTER TABLE trafficking_event DROP COLUMN description`);
  }
}
