import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Victim cases, their consents and shares, the per-year reference counter, and row-level security on
 * every table that holds victim data. docs/architecture.md ("Row-level security") explains the design.
 *
 * The policies read the caller that the request's transaction set with set_config(..., true); a missing
 * or empty setting gives NULL, which matches no row. The service's role owns no table and has no
 * BYPASSRLS; FORCE makes the owner subject to the policies as well.
 */
export class CaseRecords1795832000000 implements MigrationInterface {
  name = 'CaseRecords1795832000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION panoh_caller_organisation() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('panoh.organisation_id', true), '')::uuid $$`);
    await queryRunner.query(`
      CREATE FUNCTION panoh_caller_role() RETURNS text LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('panoh.role', true), '') $$`);

    // The last reference number given in each year; no personal data.
    await queryRunner.query(`
      CREATE TABLE case_reference_counter (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
        last_number integer NOT NULL CHECK (last_number BETWEEN 1 AND 99999)
      )`);

    await queryRunner.query(`
      CREATE TABLE victim_case (
        id uuid PRIMARY KEY,
        reference text NOT NULL UNIQUE CHECK (reference ~ '^TJ-[0-9]{4}-[0-9]{5}$'),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        person_id uuid NOT NULL REFERENCES person (id),
        data_key_id uuid UNIQUE REFERENCES data_key (id),
        created_by uuid NOT NULL REFERENCES app_user (id),
        stage text NOT NULL CHECK (stage IN ('identified','referred','reflection','status_decided','assistance',
          'reintegration','follow_up','closed')),
        trafficking_status text NOT NULL CHECK (trafficking_status IN ('PossibleVictimOfTrafficking',
          'ActualVictimOfTrafficking','NotAVictimOfTrafficking')),
        status_decided_by text CHECK (status_decided_by IN ('Police','NGO','CourtOrProsecution',
          'NonPoliceGovernmentalOrganization','Other')),
        status_deciding_organisation_id uuid REFERENCES organisation (id),
        registered_on date NOT NULL,
        gender text,
        age_band text,
        citizenship text CHECK (citizenship ~ '^[A-Z]{3}$'),
        region_of_origin text CHECK (region_of_origin ~ '^TJ-[A-Z]{2}$'),
        country_of_exploitation text CHECK (country_of_exploitation ~ '^[A-Z]{3}$'),
        exploitation_types text[] NOT NULL DEFAULT '{}',
        means_of_control text[] NOT NULL DEFAULT '{}',
        labour_sector text,
        narrative bytea,
        shelter_location bytea,
        health_notes bytea,
        psychosocial_notes bytea,
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT victim_case_status_decided CHECK (
          (status_decided_by IS NULL) = (trafficking_status = 'PossibleVictimOfTrafficking'))
      )`);
    await queryRunner.query(
      `CREATE INDEX victim_case_organisation_idx ON victim_case (organisation_id, registered_on DESC, id)`,
    );
    await queryRunner.query(`CREATE INDEX victim_case_person_idx ON victim_case (person_id)`);

    // A purpose for which the person agreed (or no longer agrees) that their data be used.
    await queryRunner.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        purpose text NOT NULL CHECK (purpose IN ('assistance','referral','law_enforcement_disclosure','statistics')),
        recipient_organisation_id uuid REFERENCES organisation (id),
        given_at timestamptz NOT NULL,
        given_by uuid NOT NULL REFERENCES app_user (id),
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES app_user (id),
        CONSTRAINT consent_recipient CHECK ((purpose = 'referral') = (recipient_organisation_id IS NOT NULL)),
        CONSTRAINT consent_withdrawal CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX consent_case_idx ON consent (case_id)`);

    // What another organisation may see of a case. Referrals create them; the owner organisation is
    // copied here so that the policies need not read victim_case (which reads this table).
    await queryRunner.query(`
      CREATE TABLE case_share (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        purpose text NOT NULL CHECK (purpose IN ('assistance','referral','law_enforcement')),
        view text NOT NULL CHECK (view IN ('referral','investigation')),
        consent_id uuid REFERENCES consent (id),
        accepted_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_share_investigation CHECK ((purpose = 'law_enforcement') = (view = 'investigation')),
        CONSTRAINT case_share_law_enforcement_consent CHECK (purpose <> 'law_enforcement' OR consent_id IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX case_share_organisation_idx ON case_share (organisation_id, case_id)`);
    await queryRunner.query(`CREATE INDEX case_share_case_idx ON case_share (case_id)`);

    await this.enableRowLevelSecurity(queryRunner);
    await this.duplicateCandidatesFunction(queryRunner);

    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON case_reference_counter TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON victim_case TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON consent TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON case_share TO panoh_service`);
  }

