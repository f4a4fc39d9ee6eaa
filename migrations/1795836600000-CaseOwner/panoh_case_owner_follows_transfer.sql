CREATE FUNCTION panoh_case_owner_follows_transfer()
RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  -- A case that changes organisation (a transfer accepted by the receiving manager) cannot keep an
  -- owner of the organisation that gave it up: the accepting manager owns it until they reassign it.
  -- A change written outside a request (no caller) keeps the owner, so the organisation rules and the
  -- owner's foreign key refuse it for what it is rather than for a missing owner.
  IF NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
     AND NEW.owner_user_id IS NOT DISTINCT FROM OLD.owner_user_id THEN
    NEW.owner_user_id := COALESCE(panoh_caller_user(), OLD.owner_user_id);
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION panoh_case_owner_defaults_to_opener()
RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  -- A case written without an owner (by a tool or an older writer) is owned by whoever opened it.
  IF NEW.owner_user_id IS NULL THEN
    NEW.owner_user_id := NEW.created_by;
  END IF;
  RETURN NEW;
END $$;
