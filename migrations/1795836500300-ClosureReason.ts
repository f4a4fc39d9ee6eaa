import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a case was closed, as a code of Panoh's closure-reason list (HTCDS cas_ReasonForCaseClosure is
 * free text; the encrypted reason of the closing move stays the explanation). Set only by the closing
 * move, so only a closed case has one; cases closed before this carry none.
 */
export class ClosureReason1795836500300 implements MigrationInterface {
  name = 'ClosureReason1795836500300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE victim_case
        ADD COLUMN closure_reason text,
        ADD CONSTRAINT victim_case_closure_reason_when_closed CHECK (closure_reason IS NULL OR stage = 'closed')`);
    await queryRunner.query(`GRANT UPDATE (closure_reason) ON victim_case TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE (closure_reason) ON victim_case FROM panoh_service`);
    await queryRunner.query(`ALTER TABLE victim_case DROP COLUMN closure_reason`);
  }
}
