import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics for the Commission (docs/statistics.md).
 *
 * - victim_case.statistics_key: a fixed random record key per case (not derived from anything about
 *   the person), summed per cell by the cell-key method so that the same set of cases always gets the
 *   same perturbation.
 * - Two SECURITY DEFINER functions are the Commission's only way to case data: grouped counts, and the
 *   codes a CTDC export needs. Both run as the owner under a policy that only their own scope setting
 *   opens, refuse any caller whose role is not `commission`, and never return an id.
 * - The privacy budget and the stored noisy answers of the differential-privacy mode.
 */
export class Statistics1795834000000 implements MigrationInterface {
  name = 'Statistics1795834000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // 31 random bits from gen_random_uuid (a strong random source), never shown to anyone.
    await queryRunner.query(`
      ALTER TABLE victim_case ADD COLUMN statistics_key integer NOT NULL
        DEFAULT (('x' || substr(md5(gen_random_uuid()::text), 1, 8))::bit(32)::integer & 2147483647)
        CHECK (statistics_key >= 0)`);

    // A case counts once under each of its exploitation types: the API refuses duplicates, and so does
    // the database, for data that reaches it another way.
    await queryRunner.query(`
      CREATE FUNCTION panoh_codes_distinct(codes text[]) RETURNS boolean
      LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS
      $$ SELECT count(DISTINCT v) = count(*) FROM unnest(codes) AS u(v) $$`);
    await queryRunner.query(`
      ALTER TABLE victim_case ADD CONSTRAINT victim_case_exploitation_types_distinct
        CHECK (panoh_codes_distinct(exploitation_types))`);

    const scoped = `current_setting('panoh.definer_scope', true) = 'statistics'`;
    for (const table of ['victim_case', 'referral', 'consent', 'person']) {
      await queryRunner.query(
        `CREATE POLICY ${table}_statistics ON ${table} FOR SELECT TO CURRENT_USER USING (${scoped})`,
      );
    }
    await this.caseCountsFunction(queryRunner);
    await this.timelinessFunction(queryRunner);
    await this.ctdcRecordsFunction(queryRunner);

