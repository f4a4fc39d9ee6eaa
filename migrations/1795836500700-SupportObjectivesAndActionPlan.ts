import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The support plan's objectives and action plan (HTCDS spl_Objectives, spl_ActionPlan). Panoh's support
 * plan is its assistance items, with no plan-level row, so both are on the case: ciphertext under the
 * case's data key (bound to `victim_case|column|id`), in the owner's full view only.
 */
export class SupportObjectivesAndActionPlan1795836500700 implements MigrationInterface {
  name = 'SupportObjectivesAndActionPlan1795836500700';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE victim_case ADD COLUMN support_objectives bytea, ADD COLUMN action_plan bytea`);
    await queryRunner.query(`GRANT UPDATE (support_objectives, action_plan) ON victim_case TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE (support_objectives, action_plan) ON victim_case FROM panoh_service`);
    await queryRunner.query(`ALTER TABLE victim_case DROP COLUMN support_objectives, DROP COLUMN action_plan`);
  }
}
