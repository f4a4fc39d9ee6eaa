import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

/**
 * A session ends when its user's organisation changes, as it does when the role changes: the session
 * carries the organisation it was opened with, which row-level security and every access decision
 * read, so a session that outlived a move would act for the old organisation. No route moves a user;
 * an operator does it in SQL (docs/operations.md, "Organisation kinds"), and the old tokens now answer
 * 401 `session_ended` without the operator having to end them. The result of panoh_session is
 * unchanged, so CREATE OR REPLACE keeps its grants.
 */
export class SessionOrganisation1795835400000 implements MigrationInterface {
  name = 'SessionOrganisation1795835400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(migrationSql(__filename, 'panoh_session.sql'));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(migrationSql(__filename, 'down/panoh_session.sql'));
  }
}
