-- What one view of a case needs, as one json value (migration 1795832300000-CaseReadPath): now only
-- the events that stand. A removed event stays in its table and its history, for the owner's manager
-- and the audit, but no view of the case, and so nothing computed from one, sees it.
CREATE OR REPLACE FUNCTION panoh_case_content(case_id uuid, view text)
RETURNS json LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  result json;
BEGIN
  IF view IS NULL OR view NOT IN ('full', 'referral', 'investigation') THEN
    RETURN NULL;
  END IF;
  SELECT json_build_object(
    'view', view,
    -- Every column but the cell-key method's record key (added by the statistics), which only the
    -- statistics functions read; removing a key that is not there yet changes nothing.
    'case', to_jsonb(c) - 'statistics_key',
    'caseKey', to_json(ck),
    'person', to_json(p),
    'personKey', to_json(pk),
    'consents', CASE WHEN view = 'full' THEN (
      SELECT coalesce(json_agg(k ORDER BY k.given_at, k.id), '[]') FROM consent k WHERE k.case_id = c.id)
      ELSE '[]' END,
    'screenings', CASE WHEN view = 'full' THEN (
      SELECT coalesce(json_agg(s ORDER BY s.screened_at, s.id), '[]') FROM screening s WHERE s.case_id = c.id)
      ELSE '[]' END,
    'events', (
      SELECT coalesce(json_agg(e ORDER BY e.occurred_on NULLS LAST, e.created_at, e.id), '[]')
      FROM trafficking_event e WHERE e.case_id = c.id AND e.removed_at IS NULL))
  INTO result
  FROM victim_case c
  LEFT JOIN data_key ck ON ck.id = c.data_key_id
  LEFT JOIN person p ON p.id = c.person_id
  LEFT JOIN data_key pk ON pk.id = p.data_key_id
  WHERE c.id = panoh_case_content.case_id;
  RETURN result;
END $$;
