import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics as published releases (docs/statistics.md): the Commission reads only releases, each
 * computed once from a frozen snapshot of coded data and then immutable.
 *
 * - panoh_statistics_snapshot(from, to): the coded record (a SnapshotRecord as jsonb) of every case
 *   identified in [from, to), no id, in an order that says nothing about the cases. SECURITY DEFINER
 *   under the `statistics` scope policy of the Statistics migration; only an administrator publishing
 *   a release may call it.
 * - statistics_release: one row per version of a period's release, with its stored bytes and its
 *   signature; statistics_release_snapshot: the records it was computed from, which nobody reads but
 *   panoh_statistics_release_records (a request is answered against the latest snapshot, a revision
 *   compared with the previous one); statistics_release_request: every request answered or refused.
 *   All three are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 * - The live statistics (grouped counts, timeliness, record export, their privacy budget, stored
 *   answers and daily question count) go: nothing the Commission reads is computed over live tables.
 */
export class StatisticsReleases1795836800000 implements MigrationInterface {
  name = 'StatisticsReleases1795836800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE statistics_question`);
    await queryRunner.query(`DROP TABLE statistics_answer`);
    await queryRunner.query(`DROP TABLE statistics_privacy_budget`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_ctdc_records()`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_timeliness(text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_case_counts(text[], jsonb)`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_case_filter(jsonb)`);
    await queryRunner.query(`DROP FUNCTION panoh_statistics_expression(text)`);

    await this.snapshotFunction(queryRunner);

    await queryRunner.query(`
      CREATE TABLE statistics_release (
        id uuid PRIMARY KEY,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
        version integer NOT NULL CHECK (version >= 1),
        method text NOT NULL CHECK (method IN ('suppression', 'dp')),
        generated_at timestamptz NOT NULL,
        published_by uuid REFERENCES app_user (id),
        -- The summary without its signature, the tables and the timeliness: what the signature covers
        -- with the digests of the two CSVs.
        body jsonb NOT NULL,
        -- Global recoding chosen for the release: every request from its snapshot uses it.
        recoding jsonb NOT NULL,
        tables_csv text NOT NULL,
        ctdc_csv text NOT NULL,
        signature text NOT NULL,
        public_key text NOT NULL,
        UNIQUE (period, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE statistics_release_snapshot (
        release_id uuid PRIMARY KEY REFERENCES statistics_release (id),
        records jsonb NOT NULL CHECK (jsonb_typeof(records) = 'array')
      )`);
    await queryRunner.query(`
      CREATE TABLE statistics_release_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        release_id uuid NOT NULL REFERENCES statistics_release (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        user_id uuid NOT NULL REFERENCES app_user (id),
        -- The UTC month the request counts in (its first day).
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        dimensions text[] NOT NULL CHECK (cardinality(dimensions) BETWEEN 1 AND 3),
        outcome text NOT NULL CHECK (outcome IN ('published', 'cyclic', 'too-detailed', 'unprotectable', 'dp-mode')),
        -- The published table (outcome 'published' only).
        published jsonb CHECK ((outcome = 'published') = (published IS NOT NULL)),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(
      `CREATE INDEX statistics_release_request_month ON statistics_release_request (organisation_id, month)`,
    );
    await queryRunner.query(
      `CREATE INDEX statistics_release_request_release ON statistics_release_request (release_id, created_at)`,
    );

    await queryRunner.query(`
      CREATE FUNCTION panoh_statistics_release_immutable() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog AS $$
      BEGIN
        RAISE EXCEPTION '%: a published release and its record are never changed', TG_TABLE_NAME
          USING ERRCODE = '55000';
      END $$`);
    for (const table of ['statistics_release', 'statistics_release_snapshot', 'statistics_release_request']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION panoh_statistics_release_immutable()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION panoh_statistics_release_immutable()`);
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }

    // The owner is named too: the command line publishes with the owner's connection, as an administrator.
    // Releases: read by the Commission and administrators, written only by an administrator publishing.
    await queryRunner.query(`
      CREATE POLICY statistics_release_read ON statistics_release FOR SELECT TO panoh_service, CURRENT_USER
      USING (panoh_caller_role() IN ('commission', 'admin'))`);
    await queryRunner.query(`
      CREATE POLICY statistics_release_publish ON statistics_release FOR INSERT TO panoh_service, CURRENT_USER
      WITH CHECK (panoh_caller_role() = 'admin')`);
    await queryRunner.query(`GRANT SELECT, INSERT ON statistics_release TO panoh_service`);

    // Snapshots: written with their release; no SELECT grant, read only through the definer function.
    await queryRunner.query(`
      CREATE POLICY statistics_release_snapshot_publish ON statistics_release_snapshot FOR INSERT TO panoh_service, CURRENT_USER
      WITH CHECK (panoh_caller_role() = 'admin')`);
    await queryRunner.query(`
      CREATE POLICY statistics_release_snapshot_definer ON statistics_release_snapshot FOR SELECT TO CURRENT_USER
      USING (current_setting('panoh.definer_scope', true) = 'statistics')`);
    await queryRunner.query(`GRANT INSERT ON statistics_release_snapshot TO panoh_service`);

    // Requests: the Commission writes its own (as itself) and reads all (published tables are for every
    // Commission account; the count per organisation is the limit); administrators read them.
    await queryRunner.query(`
      CREATE POLICY statistics_release_request_read ON statistics_release_request FOR SELECT TO panoh_service, CURRENT_USER
      USING (panoh_caller_role() IN ('commission', 'admin'))`);
    await queryRunner.query(`
      CREATE POLICY statistics_release_request_write ON statistics_release_request FOR INSERT TO panoh_service
      WITH CHECK (panoh_caller_role() = 'commission'
        AND organisation_id = panoh_caller_organisation()
        AND user_id = NULLIF(current_setting('panoh.user_id', true), '')::uuid)`);
    await queryRunner.query(`GRANT SELECT, INSERT ON statistics_release_request TO panoh_service`);

    await queryRunner.query(`
      CREATE FUNCTION panoh_statistics_release_records(release uuid) RETURNS jsonb
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        found jsonb;
      BEGIN
        IF panoh_caller_role() IS DISTINCT FROM 'commission' AND panoh_caller_role() IS DISTINCT FROM 'admin' THEN
          RAISE EXCEPTION 'panoh_statistics_release_records: not allowed' USING ERRCODE = '42501';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'statistics', true);
        SELECT s.records INTO found FROM statistics_release_snapshot s WHERE s.release_id = release;
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN found;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_statistics_release_records(uuid) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_statistics_release_records(uuid) TO panoh_service`);
  }

  /**
   * Every case identified (registered) in [from, to) as one coded record: the codes of a release's
   * dimensions (empty codes read `Unknown`, several exploitation types `Multiple`), the NRM timeliness
   * figures of the case in whole days, and the codes of the CTDC dataset with whether the case may
   * be in it (a victim or possible victim whose person consented to statistical use and was not
   * erased). Ordered by the record itself, so the order says nothing of when or by whom.
   */
  private async snapshotFunction(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION panoh_statistics_snapshot(period_from date, period_to date) RETURNS SETOF jsonb
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER
      SET search_path = public, pg_temp
      SET jit = off
      AS $$
      BEGIN
        IF panoh_caller_role() IS DISTINCT FROM 'admin' THEN
          RAISE EXCEPTION 'panoh_statistics_snapshot: not allowed' USING ERRCODE = '42501';
        END IF;
        IF period_from IS NULL OR period_to IS NULL OR period_to <= period_from THEN
          RAISE EXCEPTION 'panoh_statistics_snapshot: bad period';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'statistics', true);
        RETURN QUERY
          SELECT r.record FROM (
            SELECT jsonb_build_object(
              'year', extract(year FROM c.registered_on)::integer,
              'quarter', extract(quarter FROM c.registered_on)::integer,
              'region', coalesce(c.region_of_origin, 'Unknown'),
              'gender', coalesce(c.gender, 'Unknown'),
              'ageBand', coalesce(c.age_band, 'Unknown'),
              'exploitationType', CASE cardinality(c.exploitation_types)
                WHEN 0 THEN 'Unknown' WHEN 1 THEN c.exploitation_types[1] ELSE 'Multiple' END,
              'countryOfExploitation', coalesce(c.country_of_exploitation, 'Unknown'),
              'stage', c.stage,
              'traffickingStatus', c.trafficking_status,
              'referralOutcome', coalesce((
                SELECT CASE WHEN count(*) = 0 THEN 'none'
                  WHEN bool_or(f.status = 'accepted') THEN 'accepted'
                  WHEN bool_or(f.status = 'pending') THEN 'pending'
                  WHEN bool_or(f.status = 'declined') THEN 'declined' ELSE 'withdrawn' END
                FROM referral f WHERE f.case_id = c.id), 'none'),
              'daysToAcceptance', (
                SELECT min(f.decided_at)::date - c.registered_on FROM referral f
                WHERE f.case_id = c.id AND f.status = 'accepted'),
              'referralResponseDays', coalesce((
                SELECT jsonb_agg(d ORDER BY d) FROM (
                  SELECT floor(extract(epoch FROM f.decided_at - f.created_at) / 86400)::integer AS d
                  FROM referral f WHERE f.case_id = c.id AND f.decided_at IS NOT NULL) days), '[]'::jsonb),
              'overdueReferrals', (
                SELECT count(*)::integer FROM referral f
                WHERE f.case_id = c.id AND f.status = 'pending' AND f.due_at < now()),
              'inDataset', c.trafficking_status <> 'NotAVictimOfTrafficking'
                AND EXISTS (SELECT 1 FROM consent k
                            WHERE k.case_id = c.id AND k.purpose = 'statistics' AND k.withdrawn_at IS NULL)
                AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.person_id AND p.erased_at IS NOT NULL),
              'ctdc', jsonb_build_object(
                'year', extract(year FROM c.registered_on)::integer,
                'gender', c.gender,
                'ageBand', c.age_band,
                'citizenship', c.citizenship,
                'countryOfExploitation', c.country_of_exploitation,
                'exploitationTypes', to_jsonb(c.exploitation_types),
                'meansOfControl', to_jsonb(c.means_of_control),
                'labourSector', c.labour_sector,
                'sexExploitationTypes', to_jsonb(c.sex_exploitation_types))) AS record
            FROM victim_case c
            WHERE c.registered_on >= period_from AND c.registered_on < period_to) r
          ORDER BY r.record::text;
        PERFORM set_config('panoh.definer_scope', '', true);
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_statistics_snapshot(date, date) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_statistics_snapshot(date, date) TO panoh_service`);
  }

  public async down(): Promise<void> {
    // The live statistics it removes held the Commission's privacy budget and answers; they do not
    // come back, and releases, once published, are never deleted.
    throw new Error('StatisticsReleases1795836800000 cannot be reverted: published releases are permanent');
  }
}