    await queryRunner.query(`
      CREATE TABLE statistics_privacy_budget (
        period text PRIMARY KEY CHECK (period = 'lifetime'),
        epsilon_spent numeric NOT NULL CHECK (epsilon_spent >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The noisy answer given to a question in a period: asking again returns it and spends nothing.
    await queryRunner.query(`
      CREATE TABLE statistics_answer (
        question text PRIMARY KEY CHECK (question ~ '^[0-9a-f]{64}$'),
        period text NOT NULL,
        epsilon numeric NOT NULL CHECK (epsilon > 0),
        answer jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Suppression mode: the distinct questions each commission user asked each day (a digest of the
    // canonical question, no answer), to cap how many different questions a day can bring.
    await queryRunner.query(`
      CREATE TABLE statistics_question (
        user_id uuid NOT NULL,
        day date NOT NULL,
        question text NOT NULL CHECK (question ~ '^[0-9a-f]{64}$'),
        PRIMARY KEY (user_id, day, question)
      )`);
    for (const table of ['statistics_privacy_budget', 'statistics_answer', 'statistics_question']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`
        CREATE POLICY ${table}_commission ON ${table} FOR ALL TO panoh_service
        USING (panoh_caller_role() = 'commission') WITH CHECK (panoh_caller_role() = 'commission')`);
    }
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON statistics_privacy_budget TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT ON statistics_answer TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT ON statistics_question TO panoh_service`);
  }

  /**
   * Counts of cases grouped by up to three named dimensions, with every margin ('*' in a key), and per
   * entry the sum of its cases' statistics keys. Dimension names map to fixed expressions here; filter
   * values travel as a parameter. A case is counted once per exploitation type it has, and once (not
   * per type) in the margins over that dimension.
   */
  private async caseCountsFunction(queryRunner: QueryRunner): Promise<void> {
    // The SQL expression of each dimension over victim_case c; NULL for an unknown name.
    await queryRunner.query(`
      CREATE FUNCTION panoh_statistics_expression(dimension text) RETURNS text
      LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
        SELECT CASE dimension
          WHEN 'year' THEN 'to_char(c.registered_on, ''YYYY'')'
          WHEN 'quarter' THEN 'to_char(c.registered_on, ''YYYY-"Q"Q'')'
          WHEN 'region' THEN 'coalesce(c.region_of_origin, ''Unknown'')'
          WHEN 'gender' THEN 'coalesce(c.gender, ''Unknown'')'
          WHEN 'ageBand' THEN 'coalesce(c.age_band, ''Unknown'')'
          WHEN 'countryOfExploitation' THEN 'coalesce(c.country_of_exploitation, ''Unknown'')'
          WHEN 'stage' THEN 'c.stage'
          WHEN 'traffickingStatus' THEN 'c.trafficking_status'
          WHEN 'exploitationType' THEN 'x.t'
          WHEN 'referralOutcome' THEN 'coalesce((SELECT CASE WHEN bool_or(r.status = ''accepted'') THEN ''accepted'''
            || ' WHEN bool_or(r.status = ''pending'') THEN ''pending'' WHEN bool_or(r.status = ''declined'') THEN ''declined'''
            || ' ELSE ''withdrawn'' END FROM referral r WHERE r.case_id = c.id), ''none'')'
        END $$`);
    // The WHERE clause of a question's filters over victim_case c, reading the values from $1.
    await queryRunner.query(`
      CREATE FUNCTION panoh_statistics_case_filter(filters jsonb) RETURNS text
      LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
      DECLARE
        dim text;
        clause text := 'TRUE';
      BEGIN
        IF jsonb_typeof(filters) IS DISTINCT FROM 'object' THEN
          RAISE EXCEPTION 'panoh_statistics: bad filter';
        END IF;
        FOR dim IN SELECT jsonb_object_keys(filters) LOOP
          IF panoh_statistics_expression(dim) IS NULL OR jsonb_typeof(filters -> dim) <> 'array' THEN
            RAISE EXCEPTION 'panoh_statistics: unknown dimension';
          END IF;
          IF dim = 'exploitationType' THEN
            clause := clause || format(' AND (CASE WHEN cardinality(c.exploitation_types) = 0 THEN ''{Unknown}''::text[]'
              || ' ELSE c.exploitation_types END) && ARRAY(SELECT jsonb_array_elements_text($1 -> %L))', dim);
          ELSE
            clause := clause || format(' AND %s = ANY (ARRAY(SELECT jsonb_array_elements_text($1 -> %L)))',
              panoh_statistics_expression(dim), dim);
          END IF;
        END LOOP;
        RETURN clause;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_statistics_case_filter(jsonb) FROM PUBLIC`);
    await queryRunner.query(`
      CREATE FUNCTION panoh_statistics_case_counts(dimensions text[], filters jsonb)
      RETURNS TABLE (key text[], n bigint, key_sum bigint)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER
      SET search_path = public, pg_temp
      -- The definer's policy makes the planner expect a few thousand rows, so it sorts the million it
      -- gets; the groups are a few hundred at most, so hashing is right. JIT costs more than it saves.
      SET enable_sort = off
      SET work_mem = '64MB'
      SET jit = off
      AS $$
      DECLARE
        types_of_case constant text :=
          '(CASE WHEN cardinality(c.exploitation_types) = 0 THEN ''{Unknown}''::text[] ELSE c.exploitation_types END)';
        dim text;
        expr text;
        single_cols text[] := '{}';
        single_keys text[] := '{}';
        multi_keys text[] := '{}';
        has_type boolean := false;
        with_type boolean;
        type_column text;
        single_sets text[] := '{}';
        multi_sets text[] := '{}';
        case_where text;
        type_where text := 'TRUE';
        members text[];
        subset integer;
        i integer;
        sql text;
      BEGIN
        IF panoh_caller_role() IS DISTINCT FROM 'commission' THEN
          RAISE EXCEPTION 'panoh_statistics_case_counts: not allowed' USING ERRCODE = '42501';
        END IF;
        IF cardinality(dimensions) NOT BETWEEN 1 AND 3 OR jsonb_typeof(filters) IS DISTINCT FROM 'object' THEN
          RAISE EXCEPTION 'panoh_statistics_case_counts: bad arguments';
        END IF;
        FOREACH dim IN ARRAY dimensions LOOP
          IF panoh_statistics_expression(dim) IS NULL THEN
            RAISE EXCEPTION 'panoh_statistics_case_counts: unknown dimension';
          END IF;
        END LOOP;
        -- Filter values are never spliced into the text: the query reads them from its parameter $1.
        case_where := panoh_statistics_case_filter(filters);
        IF filters ? 'exploitationType' THEN
          type_where := 'x.t = ANY (ARRAY(SELECT jsonb_array_elements_text($1 -> ''exploitationType'')))';
        END IF;
        -- An empty population still yields the grand total's row (GROUPING SETS with ()): its sums are
        -- NULL, and must read as 0 so that "nobody" answers exactly like "fewer than k".
        -- One pass over the cases groups them by every dimension asked, and by their list of
        -- exploitation types when that is asked (a few hundred groups at most). The cells and every
        -- margin are then sums over those groups: sets without the type count a case once; sets with
        -- it unnest each group's types, counting a case once per type.
        FOR i IN 1 .. cardinality(dimensions) LOOP
          expr := panoh_statistics_expression(dimensions[i]);
          multi_keys := multi_keys || format('CASE WHEN grouping(b.g%s) = 1 THEN ''*'' ELSE b.g%s END', i, i);
          IF expr = 'x.t' THEN
            has_type := true;
            type_column := format('g%s', i);
            single_keys := single_keys || '''*'''::text;
          ELSE
            single_cols := single_cols || format('%s AS g%s', expr, i);
            single_keys := single_keys || format('CASE WHEN grouping(b.g%s) = 1 THEN ''*'' ELSE b.g%s END', i, i);
          END IF;
        END LOOP;
        IF has_type THEN
          single_cols := single_cols || (types_of_case || ' AS types');
        END IF;
        -- Every subset of the dimensions is a grouping set: the cells and all their margins.
        FOR subset IN 0 .. (1 << cardinality(dimensions)) - 1 LOOP
          members := '{}';
          with_type := false;
          FOR i IN 1 .. cardinality(dimensions) LOOP
            IF subset & (1 << (i - 1)) <> 0 THEN
              members := members || format('b.g%s', i);
              with_type := with_type OR dimensions[i] = 'exploitationType';
            END IF;
          END LOOP;
          IF with_type THEN
            multi_sets := multi_sets || ('(' || array_to_string(members, ', ') || ')');
          ELSE
            single_sets := single_sets || ('(' || array_to_string(members, ', ') || ')');
          END IF;
        END LOOP;
        sql := format('WITH groups AS MATERIALIZED ('
          || 'SELECT %s count(*) AS n, sum(c.statistics_key) AS s FROM victim_case c WHERE %s %s) '
          || 'SELECT ARRAY[%s]::text[], coalesce(sum(b.n), 0)::bigint, coalesce(sum(b.s), 0)::bigint FROM groups b GROUP BY GROUPING SETS (%s)',
          CASE WHEN cardinality(single_cols) > 0 THEN array_to_string(single_cols, ', ') || ',' ELSE '' END,
          case_where,
          CASE WHEN cardinality(single_cols) > 0 THEN
            'GROUP BY ' || array_to_string(ARRAY(SELECT generate_series(1, cardinality(single_cols))::text), ', ')
          ELSE '' END,
          array_to_string(single_keys, ', '),
          array_to_string(single_sets, ', '));
        IF has_type THEN
          sql := sql || format(' UNION ALL SELECT ARRAY[%s]::text[], coalesce(sum(b.n), 0)::bigint, coalesce(sum(b.s), 0)::bigint'
            || ' FROM (SELECT groups.*, x.t AS %s FROM groups CROSS JOIN LATERAL unnest(groups.types) AS x(t)'
            || ' WHERE %s) b GROUP BY GROUPING SETS (%s)',
            array_to_string(multi_keys, ', '), type_column, type_where, array_to_string(multi_sets, ', '));
        END IF;
        PERFORM set_config('panoh.definer_scope', 'statistics', true);
        RETURN QUERY EXECUTE sql USING filters;
        PERFORM set_config('panoh.definer_scope', '', true);
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_statistics_expression(text) FROM PUBLIC`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_statistics_case_counts(text[], jsonb) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_statistics_case_counts(text[], jsonb) TO panoh_service`);
  }

