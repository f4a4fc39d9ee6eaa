import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

const COVERAGE = 'panoh_consent_coverage(consent, uuid, text, uuid, text)';

/**
 * Whether a consent covers a referral was written twice: in TypeScript when a referral is sent, and in
 * panoh_accept_referral when it is accepted. It is now one SQL function, panoh_consent_coverage, that
 * both ask: the service through src/modules/referrals/consent-coverage.ts (which only words its
 * answers), the acceptance in its body. What either answers, and in which order, is unchanged.
 */
export class ConsentCoverage1795835410000 implements MigrationInterface {
  name = 'ConsentCoverage1795835410000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(migrationSql(__filename, 'panoh_consent_coverage.sql'));
    await queryRunner.query(`REVOKE ALL ON FUNCTION ${COVERAGE} FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${COVERAGE} TO panoh_service`);
    await queryRunner.query(migrationSql(__filename, 'panoh_accept_referral.sql'));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(migrationSql(__filename, 'down/panoh_accept_referral.sql'));
    await queryRunner.query(`DROP FUNCTION ${COVERAGE}`);
  }
}
