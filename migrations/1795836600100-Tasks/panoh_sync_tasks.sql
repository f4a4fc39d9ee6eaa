-- The tasks a case generates, made to match the case: each task its state calls for is created once
-- (the unique key case + kind + subject + due day), and each open generated task it no longer calls
-- for is closed as `condition_met`. Tasks that have become overdue are notified to their organisation
-- once. `scope_organisation` limits the work to one organisation's cases (a request of that
-- organisation); NULL means every organisation (the daily job, which runs with no caller).
--
-- What a case calls for:
--   reflection_ending  the case is at `reflection`: due the day the period ends
--   status_decision    the case is at `reflection` with the status still undecided: due the same day
--   service_ending     a support plan item planned or in progress with a planned end: due that day
--   follow_up_visit    a `Return` item delivered: due 1, 3, 6 and 12 months after its actual end
--   referral_answer    a referral of the case's organisation still pending: due its answer's deadline
-- A case that is closed, or whose person was erased, calls for nothing.
--
-- SECURITY DEFINER under the policies that its own scope setting opens; it returns counts only.
CREATE FUNCTION panoh_sync_tasks(scope_organisation uuid, today date, reflection_days integer)
RETURNS TABLE (created integer, closed integer, notified integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n_created integer;
  n_closed integer;
  n_notified integer;
BEGIN
  IF panoh_caller_organisation() IS NOT NULL
     AND scope_organisation IS DISTINCT FROM panoh_caller_organisation() THEN
    RAISE EXCEPTION 'panoh_sync_tasks: a caller syncs only its own organisation';
  END IF;
  PERFORM set_config('panoh.definer_scope', 'task_job', true);

  CREATE TEMP TABLE IF NOT EXISTS wanted_task (
    case_id uuid, owner_organisation_id uuid, kind text, subject_id uuid, subject_key text, due_on date,
    assignee uuid) ON COMMIT DROP;
  TRUNCATE wanted_task;

  INSERT INTO wanted_task
  WITH live AS (
    SELECT c.* FROM victim_case c JOIN person p ON p.id = c.person_id
    WHERE c.stage <> 'closed' AND p.erased_at IS NULL
      AND (scope_organisation IS NULL OR c.organisation_id = scope_organisation))
  SELECT c.id, c.organisation_id, 'reflection_ending', NULL::uuid, '',
         (c.stage_changed_at AT TIME ZONE 'UTC')::date + reflection_days, c.owner_user_id
  FROM live c WHERE c.stage = 'reflection'
  UNION ALL
  SELECT c.id, c.organisation_id, 'status_decision', NULL, '',
         (c.stage_changed_at AT TIME ZONE 'UTC')::date + reflection_days, c.owner_user_id
  FROM live c WHERE c.stage = 'reflection' AND c.trafficking_status = 'PossibleVictimOfTrafficking'
  UNION ALL
  SELECT c.id, c.organisation_id, 'service_ending', a.id, a.id::text, a.planned_end, c.owner_user_id
  FROM live c JOIN assistance_item a ON a.case_id = c.id
  WHERE a.status IN ('planned', 'in_progress') AND a.planned_end IS NOT NULL
  UNION ALL
  SELECT c.id, c.organisation_id, 'follow_up_visit', a.id, a.id::text || '/' || m,
         (a.actual_end + make_interval(months => m))::date, c.owner_user_id
  FROM live c JOIN assistance_item a ON a.case_id = c.id CROSS JOIN unnest(ARRAY[1, 3, 6, 12]) AS m
  WHERE a.type = 'Return' AND a.status = 'delivered' AND a.actual_end IS NOT NULL
  UNION ALL
  SELECT c.id, c.organisation_id, 'referral_answer', r.id, r.id::text,
         (r.due_at AT TIME ZONE 'UTC')::date, c.owner_user_id
  FROM live c JOIN referral r ON r.case_id = c.id
  WHERE r.status = 'pending' AND r.from_organisation_id = c.organisation_id;

  INSERT INTO task (id, case_id, owner_organisation_id, kind, subject_id, subject_key, due_on,
                    assignee_user_id, created_at)
  SELECT gen_random_uuid(), w.case_id, w.owner_organisation_id, w.kind, w.subject_id, w.subject_key,
         w.due_on, w.assignee, now()
  FROM wanted_task w
  ON CONFLICT (case_id, kind, subject_key, due_on) DO NOTHING;
  GET DIAGNOSTICS n_created = ROW_COUNT;

  UPDATE task t SET done_at = now(), closed_reason = 'condition_met'
  WHERE t.kind <> 'manual' AND t.done_at IS NULL
    AND (scope_organisation IS NULL OR t.owner_organisation_id = scope_organisation)
    AND NOT EXISTS (SELECT 1 FROM wanted_task w
                    WHERE w.case_id = t.case_id AND w.kind = t.kind AND w.subject_key = t.subject_key
                      AND w.due_on = t.due_on);
  GET DIAGNOSTICS n_closed = ROW_COUNT;

  WITH due AS (
    UPDATE task t SET overdue_notified_at = now()
    WHERE t.done_at IS NULL AND t.overdue_notified_at IS NULL AND t.due_on < today
      AND (scope_organisation IS NULL OR t.owner_organisation_id = scope_organisation)
    RETURNING t.owner_organisation_id, t.case_id)
  INSERT INTO notification (id, organisation_id, kind, referral_id, case_id, created_at)
  SELECT gen_random_uuid(), due.owner_organisation_id, 'task_overdue', NULL, due.case_id, now() FROM due;
  GET DIAGNOSTICS n_notified = ROW_COUNT;

  PERFORM set_config('panoh.definer_scope', '', true);
  RETURN QUERY SELECT n_created, n_closed, n_notified;
END $$;
