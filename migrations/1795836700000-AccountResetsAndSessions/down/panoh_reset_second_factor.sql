-- An administrator's reset of a user's second factors, for a person who lost them: every WebAuthn
-- credential, every recovery code, open registration challenges and TOTP go. The credentials and codes
-- are under row-level security that shows each row to its own user only, so the administrator's
-- connection cannot even see them; this function, running as the owner, deletes them under the
-- `second_factor_reset` scope that the owner's policies on those tables require (the service's role
-- gains nothing by setting the scope: those policies name the owner). Only a caller set as `admin` may
-- run it. Answers what it removed; no row when there is no such user.
CREATE OR REPLACE FUNCTION panoh_reset_second_factor(target uuid)
RETURNS TABLE (credentials integer, recovery_codes integer, totp boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  had_totp boolean;
  removed_credentials integer;
  removed_codes integer;
BEGIN
  IF panoh_caller_role() IS DISTINCT FROM 'admin' THEN
    RAISE EXCEPTION 'panoh_reset_second_factor: only an administrator resets a second factor'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT u.totp_enabled_at IS NOT NULL OR u.totp_pending_secret IS NOT NULL INTO had_totp
  FROM app_user u WHERE u.id = target FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  PERFORM set_config('panoh.definer_scope', 'second_factor_reset', true);
  DELETE FROM webauthn_credential c WHERE c.user_id = target;
  GET DIAGNOSTICS removed_credentials = ROW_COUNT;
  DELETE FROM recovery_code r WHERE r.user_id = target;
  GET DIAGNOSTICS removed_codes = ROW_COUNT;
  DELETE FROM webauthn_challenge h WHERE h.user_id = target;
  PERFORM set_config('panoh.definer_scope', '', true);
  UPDATE app_user u
  SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
  WHERE u.id = target;
  RETURN QUERY SELECT removed_credentials, removed_codes, had_totp;
END $$;
