import { MigrationInterface, QueryRunner } from 'typeorm';

/** Purposes of a referral (and of the share that accepting it creates). */
const REFERRAL_PURPOSES = `'shelter','medical','psychosocial','legal','livelihood','return','law_enforcement','transfer'`;

/** Tables of a case whose rows carry the owning organisation; a transfer moves them all. */
const CASE_TABLES = ['victim_case', 'consent', 'case_share', 'screening', 'trafficking_event', 'person'];

/** What the service may change of a case: never its id, reference, person, owner, creator or data key. */
const CASE_UPDATABLE = [
  'stage',
  'stage_changed_at',
  'trafficking_status',
  'status_decided_by',
  'status_deciding_organisation_id',
  'gender',
  'age_band',
  'citizenship',
  'region_of_origin',
  'country_of_exploitation',
  'exploitation_types',
  'means_of_control',
  'labour_sector',
  'narrative',
  'shelter_location',
  'health_notes',
  'psychosocial_notes',
  'version',
  'updated_at',
];

/** Whether the caller's organisation owns case `case_id` now (a row of a case is written by its owner). */
const OWNS_CASE = `panoh_case_owned_by_caller(case_id)`;

/**
 * The National Referral Mechanism: stage history, referrals between organisations' inboxes, and
 * notifications. docs/nrm.md describes the workflow.
 *
 * A referral is read by its two organisations. Its receiving organisation cannot see the case until it
 * accepts, so accepting runs in one SECURITY DEFINER function (panoh_accept_referral) that checks the
 * caller, the referral and the consent under row locks and then creates the share or, for a transfer,
 * moves the case to the receiving organisation. The function reads the case tables under owner
 * policies that require `panoh.definer_scope` = 'referral_acceptance', which only it sets.
 */
export class NrmWorkflow1795833000000 implements MigrationInterface {
  name = 'NrmWorkflow1795833000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.consentsForReferrals(queryRunner);
    await this.shares(queryRunner);

    await queryRunner.query(`ALTER TABLE victim_case ADD COLUMN stage_changed_at timestamptz NOT NULL DEFAULT now()`);
    await this.caseRowsByOwner(queryRunner);

    // Every change of stage, status or owner, with who, when and why (the reason is ciphertext under
    // the case's data key; reason_code names automatic changes).
    await queryRunner.query(`
      CREATE TABLE stage_change (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL CHECK (kind IN ('stage','transfer')),
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        trafficking_status text,
        status_decided_by text,
        deciding_organisation_id uuid REFERENCES organisation (id),
        reflection_waived boolean NOT NULL DEFAULT false,
        from_organisation_id uuid REFERENCES organisation (id),
        to_organisation_id uuid REFERENCES organisation (id),
        reason bytea,
        reason_code text CHECK (reason_code ~ '^[a-z_]{1,40}$'),
        changed_by uuid NOT NULL REFERENCES app_user (id),
        changed_by_organisation_id uuid NOT NULL REFERENCES organisation (id),
        changed_by_role text NOT NULL,
        changed_at timestamptz NOT NULL,
        CONSTRAINT stage_change_transfer CHECK ((kind = 'transfer') = (to_organisation_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX stage_change_case_idx ON stage_change (case_id, changed_at, id)`);

