import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, users, sessions and login throttling. Runs as the owner; the service reaches these
 * tables only through the privileges granted here to the group role `panoh_service`.
 */
export class Foundation1795827600000 implements MigrationInterface {
  name = 'Foundation1795827600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'panoh_service') THEN
          RAISE EXCEPTION 'role panoh_service does not exist: create the database roles first (docs/operations.md)';
        END IF;
      END $$`);

    await queryRunner.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        type text NOT NULL CHECK (type IN ('NGO','LawEnforcement','HealthServiceOrganisation',
          'CentralGovernmentOrganisation','LocalGovernmentOrganisation','ImmigrationService','LegalService',
          'CorporateBusiness','SchoolOrCollege','Shelter')),
        region text NOT NULL CHECK (region IN ('TJ-DU','TJ-SU','TJ-KT','TJ-GB','TJ-RA')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX organisation_name_key ON organisation (lower(name))`);

    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY,
        username text NOT NULL CHECK (username = lower(username) AND username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        role text NOT NULL CHECK (role IN ('caseworker','org_manager','investigator','commission','auditor','admin')),
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL,
        disabled_at timestamptz,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_at timestamptz,
        totp_secret bytea,
        totp_pending_secret bytea,
        totp_enabled_at timestamptz,
        totp_last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_username_key ON app_user (username)`);
    await queryRunner.query(`CREATE INDEX app_user_organisation_idx ON app_user (organisation_id)`);

    await queryRunner.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY,
        token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
        user_id uuid NOT NULL REFERENCES app_user (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        role text NOT NULL,
        second_factor boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX auth_session_token_hash_key ON auth_session (token_hash)`);
    await queryRunner.query(`CREATE INDEX auth_session_live_user_idx ON auth_session (user_id) WHERE ended_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE login_throttle (
        key bytea PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        window_started_at timestamptz NOT NULL,
        window_attempts integer NOT NULL DEFAULT 0
      )`);

    await queryRunner.query(`GRANT SELECT, INSERT ON organisation TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON app_user TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON auth_session TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_throttle`);
    await queryRunner.query(`DROP TABLE auth_session`);
    await queryRunner.query(`DROP TABLE app_user`);
    await queryRunner.query(`DROP TABLE organisation`);
  }
}
