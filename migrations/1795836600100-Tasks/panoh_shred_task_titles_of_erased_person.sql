-- When a person is erased, the titles of their cases' tasks (ciphertext under the case's data key)
-- go too, and the tasks are closed: nothing of them is left to decrypt or to do.
-- SECURITY INVOKER: the update runs under the erasing manager's policies (its organisation owns the cases).
CREATE FUNCTION panoh_shred_task_titles_of_erased_person() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE task t SET title = NULL,
    done_at = coalesce(t.done_at, now()),
    closed_reason = coalesce(t.closed_reason, 'condition_met')
  FROM victim_case c WHERE t.case_id = c.id AND c.person_id = NEW.id;
  RETURN NULL;
END $$;
