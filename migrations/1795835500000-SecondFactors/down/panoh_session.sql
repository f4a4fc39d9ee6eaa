-- panoh_session as migration 1795835400000-SessionOrganisation defined it.
CREATE OR REPLACE FUNCTION panoh_session(token_hash bytea, idle_seconds integer, touch_seconds integer,
                                         begin_as_caller boolean)
RETURNS TABLE (state text, id uuid, user_id uuid, organisation_id uuid, role text, username text,
               mfa boolean, second_factor boolean, stale boolean)
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  found_session record;
  timed_out_at timestamptz;
  session_state text;
BEGIN
  SELECT s.id, s.user_id, s.organisation_id, s.role, u.username, u.totp_enabled_at IS NOT NULL AS mfa,
         s.second_factor, s.last_seen_at < now() - make_interval(secs => touch_seconds) AS stale,
         s.expires_at, s.last_seen_at + make_interval(secs => idle_seconds) AS idle_at, s.ended_at,
         u.disabled_at IS NOT NULL OR u.locked_at IS NOT NULL OR u.role <> s.role
         OR u.organisation_id <> s.organisation_id AS user_barred
  INTO found_session
  FROM auth_session s JOIN app_user u ON u.id = s.user_id
  WHERE s.token_hash = panoh_session.token_hash;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  timed_out_at := least(found_session.expires_at, found_session.idle_at);
  session_state := CASE
    WHEN found_session.ended_at IS NOT NULL AND found_session.ended_at < timed_out_at THEN 'ended'
    WHEN timed_out_at <= now() THEN
      CASE WHEN found_session.expires_at <= found_session.idle_at THEN 'expired' ELSE 'idle' END
    WHEN found_session.ended_at IS NOT NULL OR found_session.user_barred THEN 'ended'
    ELSE 'live'
  END;
  IF session_state <> 'live' THEN
    RETURN QUERY SELECT session_state, NULL::uuid, NULL::uuid, NULL::uuid, NULL::text, NULL::text,
      NULL::boolean, NULL::boolean, NULL::boolean;
    RETURN;
  END IF;
  IF begin_as_caller THEN
    PERFORM set_config('panoh.user_id', found_session.user_id::text, true),
            set_config('panoh.organisation_id', found_session.organisation_id::text, true),
            set_config('panoh.role', found_session.role, true);
  END IF;
  RETURN QUERY SELECT session_state, found_session.id, found_session.user_id, found_session.organisation_id,
    found_session.role, found_session.username, found_session.mfa, found_session.second_factor,
    found_session.stale;
END $$;
