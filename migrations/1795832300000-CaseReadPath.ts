import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case read path in one statement. docs/architecture.md ("Reading a case") explains the design.
 *
 * - panoh_case_view: the rule of who sees which case in which view (CaseAccess calls it; it is the
 *   rule's only definition).
 * - panoh_case_content: what one view of a case needs, as one json value: the case, its person, both
 *   data keys (wrapped), and its consents, screenings (full view only) and events.
 * - panoh_case_read: the view decision and the content together, for GET /cases/:id.
 *
 * All three are PL/pgSQL, SECURITY INVOKER: they run as the caller, under the row-level-security
 * policies of every table they read, and their plans are cached per connection. A case the policies
 * hide is simply not found, whatever the arguments say.
 */
export class CaseReadPath1795832300000 implements MigrationInterface {
  name = 'CaseReadPath1795832300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // NULL: no view, the case is not there for this caller.
    await queryRunner.query(`
      CREATE FUNCTION panoh_case_view(case_id uuid, case_organisation_id uuid, caller_organisation uuid, caller_role text)
      RETURNS text LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      DECLARE
        views text[];
      BEGIN
        IF caller_organisation IS NULL OR caller_role IS NULL OR case_organisation_id IS NULL THEN
          RETURN NULL;
        END IF;
        IF case_organisation_id = caller_organisation THEN
          -- The owning organisation: its caseworkers and managers see everything, nobody else there does.
          RETURN CASE WHEN caller_role IN ('caseworker', 'org_manager') THEN 'full' END;
        END IF;
        -- Another organisation: the views of its live shares (accepted, not revoked, and for law
        -- enforcement only while the person's consent to disclosure is not withdrawn).
        SELECT array_agg(s.view) INTO views FROM case_share s
        WHERE s.case_id = panoh_case_view.case_id AND s.organisation_id = caller_organisation
          AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
          AND (s.purpose <> 'law_enforcement' OR EXISTS (
            SELECT 1 FROM consent k
            WHERE k.id = s.consent_id AND k.case_id = panoh_case_view.case_id
              AND k.purpose = 'law_enforcement_disclosure' AND k.withdrawn_at IS NULL));
        RETURN CASE
          WHEN caller_role IN ('caseworker', 'org_manager') AND 'referral' = ANY (views) THEN 'referral'
          WHEN caller_role IN ('caseworker', 'org_manager', 'investigator') AND 'investigation' = ANY (views)
            THEN 'investigation'
        END;
      END $$`);

    // NULL when the policies hide the case or the view is not one of the three.
    await queryRunner.query(`
      CREATE FUNCTION panoh_case_content(case_id uuid, view text)
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
            FROM trafficking_event e WHERE e.case_id = c.id))
        INTO result
        FROM victim_case c
        LEFT JOIN data_key ck ON ck.id = c.data_key_id
        LEFT JOIN person p ON p.id = c.person_id
        LEFT JOIN data_key pk ON pk.id = p.data_key_id
        WHERE c.id = panoh_case_content.case_id;
        RETURN result;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION panoh_case_read(case_id uuid, caller_organisation uuid, caller_role text)
      RETURNS json LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      DECLARE
        owning uuid;
      BEGIN
        SELECT c.organisation_id INTO owning FROM victim_case c WHERE c.id = panoh_case_read.case_id;
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        RETURN panoh_case_content(case_id, panoh_case_view(case_id, owning, caller_organisation, caller_role));
      END $$`);

    for (const signature of [
      'panoh_case_view(uuid, uuid, uuid, text)',
      'panoh_case_content(uuid, text)',
      'panoh_case_read(uuid, uuid, text)',
    ]) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${signature} TO panoh_service`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION panoh_case_read(uuid, uuid, text)`);
    await queryRunner.query(`DROP FUNCTION panoh_case_content(uuid, text)`);
    await queryRunner.query(`DROP FUNCTION panoh_case_view(uuid, uuid, uuid, text)`);
  }
}
