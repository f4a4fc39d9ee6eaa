import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The backup role `panoh_backup` (docs/operations.md, "Database roles"): it reads every table and
 * sequence, now and as later migrations add them, and can change nothing. It needs BYPASSRLS (given
 * when the role is created, by a superuser): `pg_dump` refuses to dump a table whose policies would
 * hide rows from it rather than write a silently partial backup, and every case table forces its
 * policies even on its owner. The service's start-up check refuses this role as the service's.
 */
export class BackupRole1795835100000 implements MigrationInterface {
  name = 'BackupRole1795835100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'panoh_backup') THEN
          RAISE EXCEPTION 'role panoh_backup does not exist: create it first (docs/operations.md, "Database roles")';
        END IF;
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO panoh_backup', current_database());
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO panoh_backup`);
    await queryRunner.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO panoh_backup`);
    await queryRunner.query(`GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO panoh_backup`);
    // Tables and sequences that later migrations create (as the owner, who runs them all).
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO panoh_backup`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO panoh_backup`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON SEQUENCES FROM panoh_backup`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM panoh_backup`);
    await queryRunner.query(`REVOKE SELECT ON ALL SEQUENCES IN SCHEMA public FROM panoh_backup`);
    await queryRunner.query(`REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM panoh_backup`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM panoh_backup`);
    await queryRunner.query(`
      DO $$ BEGIN
        EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM panoh_backup', current_database());
      END $$`);
  }
}