  private async enableRowLevelSecurity(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['person', 'person_blind_index', 'victim_case', 'consent', 'case_share']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }

    // Whether case `case_id` has a live share with the caller's organisation: accepted, not revoked, and
    // for law enforcement a consent to disclosure not withdrawn. Mirrors CaseAccess; this is the
    // database's own check. PL/pgSQL so that it is not inlined: each policy stays a small plan (inlined,
    // the nested policies made planning cost milliseconds) and the function's plan is cached. It runs as
    // the caller, under the policies of the tables it reads.
    await queryRunner.query(`
      CREATE FUNCTION panoh_case_shared_with_caller(case_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM case_share s
          WHERE s.case_id = panoh_case_shared_with_caller.case_id
            AND s.organisation_id = panoh_caller_organisation()
            AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
            AND (s.purpose <> 'law_enforcement' OR EXISTS (
              SELECT 1 FROM consent k
              WHERE k.id = s.consent_id AND k.purpose = 'law_enforcement_disclosure' AND k.withdrawn_at IS NULL)));
      END $$`);
    // Whether person `person_id` has a case shared with the caller's organisation.
    await queryRunner.query(`
      CREATE FUNCTION panoh_person_shared_with_caller(person_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM victim_case c
          WHERE c.person_id = panoh_person_shared_with_caller.person_id AND panoh_case_shared_with_caller(c.id));
      END $$`);

