CREATE FUNCTION panoh_task_follows_transfer()
RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  -- A transferred case's tasks go to the manager who accepted it, as the case itself does.
  IF NEW.owner_organisation_id IS DISTINCT FROM OLD.owner_organisation_id THEN
    NEW.assignee_user_id := panoh_caller_user();
  END IF;
  RETURN NEW;
END $$;