    await queryRunner.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES victim_case (id),
        from_organisation_id uuid NOT NULL REFERENCES organisation (id),
        to_organisation_id uuid NOT NULL REFERENCES organisation (id),
        purpose text NOT NULL CHECK (purpose IN (${REFERRAL_PURPOSES})),
        consent_id uuid NOT NULL REFERENCES consent (id),
        data_key_id uuid REFERENCES data_key (id),
        message bytea,
        status text NOT NULL CHECK (status IN ('pending','accepted','declined','withdrawn')),
        due_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL,
        decided_by uuid REFERENCES app_user (id),
        decided_at timestamptz,
        decline_reason bytea,
        withdrawn_by uuid REFERENCES app_user (id),
        withdrawn_at timestamptz,
        share_id uuid REFERENCES case_share (id),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CONSTRAINT referral_other_organisation CHECK (from_organisation_id <> to_organisation_id),
        CONSTRAINT referral_decided CHECK ((status IN ('accepted','declined')) = (decided_at IS NOT NULL)),
        CONSTRAINT referral_declined CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
        CONSTRAINT referral_withdrawn CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX referral_inbox_idx ON referral (to_organisation_id, status, created_at)`);
    await queryRunner.query(`CREATE INDEX referral_outbox_idx ON referral (from_organisation_id, status, created_at)`);
    await queryRunner.query(`CREATE INDEX referral_case_idx ON referral (case_id)`);
    await queryRunner.query(`CREATE INDEX referral_consent_idx ON referral (consent_id)`);
    // A case has at most one transfer waiting for an answer.
    await queryRunner.query(`
      CREATE UNIQUE INDEX referral_one_pending_transfer ON referral (case_id)
      WHERE purpose = 'transfer' AND status = 'pending'`);

    // What an organisation should look at: ids and kinds only.
    await queryRunner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL CHECK (kind IN ('referral_received','referral_accepted','referral_declined',
          'referral_withdrawn','referral_overdue','consent_withdrawn')),
        referral_id uuid REFERENCES referral (id),
        case_id uuid REFERENCES victim_case (id),
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_organisation_idx ON notification (organisation_id, created_at DESC)`,
    );
    await queryRunner.query(`
      CREATE UNIQUE INDEX notification_overdue_once ON notification (organisation_id, referral_id)
      WHERE kind = 'referral_overdue'`);

    await this.policies(queryRunner);
    await this.acceptanceFunction(queryRunner);

    await queryRunner.query(`GRANT SELECT, INSERT ON stage_change TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT ON notification TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT ON referral TO panoh_service`);
    await queryRunner.query(`
      GRANT UPDATE (status, decided_by, decided_at, decline_reason, withdrawn_by, withdrawn_at, version)
      ON referral TO panoh_service`);
  }

  /**
   * A consent to referral names the organisation and the referral purposes it covers. A consent to
   * disclosure to law enforcement may name the one unit it covers (none: any law-enforcement body).
   */
  private async consentsForReferrals(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent ADD COLUMN referral_purposes text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE consent DROP CONSTRAINT consent_recipient`);
    await queryRunner.query(`
      ALTER TABLE consent ADD CONSTRAINT consent_recipient CHECK (
        (purpose <> 'referral' OR recipient_organisation_id IS NOT NULL)
        AND (purpose IN ('referral','law_enforcement_disclosure') OR recipient_organisation_id IS NULL))`);
    await queryRunner.query(`
      ALTER TABLE consent ADD CONSTRAINT consent_referral_purposes CHECK (
        (purpose = 'referral' OR referral_purposes = '{}')
        AND referral_purposes <@ ARRAY[${REFERRAL_PURPOSES}]::text[])`);
  }

  /**
   * Shares carry the referral's purpose. Only the owning organisation changes a share (revoking it);
   * the receiving organisation reads its share and nothing lets it edit one.
   */
  private async shares(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_share DROP CONSTRAINT case_share_purpose_check`);
    await queryRunner.query(`
      ALTER TABLE case_share ADD CONSTRAINT case_share_purpose_check
      CHECK (purpose IN ('assistance','referral',${REFERRAL_PURPOSES}))`);
    await queryRunner.query(`DROP POLICY case_share_update ON case_share`);
    await queryRunner.query(`
      CREATE POLICY case_share_update ON case_share FOR UPDATE TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation())
      WITH CHECK (owner_organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`REVOKE UPDATE ON case_share FROM panoh_service`);
    await queryRunner.query(`GRANT UPDATE (revoked_at) ON case_share TO panoh_service`);
  }

  /**
   * A case's rows are written by the organisation that owns the case now: after a transfer the former
   * owner can no longer add a consent, screening, event or share to it. A new case names a person of
   * the caller's own organisation, and no case ever changes its person, owner or key through the service.
   */
  private async caseRowsByOwner(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION panoh_case_owned_by_caller(case_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM victim_case c
                       WHERE c.id = panoh_case_owned_by_caller.case_id
                         AND c.organisation_id = panoh_caller_organisation());
      END $$`);
    await queryRunner.query(`REVOKE UPDATE ON victim_case FROM panoh_service`);
    await queryRunner.query(`GRANT UPDATE (${CASE_UPDATABLE.join(', ')}) ON victim_case TO panoh_service`);
    await queryRunner.query(`DROP POLICY victim_case_insert ON victim_case`);
    await queryRunner.query(`
      CREATE POLICY victim_case_insert ON victim_case FOR INSERT TO panoh_service
      WITH CHECK (organisation_id = panoh_caller_organisation() AND EXISTS (
        SELECT 1 FROM person p WHERE p.id = person_id AND p.organisation_id = panoh_caller_organisation()))`);

    const owned = `owner_organisation_id = panoh_caller_organisation() AND ${OWNS_CASE}`;
    await queryRunner.query(`DROP POLICY consent_insert ON consent`);
    await queryRunner.query(
      `CREATE POLICY consent_insert ON consent FOR INSERT TO panoh_service WITH CHECK (${owned})`,
    );
    await queryRunner.query(`DROP POLICY trafficking_event_insert ON trafficking_event`);
    await queryRunner.query(
      `CREATE POLICY trafficking_event_insert ON trafficking_event FOR INSERT TO panoh_service WITH CHECK (${owned})`,
    );
    await queryRunner.query(`DROP POLICY case_share_write ON case_share`);
    await queryRunner.query(
      `CREATE POLICY case_share_write ON case_share FOR INSERT TO panoh_service WITH CHECK (${owned})`,
    );
    await queryRunner.query(`DROP POLICY screening_own ON screening`);
    await queryRunner.query(`
      CREATE POLICY screening_read ON screening FOR SELECT TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(
      `CREATE POLICY screening_insert ON screening FOR INSERT TO panoh_service WITH CHECK (${owned})`,
    );

    // A share relies on a consent of its own case (the code checks it; the database now does too).
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION panoh_case_shared_with_caller(case_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM case_share s
          WHERE s.case_id = panoh_case_shared_with_caller.case_id
            AND s.organisation_id = panoh_caller_organisation()
            AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
            AND (s.purpose <> 'law_enforcement' OR EXISTS (
              SELECT 1 FROM consent k
              WHERE k.id = s.consent_id AND k.case_id = s.case_id AND k.purpose = 'law_enforcement_disclosure'
                AND k.withdrawn_at IS NULL)));
      END $$`);
  }

  private async policies(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['stage_change', 'referral', 'notification']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`
      CREATE POLICY stage_change_read ON stage_change FOR SELECT TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`
      CREATE POLICY stage_change_insert ON stage_change FOR INSERT TO panoh_service
      WITH CHECK (owner_organisation_id = panoh_caller_organisation() AND ${OWNS_CASE})`);

    const party = `(from_organisation_id = panoh_caller_organisation() OR to_organisation_id = panoh_caller_organisation())`;
    await queryRunner.query(`CREATE POLICY referral_read ON referral FOR SELECT TO panoh_service USING ${party}`);
    // Only the owner of the case refers it, from its own organisation, relying on a consent of that case.
    await queryRunner.query(`
      CREATE POLICY referral_insert ON referral FOR INSERT TO panoh_service
      WITH CHECK (from_organisation_id = panoh_caller_organisation() AND ${OWNS_CASE}
        AND EXISTS (SELECT 1 FROM consent k WHERE k.id = consent_id AND k.case_id = referral.case_id))`);
    await queryRunner.query(
      `CREATE POLICY referral_update ON referral FOR UPDATE TO panoh_service USING ${party} WITH CHECK ${party}`,
    );
    // Who may move a referral (a missing setting counts as no): only a pending one changes at all; its
    // sender's staff withdraw it, its receiver's manager declines it. Accepting it, and withdrawing the
    // others when a case is transferred, happen only in the definer functions below, which run as the
    // table's owner; nothing a caller can set opens that door.
    await queryRunner.query(`
      CREATE FUNCTION panoh_referral_status_guard() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        caller_role text := panoh_caller_role();
      BEGIN
        IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID)
           OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'pending' AND NEW.status = 'withdrawn' AND OLD.from_organisation_id = caller_org
           AND caller_role IN ('caseworker', 'org_manager') THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'pending' AND NEW.status = 'declined' AND OLD.to_organisation_id = caller_org
           AND caller_role = 'org_manager' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'referral %: change refused', OLD.id;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER referral_status_guard BEFORE UPDATE ON referral
      FOR EACH ROW EXECUTE FUNCTION panoh_referral_status_guard()`);

    await queryRunner.query(`
      CREATE POLICY notification_read ON notification FOR SELECT TO panoh_service
      USING (organisation_id = panoh_caller_organisation())`);
    // A notification goes to a party of a referral the writer is party to, about that referral's case;
    // or from a case's owner to an organisation that held a share of it.
    await queryRunner.query(`
      CREATE POLICY notification_insert ON notification FOR INSERT TO panoh_service
      WITH CHECK (
        (referral_id IS NOT NULL AND EXISTS (
          SELECT 1 FROM referral r WHERE r.id = referral_id AND r.case_id = notification.case_id
            AND notification.organisation_id IN (r.from_organisation_id, r.to_organisation_id)))
        OR (referral_id IS NULL AND panoh_case_owned_by_caller(case_id) AND EXISTS (
          SELECT 1 FROM case_share s
          WHERE s.case_id = notification.case_id AND s.organisation_id = notification.organisation_id)))`);

    // A person is readable by the organisation owning one of its cases (after a transfer the person
    // may stay registered with the first organisation, which keeps another case of theirs).
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION panoh_person_shared_with_caller(person_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM victim_case c
          WHERE c.person_id = panoh_person_shared_with_caller.person_id
            AND (c.organisation_id = panoh_caller_organisation() OR panoh_case_shared_with_caller(c.id)));
      END $$`);
  }

  /**
   * panoh_accept_referral(referral, new share id, new history id): 'accepted', or why not
   * ('not_found', 'not_pending', 'sender_not_owner', 'case_closed', 'consent_withdrawn',
   * 'consent_missing'). Only an org_manager of the receiving organisation gets further than
   * 'not_found'. It does not trust the referral row: the consent must belong to the case and cover the
   * purpose and the receiving organisation, as the service checks when the referral is sent. Locks are
   * taken case, consent, referral — the order of every other path — so that it cannot deadlock with a
   * consent being withdrawn.
   */
  private async acceptanceFunction(queryRunner: QueryRunner): Promise<void> {
    const scoped = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;
    for (const table of [...CASE_TABLES, 'referral', 'stage_change', 'notification']) {
      await queryRunner.query(
        `CREATE POLICY ${table}_referral_acceptance ON ${table} FOR ALL TO CURRENT_USER USING (${scoped}) WITH CHECK (${scoped})`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION panoh_accept_referral(p_referral_id uuid, p_share_id uuid, p_change_id uuid)
      RETURNS text LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        caller uuid := NULLIF(current_setting('panoh.user_id', true), '')::uuid;
        r referral%ROWTYPE;
        c victim_case%ROWTYPE;
        k consent%ROWTYPE;
        recipient_type text;
        covered boolean;
        answer text;
      BEGIN
        IF caller_org IS NULL OR caller IS NULL OR panoh_caller_role() IS DISTINCT FROM 'org_manager' THEN
          RETURN 'not_found';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'referral_acceptance', true);
        SELECT * INTO r FROM referral WHERE id = p_referral_id AND to_organisation_id = caller_org;
        IF NOT FOUND THEN
          PERFORM set_config('panoh.definer_scope', '', true);
          RETURN 'not_found';
        END IF;
        SELECT * INTO c FROM victim_case WHERE id = r.case_id FOR UPDATE;
        SELECT * INTO k FROM consent WHERE id = r.consent_id FOR UPDATE;
        SELECT * INTO r FROM referral WHERE id = p_referral_id FOR UPDATE;
        SELECT type INTO recipient_type FROM organisation WHERE id = caller_org;
        covered := k.case_id = r.case_id AND CASE
          WHEN r.purpose = 'law_enforcement' THEN
            k.purpose = 'law_enforcement_disclosure' AND recipient_type = 'LawEnforcement'
            AND (k.recipient_organisation_id IS NULL OR k.recipient_organisation_id = caller_org)
          ELSE
            k.purpose = 'referral' AND recipient_type <> 'LawEnforcement'
            AND k.recipient_organisation_id = caller_org AND r.purpose = ANY (k.referral_purposes)
        END;
        IF r.status <> 'pending' THEN
          answer := 'not_pending';
        ELSIF r.from_organisation_id IS DISTINCT FROM c.organisation_id THEN
          answer := 'sender_not_owner';
        ELSIF c.stage = 'closed' THEN
          answer := 'case_closed';
        ELSIF k.withdrawn_at IS NOT NULL THEN
          answer := 'consent_withdrawn';
        ELSIF covered IS NOT TRUE THEN
          answer := 'consent_missing';
        ELSE
          IF r.purpose = 'transfer' THEN
            PERFORM panoh_transfer_case(c, r.id, caller_org, caller, p_change_id);
          ELSE
            INSERT INTO case_share (id, case_id, owner_organisation_id, organisation_id, purpose, view, consent_id,
              accepted_at)
            VALUES (p_share_id, c.id, c.organisation_id, caller_org, r.purpose,
              CASE WHEN r.purpose = 'law_enforcement' THEN 'investigation' ELSE 'referral' END, r.consent_id, now());
          END IF;
          UPDATE referral SET status = 'accepted', decided_by = caller, decided_at = now(), version = version + 1,
            share_id = CASE WHEN r.purpose = 'transfer' THEN NULL ELSE p_share_id END
          WHERE id = r.id;
          answer := 'accepted';
        END IF;
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN answer;
      END $$`);
    // The case and its rows to organisation `to_org`. A share the new owner held is revoked (it owns the
    // case now); every other referral still pending was the former owner's and is withdrawn, both of its
    // organisations told; the person moves too unless another case of theirs stays with the old owner.
    await queryRunner.query(`
      CREATE FUNCTION panoh_transfer_case(c victim_case, transfer_id uuid, to_org uuid, caller uuid, change_id uuid)
      RETURNS void LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
      DECLARE
        t text;
      BEGIN
        IF current_setting('panoh.definer_scope', true) IS DISTINCT FROM 'referral_acceptance' THEN
          RAISE EXCEPTION 'panoh_transfer_case runs only inside panoh_accept_referral';
        END IF;
        UPDATE victim_case SET organisation_id = to_org, version = version + 1, updated_at = now() WHERE id = c.id;
        FOR t IN
          SELECT table_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name = 'owner_organisation_id'
            AND table_name IN (SELECT table_name FROM information_schema.columns
                               WHERE table_schema = 'public' AND column_name = 'case_id')
        LOOP
          -- A case table without the acceptance policy would keep its rows hidden from this function
          -- and silently stay with the old owner: refuse the transfer instead.
          IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t
                         AND policyname = t || '_referral_acceptance') THEN
            RAISE EXCEPTION 'table % has no %_referral_acceptance policy', t, t;
          END IF;
          EXECUTE format('UPDATE %I SET owner_organisation_id = $1 WHERE case_id = $2', t) USING to_org, c.id;
        END LOOP;
        UPDATE case_share SET revoked_at = now()
        WHERE case_id = c.id AND organisation_id = to_org AND revoked_at IS NULL;
        WITH withdrawn AS (
          UPDATE referral SET status = 'withdrawn', withdrawn_by = caller, withdrawn_at = now(), version = version + 1
          WHERE case_id = c.id AND status = 'pending' AND id <> transfer_id
          RETURNING id, from_organisation_id, to_organisation_id)
        INSERT INTO notification (id, organisation_id, kind, referral_id, case_id, created_at)
        SELECT gen_random_uuid(), w.organisation_id, 'referral_withdrawn', w.id, c.id, now()
        FROM (SELECT id, from_organisation_id AS organisation_id FROM withdrawn
              UNION ALL SELECT id, to_organisation_id FROM withdrawn) w;
        UPDATE person SET organisation_id = to_org
        WHERE id = c.person_id AND NOT EXISTS (
          SELECT 1 FROM victim_case o WHERE o.person_id = c.person_id AND o.id <> c.id
            AND o.organisation_id = c.organisation_id);
        INSERT INTO stage_change (id, case_id, owner_organisation_id, kind, from_stage, to_stage,
          from_organisation_id, to_organisation_id, reason_code, changed_by, changed_by_organisation_id,
          changed_by_role, changed_at)
        VALUES (change_id, c.id, to_org, 'transfer', c.stage, c.stage, c.organisation_id, to_org,
          'transfer_accepted', caller, to_org, 'org_manager', now());
      END $$`);
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION panoh_transfer_case(victim_case, uuid, uuid, uuid, uuid) FROM PUBLIC`,
    );
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_accept_referral(uuid, uuid, uuid) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_accept_referral(uuid, uuid, uuid) TO panoh_service`);

    // Whether another organisation owns a case of person `person_id`, a person of the caller's: the
    // registering organisation may then neither change nor erase the person (the other organisation's
    // case depends on it). Answers only about the caller's own persons.
    const holders = `current_setting('panoh.definer_scope', true) = 'person_holders'`;
    for (const table of ['victim_case', 'person']) {
      await queryRunner.query(
        `CREATE POLICY ${table}_person_holders ON ${table} FOR SELECT TO CURRENT_USER USING (${holders})`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION panoh_person_held_elsewhere(p_person_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        answer boolean;
      BEGIN
        IF caller_org IS NULL THEN
          RETURN true;
        END IF;
        PERFORM set_config('panoh.definer_scope', 'person_holders', true);
        answer := EXISTS (SELECT 1 FROM person p WHERE p.id = p_person_id AND p.organisation_id = caller_org)
          AND EXISTS (SELECT 1 FROM victim_case c WHERE c.person_id = p_person_id AND c.organisation_id <> caller_org);
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN answer;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_person_held_elsewhere(uuid) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_person_held_elsewhere(uuid) TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const run = async (...statements: string[]) => {
      for (const statement of statements) await queryRunner.query(statement);
    };
    await run(
      `DROP FUNCTION panoh_person_held_elsewhere(uuid)`,
      `DROP POLICY victim_case_person_holders ON victim_case`,
      `DROP POLICY person_person_holders ON person`,
      `DROP FUNCTION panoh_accept_referral(uuid, uuid, uuid)`,
      `DROP FUNCTION panoh_transfer_case(victim_case, uuid, uuid, uuid, uuid)`,
    );
    for (const table of CASE_TABLES) await run(`DROP POLICY ${table}_referral_acceptance ON ${table}`);
    await run(
      `DROP TABLE notification`,
      `DROP TABLE referral`,
      `DROP FUNCTION panoh_referral_status_guard()`,
      `DROP TABLE stage_change`,
      `CREATE OR REPLACE FUNCTION panoh_person_shared_with_caller(person_id uuid) RETURNS boolean
       LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
       BEGIN
         RETURN EXISTS (
           SELECT 1 FROM victim_case c
           WHERE c.person_id = panoh_person_shared_with_caller.person_id AND panoh_case_shared_with_caller(c.id));
       END $$`,
      `CREATE OR REPLACE FUNCTION panoh_case_shared_with_caller(case_id uuid) RETURNS boolean
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
       END $$`,
      `DROP POLICY screening_read ON screening`,
      `DROP POLICY screening_insert ON screening`,
      `CREATE POLICY screening_own ON screening FOR ALL TO panoh_service
       USING (owner_organisation_id = panoh_caller_organisation())
       WITH CHECK (owner_organisation_id = panoh_caller_organisation())`,
    );
    for (const [policy, table] of [
      ['consent_insert', 'consent'],
      ['trafficking_event_insert', 'trafficking_event'],
      ['case_share_write', 'case_share'],
    ]) {
      await run(
        `DROP POLICY ${policy} ON ${table}`,
        `CREATE POLICY ${policy} ON ${table} FOR INSERT TO panoh_service
         WITH CHECK (owner_organisation_id = panoh_caller_organisation())`,
      );
    }
    await run(
      `DROP POLICY victim_case_insert ON victim_case`,
      `CREATE POLICY victim_case_insert ON victim_case FOR INSERT TO panoh_service
       WITH CHECK (organisation_id = panoh_caller_organisation())`,
      `GRANT UPDATE ON victim_case TO panoh_service`,
      `DROP FUNCTION panoh_case_owned_by_caller(uuid)`,
      `ALTER TABLE victim_case DROP COLUMN stage_changed_at`,
      `GRANT UPDATE ON case_share TO panoh_service`,
      `DROP POLICY case_share_update ON case_share`,
      `CREATE POLICY case_share_update ON case_share FOR UPDATE TO panoh_service
       USING (owner_organisation_id = panoh_caller_organisation() OR organisation_id = panoh_caller_organisation())
       WITH CHECK (owner_organisation_id = panoh_caller_organisation() OR organisation_id = panoh_caller_organisation())`,
      `ALTER TABLE case_share DROP CONSTRAINT case_share_purpose_check`,
      `ALTER TABLE case_share ADD CONSTRAINT case_share_purpose_check
       CHECK (purpose IN ('assistance','referral','law_enforcement'))`,
      `ALTER TABLE consent DROP CONSTRAINT consent_referral_purposes`,
      `ALTER TABLE consent DROP CONSTRAINT consent_recipient`,
      `ALTER TABLE consent ADD CONSTRAINT consent_recipient
       CHECK ((purpose = 'referral') = (recipient_organisation_id IS NOT NULL))`,
      `ALTER TABLE consent DROP COLUMN referral_purposes`,
    );
  }
}
