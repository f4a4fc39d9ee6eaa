import { MigrationInterface, QueryRunner } from 'typeorm';

/** Purposes of a referral (and of the share that accepting it creates). */
const REFERRAL_PURPOSES = `'shelter','medical','psychosocial','legal','livelihood','return','law_enforcement','transfer'`;

/** Tables of a case whose rows carry the owning organisation; a transfer moves them all. */
const CASE_TABLES = ['victim_case', 'consent', 'case_share', 'screening', 'trafficking_event', 'person'];

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

  private async policies(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['stage_change', 'referral', 'notification']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`
      CREATE POLICY stage_change_own ON stage_change FOR ALL TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation())
      WITH CHECK (owner_organisation_id = panoh_caller_organisation())`);

    const party = `(from_organisation_id = panoh_caller_organisation() OR to_organisation_id = panoh_caller_organisation())`;
    await queryRunner.query(`CREATE POLICY referral_read ON referral FOR SELECT TO panoh_service USING ${party}`);
    // Only the owner of the case refers it, from its own organisation.
    await queryRunner.query(`
      CREATE POLICY referral_insert ON referral FOR INSERT TO panoh_service
      WITH CHECK (from_organisation_id = panoh_caller_organisation() AND EXISTS (
        SELECT 1 FROM victim_case c WHERE c.id = case_id AND c.organisation_id = panoh_caller_organisation()))`);
    await queryRunner.query(
      `CREATE POLICY referral_update ON referral FOR UPDATE TO panoh_service USING ${party} WITH CHECK ${party}`,
    );
    // Who may move a referral where: only a pending one moves; its sender withdraws it, its receiver
    // declines it, and only panoh_accept_referral accepts it (a share or transfer goes with acceptance).
    await queryRunner.query(`
      CREATE FUNCTION panoh_referral_status_guard() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      BEGIN
        IF NEW.status IS DISTINCT FROM OLD.status AND NOT coalesce(
          OLD.status = 'pending' AND (
            (NEW.status = 'withdrawn' AND OLD.from_organisation_id = panoh_caller_organisation())
            OR (NEW.status = 'declined' AND OLD.to_organisation_id = panoh_caller_organisation())
            OR (NEW.status = 'accepted' AND current_setting('panoh.definer_scope', true) = 'referral_acceptance')),
          false) THEN
          RAISE EXCEPTION 'referral %: % -> % refused', OLD.id, OLD.status, NEW.status;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER referral_status_guard BEFORE UPDATE ON referral
      FOR EACH ROW EXECUTE FUNCTION panoh_referral_status_guard()`);

    await queryRunner.query(`
      CREATE POLICY notification_read ON notification FOR SELECT TO panoh_service
      USING (organisation_id = panoh_caller_organisation())`);
    // A notification is about a referral the caller is party to, or a case the caller owns.
    await queryRunner.query(`
      CREATE POLICY notification_insert ON notification FOR INSERT TO panoh_service
      WITH CHECK (
        (referral_id IS NOT NULL AND EXISTS (SELECT 1 FROM referral r WHERE r.id = referral_id))
        OR (referral_id IS NULL AND EXISTS (
          SELECT 1 FROM victim_case c WHERE c.id = case_id AND c.organisation_id = panoh_caller_organisation())))`);

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
   * ('not_found', 'not_pending', 'consent_withdrawn', 'case_closed'). Only an org_manager of the
   * receiving organisation gets further than 'not_found'.
   */
  private async acceptanceFunction(queryRunner: QueryRunner): Promise<void> {
    const scoped = `current_setting('panoh.definer_scope', true) = 'referral_acceptance'`;
    for (const table of [...CASE_TABLES, 'referral', 'stage_change']) {
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
        answer text;
      BEGIN
        IF caller_org IS NULL OR caller IS NULL OR panoh_caller_role() IS DISTINCT FROM 'org_manager' THEN
          RETURN 'not_found';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'referral_acceptance', true);
        SELECT * INTO r FROM referral WHERE id = p_referral_id AND to_organisation_id = caller_org FOR UPDATE;
        IF NOT FOUND THEN
          answer := 'not_found';
        ELSIF r.status <> 'pending' THEN
          answer := 'not_pending';
        ELSE
          SELECT * INTO c FROM victim_case WHERE id = r.case_id FOR UPDATE;
          SELECT * INTO k FROM consent WHERE id = r.consent_id FOR UPDATE;
          IF k.withdrawn_at IS NOT NULL THEN
            answer := 'consent_withdrawn';
          ELSIF c.stage = 'closed' THEN
            answer := 'case_closed';
          ELSIF r.purpose = 'transfer' THEN
            PERFORM panoh_transfer_case(c, caller_org, caller, p_change_id);
            answer := 'accepted';
          ELSE
            INSERT INTO case_share (id, case_id, owner_organisation_id, organisation_id, purpose, view, consent_id,
              accepted_at)
            VALUES (p_share_id, c.id, c.organisation_id, caller_org, r.purpose,
              CASE WHEN r.purpose = 'law_enforcement' THEN 'investigation' ELSE 'referral' END, r.consent_id, now());
            answer := 'accepted';
          END IF;
          IF answer = 'accepted' THEN
            UPDATE referral SET status = 'accepted', decided_by = caller, decided_at = now(), version = version + 1,
              share_id = CASE WHEN r.purpose = 'transfer' THEN NULL ELSE p_share_id END
            WHERE id = r.id;
          END IF;
        END IF;
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN answer;
      END $$`);
    // The case and its rows to organisation `to_org`; a share the new owner held is revoked (it owns
    // the case now); the person moves too unless another case of theirs stays with the old owner.
    await queryRunner.query(`
      CREATE FUNCTION panoh_transfer_case(c victim_case, to_org uuid, caller uuid, change_id uuid)
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
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_transfer_case(victim_case, uuid, uuid, uuid) FROM PUBLIC`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_accept_referral(uuid, uuid, uuid) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_accept_referral(uuid, uuid, uuid) TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION panoh_accept_referral(uuid, uuid, uuid)`);
    await queryRunner.query(`DROP FUNCTION panoh_transfer_case(victim_case, uuid, uuid, uuid)`);
    for (const table of CASE_TABLES) {
      await queryRunner.query(`DROP POLICY ${table}_referral_acceptance ON ${table}`);
    }
    await queryRunner.query(`DROP POLICY referral_referral_acceptance ON referral`);
    await queryRunner.query(`DROP POLICY stage_change_referral_acceptance ON stage_change`);
    await queryRunner.query(`DROP TABLE notification`);
    await queryRunner.query(`DROP TABLE referral`);
    await queryRunner.query(`DROP FUNCTION panoh_referral_status_guard()`);
    await queryRunner.query(`DROP TABLE stage_change`);
    await queryRunner.query(`ALTER TABLE victim_case DROP COLUMN stage_changed_at`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION panoh_person_shared_with_caller(person_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM victim_case c
          WHERE c.person_id = panoh_person_shared_with_caller.person_id AND panoh_case_shared_with_caller(c.id));
      END $$`);
    await queryRunner.query(`GRANT UPDATE ON case_share TO panoh_service`);
    await queryRunner.query(`DROP POLICY case_share_update ON case_share`);
    await queryRunner.query(`
      CREATE POLICY case_share_update ON case_share FOR UPDATE TO panoh_service
      USING (owner_organisation_id = panoh_caller_organisation() OR organisation_id = panoh_caller_organisation())
      WITH CHECK (owner_organisation_id = panoh_caller_organisation() OR organisation_id = panoh_caller_organisation())`);
    await queryRunner.query(`ALTER TABLE case_share DROP CONSTRAINT case_share_purpose_check`);
    await queryRunner.query(`
      ALTER TABLE case_share ADD CONSTRAINT case_share_purpose_check
      CHECK (purpose IN ('assistance','referral','law_enforcement'))`);
    await queryRunner.query(`ALTER TABLE consent DROP CONSTRAINT consent_referral_purposes`);
    await queryRunner.query(`ALTER TABLE consent DROP CONSTRAINT consent_recipient`);
    await queryRunner.query(`
      ALTER TABLE consent ADD CONSTRAINT consent_recipient
      CHECK ((purpose = 'referral') = (recipient_organisation_id IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE consent DROP COLUMN referral_purposes`);
  }
}