  /**
   * NRM timeliness, by at most one dimension (and in total): days from identification (registered_on)
   * to the first accepted referral, per case; days from sending a case's first decided referral to its
   * decision, per case; referrals
   * pending past their due time. Each measure with the number of referrals or cases behind it, the
   * number of distinct cases, and the sum of their record keys; no id.
   */
  private async timelinessFunction(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION panoh_statistics_timeliness(dimension text, filters jsonb)
      RETURNS TABLE (measure text, key text, n bigint, cases bigint, key_sum bigint, median numeric)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER
      SET search_path = public, pg_temp
      AS $$
      DECLARE
        g text := '''*''';
        sets text;
        sql text;
      BEGIN
        IF panoh_caller_role() IS DISTINCT FROM 'commission' THEN
          RAISE EXCEPTION 'panoh_statistics_timeliness: not allowed' USING ERRCODE = '42501';
        END IF;
        IF dimension IS NOT NULL THEN
          IF panoh_statistics_expression(dimension) IS NULL OR dimension = 'exploitationType' THEN
            RAISE EXCEPTION 'panoh_statistics_timeliness: unknown dimension';
          END IF;
          g := panoh_statistics_expression(dimension);
          sets := '(g), ()';
        ELSE
          sets := '(g)';
        END IF;
        sql := format($q$
          WITH cs AS MATERIALIZED (SELECT c.id, c.registered_on, c.statistics_key, %s AS g FROM victim_case c WHERE %s),
          first_acceptance AS (
            SELECT cs.id, cs.g, cs.statistics_key, min(r.decided_at)::date - cs.registered_on AS days
            FROM cs JOIN referral r ON r.case_id = cs.id AND r.status = 'accepted'
            GROUP BY cs.id, cs.g, cs.statistics_key, cs.registered_on),
          -- One figure per case, its first decided referral: a case referred many times must not
          -- weigh more than another.
          response AS (
            SELECT DISTINCT ON (cs.id) cs.id, cs.g, cs.statistics_key,
                   extract(epoch FROM r.decided_at - r.created_at) / 86400 AS days
            FROM cs JOIN referral r ON r.case_id = cs.id AND r.decided_at IS NOT NULL
            ORDER BY cs.id, r.created_at, r.id),
          overdue AS (
            SELECT cs.id, cs.g, cs.statistics_key, NULL::numeric AS days
            FROM cs JOIN referral r ON r.case_id = cs.id AND r.status = 'pending' AND r.due_at < now()),
          measured AS (
            SELECT 'identificationToAcceptance' AS measure, id, g, statistics_key, days::numeric FROM first_acceptance
            UNION ALL SELECT 'referralResponse', id, g, statistics_key, days::numeric FROM response
            UNION ALL SELECT 'overdueReferrals', id, g, statistics_key, days FROM overdue)
          SELECT measure, CASE WHEN grouping(g) = 1 THEN '*' ELSE g END, count(*), count(DISTINCT id),
                 sum(statistics_key)::bigint, percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::numeric
          FROM measured GROUP BY measure, GROUPING SETS (%s)$q$,
          g, panoh_statistics_case_filter(filters), sets);
        PERFORM set_config('panoh.definer_scope', 'statistics', true);
        RETURN QUERY EXECUTE sql USING filters;
        PERFORM set_config('panoh.definer_scope', '', true);
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_statistics_timeliness(text, jsonb) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_statistics_timeliness(text, jsonb) TO panoh_service`);
  }

  /**
   * The codes of each case that a CTDC-layout export needs, in an order that says nothing about when or
   * by whom a case was recorded. No id, no date finer than a year. Only victims and possible victims
   * whose person consented to the statistical use of their data and has not withdrawn, and has not been
   * erased: the export is record-level, meant to leave the service (counts are anonymous outputs and
   * cover every case).
   */
  private async ctdcRecordsFunction(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION panoh_statistics_ctdc_records()
      RETURNS TABLE (year integer, gender text, age_band text, citizenship text, country_of_exploitation text,
        exploitation_types text[], means_of_control text[], labour_sector text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER
      SET search_path = public, pg_temp
      AS $$
      BEGIN
        IF panoh_caller_role() IS DISTINCT FROM 'commission' THEN
          RAISE EXCEPTION 'panoh_statistics_ctdc_records: not allowed' USING ERRCODE = '42501';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'statistics', true);
        RETURN QUERY
          SELECT extract(year FROM c.registered_on)::integer, c.gender, c.age_band, c.citizenship,
                 c.country_of_exploitation, c.exploitation_types, c.means_of_control, c.labour_sector
          FROM victim_case c
          WHERE c.trafficking_status <> 'NotAVictimOfTrafficking'
            AND EXISTS (SELECT 1 FROM consent k
                        WHERE k.case_id = c.id AND k.purpose = 'statistics' AND k.withdrawn_at IS NULL)
            -- A person who asked to be forgotten leaves the record-level export (counts keep the case).
            AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.person_id AND p.erased_at IS NOT NULL)
          ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
        PERFORM set_config('panoh.definer_scope', '', true);
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_statistics_ctdc_records() FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_statistics_ctdc_records() TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE statistics_question`);
    await queryRunner.query(`DROP TABLE statistics_answer`);
    await queryRunner.query(`DROP TABLE statistics_privacy_budget`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_ctdc_records()`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_timeliness(text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_case_filter(jsonb)`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_case_counts(text[], jsonb)`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_expression(text)`);
    await queryRunner.query(`DROP POLICY victim_case_statistics ON victim_case`);
    await queryRunner.query(`DROP POLICY referral_statistics ON referral`);
    await queryRunner.query(`DROP POLICY consent_statistics ON consent`);
    await queryRunner.query(`DROP POLICY person_statistics ON person`);
    await queryRunner.query(`ALTER TABLE victim_case DROP COLUMN statistics_key`);
    await queryRunner.query(`ALTER TABLE victim_case DROP CONSTRAINT victim_case_exploitation_types_distinct`);
    await queryRunner.query(`DROP FUNCTION panoh_codes_distinct(text[])`);
  }
}
