import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language each person reads the web interface in (Tajik, Russian or English), remembered with
 * the account so that it follows them from one computer to the next. Empty until chosen: the
 * browser's language is used until then.
 */
export class UserLanguage1795835430000 implements MigrationInterface {
  name = 'UserLanguage1795835430000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE app_user ADD COLUMN language text CHECK (language IN ('tg', 'ru', 'en'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN language`);
  }
}
