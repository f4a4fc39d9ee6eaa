import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An administrator who resets a person's password or second factor also makes them choose a new
 * password: until they do, their sessions may do nothing but change it (the guard refuses every other
 * route with 403 `password_change_required`). Cleared by the person's own password change.
 */
export class PasswordChangeRequired1795835510000 implements MigrationInterface {
  name = 'PasswordChangeRequired1795835510000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN password_change_required boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN password_change_required`);
  }
}
