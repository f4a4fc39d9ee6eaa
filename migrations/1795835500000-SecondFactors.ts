import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSql } from './support/migration-sql';

/** Set only by panoh_reset_second_factor while it runs. */
const RESET_SCOPE = `current_setting('panoh.definer_scope', true) = 'second_factor_reset'`;

/** The tables a user owns row by row: each row is visible to, and writable by, its own user only. */
const OWN_TABLES = ['webauthn_credential', 'recovery_code', 'webauthn_challenge'] as const;

const RESET = 'panoh_reset_second_factor(uuid)';

/**
 * Second factors beside TOTP: WebAuthn credentials (security keys, passkeys) and one-time recovery
 * codes, the registration challenges of WebAuthn, and pending sign-ins (a password checked, a second
 * factor still to come).
 *
 * Credentials, recovery codes and challenges belong to one user each, and row-level security shows a
 * row only to a transaction whose caller (`panoh.user_id`) is that user: the service sets it from the
 * session, or, during a sign-in, from the account whose password it has just checked. An administrator
 * removes them only through panoh_reset_second_factor. `app_user.webauthn_credentials` counts an
 * account's credentials (kept by a trigger), so that the session lookup and the sign-in can tell
 * whether an account has a second factor without reading a table they may not see.
 *
 * A pending sign-in is found by the SHA-256 of its token before anyone is known, as a session is, so
 * like auth_session it is guarded by its grants, not by row-level security.
 */
export class SecondFactors1795835500000 implements MigrationInterface {
  name = 'SecondFactors1795835500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION panoh_caller_user() RETURNS uuid
      LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('panoh.user_id', true), '')::uuid $$`);

    await queryRunner.query(`
      ALTER TABLE app_user ADD COLUMN webauthn_credentials integer NOT NULL DEFAULT 0
        CHECK (webauthn_credentials >= 0)`);

    await queryRunner.query(`
      CREATE TABLE webauthn_credential (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id),
        credential_id text NOT NULL
          CHECK (length(credential_id) BETWEEN 16 AND 1366 AND credential_id ~ '^[A-Za-z0-9_-]+$'),
        public_key bytea NOT NULL CHECK (length(public_key) BETWEEN 16 AND 2048),
        sign_count bigint NOT NULL CHECK (sign_count BETWEEN 0 AND 4294967295),
        transports text[] NOT NULL DEFAULT '{}'
          CHECK (transports <@ ARRAY['ble','cable','hybrid','internal','nfc','smart-card','usb']::text[]),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 64),
        backed_up boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    // One credential id names one credential, whoever holds it (the WebAuthn specification asks a
    // relying party to refuse a credential id already registered).
    await queryRunner.query(
      `CREATE UNIQUE INDEX webauthn_credential_credential_id_key ON webauthn_credential (credential_id)`,
    );
    await queryRunner.query(`CREATE INDEX webauthn_credential_user_idx ON webauthn_credential (user_id)`);
    await queryRunner.query(`
      CREATE FUNCTION webauthn_credential_count() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE app_user SET webauthn_credentials = webauthn_credentials + 1 WHERE id = NEW.user_id;
        ELSE
          UPDATE app_user SET webauthn_credentials = webauthn_credentials - 1 WHERE id = OLD.user_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER webauthn_credential_count AFTER INSERT OR DELETE ON webauthn_credential
      FOR EACH ROW EXECUTE FUNCTION webauthn_credential_count()`);

    await queryRunner.query(`
      CREATE TABLE recovery_code (
        user_id uuid NOT NULL REFERENCES app_user (id),
        code_hash bytea NOT NULL CHECK (length(code_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);

    // A challenge is no secret (it is worth something only signed by the authenticator, once), so it
    // is kept as it is, and found by its value when the browser sends it back.
    await queryRunner.query(`
      CREATE TABLE webauthn_challenge (
        challenge text PRIMARY KEY CHECK (challenge ~ '^[A-Za-z0-9_-]{43}$'),
        user_id uuid NOT NULL REFERENCES app_user (id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX webauthn_challenge_user_idx ON webauthn_challenge (user_id)`);

    await queryRunner.query(`
      CREATE TABLE pending_sign_in (
        token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        user_id uuid NOT NULL REFERENCES app_user (id),
        webauthn_challenge text CHECK (webauthn_challenge ~ '^[A-Za-z0-9_-]{43}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);

    for (const table of OWN_TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`
        CREATE POLICY ${table}_own ON ${table} FOR ALL TO panoh_service
        USING (user_id = panoh_caller_user()) WITH CHECK (user_id = panoh_caller_user())`);
      await queryRunner.query(
        `CREATE POLICY ${table}_second_factor_reset ON ${table} FOR ALL TO CURRENT_USER USING (${RESET_SCOPE})`,
      );
    }
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON webauthn_credential TO panoh_service`);
    await queryRunner.query(
      `GRANT UPDATE (sign_count, backed_up, last_used_at) ON webauthn_credential TO panoh_service`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON recovery_code TO panoh_service`);
    await queryRunner.query(`GRANT UPDATE (used_at) ON recovery_code TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON webauthn_challenge TO panoh_service`);
    await queryRunner.query(`GRANT UPDATE (used_at) ON webauthn_challenge TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT ON pending_sign_in TO panoh_service`);
    await queryRunner.query(`GRANT UPDATE (used_at) ON pending_sign_in TO panoh_service`);

    await queryRunner.query(migrationSql(__filename, 'panoh_reset_second_factor.sql'));
    await queryRunner.query(`REVOKE ALL ON FUNCTION ${RESET} FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${RESET} TO panoh_service`);
    // The result of panoh_session is unchanged, so CREATE OR REPLACE keeps its grants.
    await queryRunner.query(migrationSql(__filename, 'panoh_session.sql'));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(migrationSql(__filename, 'down/panoh_session.sql'));
    await queryRunner.query(`DROP FUNCTION ${RESET}`);
    await queryRunner.query(`DROP TABLE pending_sign_in`);
    await queryRunner.query(`DROP TABLE webauthn_challenge`);
    await queryRunner.query(`DROP TABLE recovery_code`);
    await queryRunner.query(`DROP TABLE webauthn_credential`);
    await queryRunner.query(`DROP FUNCTION webauthn_credential_count()`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN webauthn_credentials`);
    await queryRunner.query(`DROP FUNCTION panoh_caller_user()`);
  }
}
