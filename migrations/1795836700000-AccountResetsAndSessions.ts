import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

/**
 * Accounts run by the organisation itself:
 * - an organisation's manager may reset the second factor of its own staff, as the administrator may
 *   anyone's: panoh_reset_second_factor lets an `org_manager` caller reach an account of its own
 *   organisation only (its result is unchanged, so CREATE OR REPLACE keeps its grants);
 * - what a person sees of each of their open sessions, to recognise one they did not open: a coarse
 *   label of the browser and system it was opened from ("Firefox on Windows"), derived from the
 *   User-Agent at sign-in. Never the User-Agent itself (close to a fingerprint) and never an address;
 *   a program that sends none, or one not recognised, is "other".
 */
export class AccountResetsAndSessions1795836700000 implements MigrationInterface {
  name = 'AccountResetsAndSessions1795836700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(migrationSql(__filename, 'panoh_reset_second_factor.sql'));
    await queryRunner.query(
      `ALTER TABLE auth_session ADD COLUMN device text NOT NULL DEFAULT 'other' CHECK (device ~ '^[A-Za-z ]{1,40}$')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE auth_session DROP COLUMN device`);
    await queryRunner.query(migrationSql(__filename, 'down/panoh_reset_second_factor.sql'));
  }
}