    // case_share: the owner organisation and the receiving organisation see it; the owner writes it.
    await queryRunner.query(`
      CREATE POLICY case_share_read ON case_share FOR SELECT TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation() OR organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`
      CREATE POLICY case_share_write ON case_share FOR INSERT TO panoh_service
      WITH CHECK (owner_organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`
      CREATE POLICY case_share_update ON case_share FOR UPDATE TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation() OR organisation_id = panoh_caller_organisation())
      WITH CHECK (owner_organisation_id = panoh_caller_organisation() OR organisation_id = panoh_caller_organisation())`);

    // consent: the owner organisation, and the organisation of a share that relies on it.
    await queryRunner.query(`
      CREATE POLICY consent_read ON consent FOR SELECT TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation() OR EXISTS (
        SELECT 1 FROM case_share s WHERE s.consent_id = consent.id AND s.organisation_id = panoh_caller_organisation()))`);
    await queryRunner.query(`
      CREATE POLICY consent_insert ON consent FOR INSERT TO panoh_service
      WITH CHECK (owner_organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`
      CREATE POLICY consent_update ON consent FOR UPDATE TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation())
      WITH CHECK (owner_organisation_id = panoh_caller_organisation())`);

    // victim_case: read by its organisation and by a live share; written by its organisation only.
    await queryRunner.query(`
      CREATE POLICY victim_case_read ON victim_case FOR SELECT TO panoh_service
      USING (organisation_id = panoh_caller_organisation() OR panoh_case_shared_with_caller(id))`);
    await queryRunner.query(`
      CREATE POLICY victim_case_insert ON victim_case FOR INSERT TO panoh_service
      WITH CHECK (organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`
      CREATE POLICY victim_case_update ON victim_case FOR UPDATE TO panoh_service
      USING (organisation_id = panoh_caller_organisation())
      WITH CHECK (organisation_id = panoh_caller_organisation())`);

    // person: read by its organisation and by organisations with a live share of one of its cases.
    await queryRunner.query(`
      CREATE POLICY person_read ON person FOR SELECT TO panoh_service
      USING (organisation_id = panoh_caller_organisation() OR panoh_person_shared_with_caller(id))`);
    await queryRunner.query(`
      CREATE POLICY person_insert ON person FOR INSERT TO panoh_service
      WITH CHECK (organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`
      CREATE POLICY person_update ON person FOR UPDATE TO panoh_service
      USING (organisation_id = panoh_caller_organisation())
      WITH CHECK (organisation_id = panoh_caller_organisation())`);

    // person_blind_index: only the person's own organisation; other organisations' values are
    // compared only inside person_duplicate_candidates below.
    await queryRunner.query(`
      CREATE POLICY person_blind_index_own ON person_blind_index FOR ALL TO panoh_service
      USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_id AND p.organisation_id = panoh_caller_organisation()))
      WITH CHECK (EXISTS (
        SELECT 1 FROM person p WHERE p.id = person_id AND p.organisation_id = panoh_caller_organisation()))`);
  }

  /**
   * The one path by which the service reads persons of other organisations: the duplicate check. It
   * runs as the owner (SECURITY DEFINER) and sets `panoh.definer_scope` around its one query, which the
   * owner's read policies require (the service's role gains nothing by setting it: those policies name
   * the owner only); it returns persons, not erased, holding one of the given
   * blind-index values, with only the columns a comparison needs, and only to a caller whose
   * organisation and role are set.
   */
  private async duplicateCandidatesFunction(queryRunner: QueryRunner): Promise<void> {
    const scoped = `current_setting('panoh.definer_scope', true) = 'duplicate_check'`;
    await queryRunner.query(
      `CREATE POLICY person_duplicate_check ON person FOR SELECT TO CURRENT_USER USING (${scoped})`,
    );
    await queryRunner.query(
      `CREATE POLICY person_blind_index_duplicate_check ON person_blind_index FOR SELECT TO CURRENT_USER USING (${scoped})`,
    );
    await queryRunner.query(`
      CREATE FUNCTION person_duplicate_candidates(index_names text[], index_values bytea[], max_rows integer)
      RETURNS TABLE (id uuid, organisation_id uuid, family_name bytea, given_name bytea, date_of_birth bytea,
        identity_documents bytea, data_key_id uuid, data_key_version integer, kek_version integer, wrapped_key bytea)
      LANGUAGE plpgsql STABLE SECURITY DEFINER
      SET search_path = public, pg_temp
      AS $$
      BEGIN
        IF panoh_caller_organisation() IS NULL OR panoh_caller_role() NOT IN ('caseworker', 'org_manager') THEN
          RETURN;
        END IF;
        IF cardinality(index_names) <> cardinality(index_values) OR max_rows NOT BETWEEN 1 AND 1000 THEN
          RAISE EXCEPTION 'person_duplicate_candidates: bad arguments';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'duplicate_check', true);
        RETURN QUERY
          SELECT p.id, p.organisation_id, p.family_name, p.given_name, p.date_of_birth, p.identity_documents,
                 k.id, k.version, k.kek_version, k.wrapped_key
          FROM person p JOIN data_key k ON k.id = p.data_key_id
          WHERE p.erased_at IS NULL AND p.id IN (
            SELECT b.person_id FROM person_blind_index b
            JOIN unnest(index_names, index_values) AS q(name, value) ON b.index_name = q.name AND b.value = q.value)
          ORDER BY p.id
          LIMIT max_rows;
        PERFORM set_config('panoh.definer_scope', '', true);
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION person_duplicate_candidates(text[], bytea[], integer) FROM PUBLIC`);
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION person_duplicate_candidates(text[], bytea[], integer) TO panoh_service`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION person_duplicate_candidates(text[], bytea[], integer)`);
    for (const [policy, table] of [
      ['person_read', 'person'],
      ['person_insert', 'person'],
      ['person_update', 'person'],
      ['person_duplicate_check', 'person'],
      ['person_blind_index_own', 'person_blind_index'],
      ['person_blind_index_duplicate_check', 'person_blind_index'],
    ]) {
      await queryRunner.query(`DROP POLICY ${policy} ON ${table}`);
    }
    for (const table of ['person', 'person_blind_index']) {
      await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`DROP POLICY victim_case_read ON victim_case`);
    await queryRunner.query(`DROP FUNCTION panoh_person_shared_with_caller(uuid)`);
    await queryRunner.query(`DROP FUNCTION panoh_case_shared_with_caller(uuid)`);
    await queryRunner.query(`DROP TABLE case_share`);
    await queryRunner.query(`DROP TABLE consent`);
    await queryRunner.query(`DROP TABLE victim_case`);
    await queryRunner.query(`DROP TABLE case_reference_counter`);
    await queryRunner.query(`DROP FUNCTION panoh_caller_role()`);
    await queryRunner.query(`DROP FUNCTION panoh_caller_organisation()`);
  }
}
