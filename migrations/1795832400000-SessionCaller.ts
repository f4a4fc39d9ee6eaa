import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The session check of every request as one function, so that its plan is cached per connection
 * (the query that opens an audited request's transaction is a simple-protocol query, planned anew each
 * time otherwise). With `begin_as_caller`, it also sets the session's caller for row-level security,
 * for the rest of the transaction, and only when the session is live. docs/architecture.md
 * ("Reading a case").
 */
export class SessionCaller1795832400000 implements MigrationInterface {
  name = 'SessionCaller1795832400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION panoh_session(token_hash bytea, idle_seconds integer, touch_seconds integer,
                                    begin_as_caller boolean)
      RETURNS TABLE (id uuid, user_id uuid, organisation_id uuid, role text, username text, mfa boolean,
                     second_factor boolean, stale boolean)
      LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
      #variable_conflict use_column
      DECLARE
        found_session record;
      BEGIN
        SELECT s.id, s.user_id, s.organisation_id, s.role, u.username, u.totp_enabled_at IS NOT NULL AS mfa,
               s.second_factor, s.last_seen_at < now() - make_interval(secs => touch_seconds) AS stale
        INTO found_session
        FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = panoh_session.token_hash
          AND s.ended_at IS NULL
          AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => idle_seconds)
          AND u.disabled_at IS NULL
          AND u.role = s.role;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        IF begin_as_caller THEN
          PERFORM set_config('panoh.user_id', found_session.user_id::text, true),
                  set_config('panoh.organisation_id', found_session.organisation_id::text, true),
                  set_config('panoh.role', found_session.role, true);
        END IF;
        RETURN QUERY SELECT found_session.id, found_session.user_id, found_session.organisation_id,
          found_session.role, found_session.username, found_session.mfa, found_session.second_factor,
          found_session.stale;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_session(bytea, integer, integer, boolean) FROM PUBLIC`);
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION panoh_session(bytea, integer, integer, boolean) TO panoh_service`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION panoh_session(bytea, integer, integer, boolean)`);
  }
}
