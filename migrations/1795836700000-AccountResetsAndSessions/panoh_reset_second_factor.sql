-- A reset of a user's second factors, for a person who lost them: every WebAuthn credential, every
-- recovery code, open registration challenges and TOTP go (see 1795835500000-SecondFactors for why this
-- runs as the owner). An administrator may reset anyone's; an organisation's manager only those of an
-- account of its own organisation — for any other target the function answers no row, as for a user
-- that does not exist, so the database holds the rule the service checks first. Any other caller is
-- refused. Answers what it removed.
CREATE OR REPLACE FUNCTION panoh_reset_second_factor(target uuid)
RETURNS TABLE (credentials integer, recovery_codes integer, totp boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  had_totp boolean;
  removed_credentials integer;
  removed_codes integer;
BEGIN
  IF panoh_caller_role() IS DISTINCT FROM 'admin' AND panoh_caller_role() IS DISTINCT FROM 'org_manager' THEN
    RAISE EXCEPTION 'panoh_reset_second_factor: only an administrator or a manager resets a second factor'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT u.totp_enabled_at IS NOT NULL OR u.totp_pending_secret IS NOT NULL INTO had_totp
  FROM app_user u
  WHERE u.id = target
    AND (panoh_caller_role() = 'admin' OR u.organisation_id = panoh_caller_organisation())
  FOR UPDATE;
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
