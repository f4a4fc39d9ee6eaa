/**
 * What a search result needs of each visible case `page.id` in its view `page.view`: the codes, the
 * person's names and the person's data key, and of the phone and documents (ciphertext) only what
 * that view shows, so a field the view withholds is not even read. The columns keep their names so
 * the rows read back as entities (CaseRepository.summaryFromContent).
 */
export const CASE_SEARCH_CONTENT = `(
  SELECT json_build_object(
    'case', json_build_object('id', c.id, 'reference', c.reference, 'organisation_id', c.organisation_id,
      'person_id', c.person_id, 'stage', c.stage, 'trafficking_status', c.trafficking_status,
      'stage_changed_at', c.stage_changed_at, 'registered_on', c.registered_on),
    'person', CASE WHEN p.id IS NOT NULL THEN json_build_object('id', p.id, 'data_key_id', p.data_key_id,
      'family_name', p.family_name, 'given_name', p.given_name, 'patronymic', p.patronymic,
      'phone', CASE WHEN page.view IN ('full', 'referral') THEN p.phone END,
      'identity_documents', CASE WHEN page.view IN ('full', 'investigation') THEN p.identity_documents END,
      'erased_at', p.erased_at) END,
    'personKey', to_json(pk))
  FROM victim_case c
  LEFT JOIN person p ON p.id = c.person_id
  LEFT JOIN data_key pk ON pk.id = p.data_key_id
  WHERE c.id = page.id)`;

/**
 * The candidate cases of a search, as CaseAccess.listRanked takes them ($1 the caller's
 * organisation; $3 the tokens, $4 the case references searched): the persons holding any of the
 * tokens or a case with a searched reference, ranked by how many tokens they hold (one more for a
 * reference), best first, and their cases, joined one person at a time in that order so that only the
 * persons the page needs are joined at all.
 * The index is read first in the caller's organisation's part (the primary key leads with the
 * organisation, so nothing else is read), then for the persons of cases shared with it and of cases
 * transferred to it (whose person may stay registered with the sending organisation while it holds
 * another case of theirs; the read policy lets the owner of a case of the person read the person's
 * rows). A hit is a candidate only: values are truncated, so the service confirms each against the decrypted record.
 */
export const SEARCH_CANDIDATES = `
  WITH hits AS (
    SELECT person_id, count(*)::int AS hits FROM (
      SELECT t.person_id, t.token FROM person_search_token t
      WHERE t.organisation_id = $1 AND t.token = ANY($3::bytea[])
      UNION
      SELECT t.person_id, t.token FROM person_search_token t
      WHERE t.person_id IN (
          SELECT c.person_id FROM case_share s JOIN victim_case c ON c.id = s.case_id
          WHERE s.organisation_id = $1 AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
          UNION
          SELECT c.person_id FROM referral r JOIN victim_case c ON c.id = r.case_id
          WHERE r.to_organisation_id = $1 AND r.status = 'accepted' AND r.purpose = 'transfer'
            AND c.organisation_id = $1)
        AND t.token = ANY($3::bytea[])) found
    GROUP BY person_id
  ), persons AS (
    SELECT person_id, sum(n)::int AS rank FROM (
      SELECT person_id, hits AS n FROM hits
      UNION ALL
      SELECT c.person_id, 1 FROM victim_case c WHERE c.reference = ANY($4::text[])) scored
    GROUP BY person_id
  )
  SELECT c.id, c.organisation_id, p.rank
  FROM (SELECT person_id, rank FROM persons ORDER BY rank DESC, person_id OFFSET 0) p
  CROSS JOIN LATERAL (
    SELECT v.id, v.organisation_id FROM victim_case v WHERE v.person_id = p.person_id ORDER BY v.id) c`;
