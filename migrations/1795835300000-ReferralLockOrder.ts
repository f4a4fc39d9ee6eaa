import { MigrationInterface, QueryRunner } from 'typeorm';

/** Set only by panoh_lock_referral while it runs. */
const LOCK_SCOPE = `current_setting('panoh.definer_scope', true) = 'referral_lock'`;
const LOCKED_TABLES = ['victim_case', 'consent', 'referral'];

/**
 * One lock order for every change of a referral: its case, then its consent, then the referral —
 * the order panoh_accept_referral and a consent's withdrawal already take. Withdrawing and declining
 * locked the referral first and then, writing the notification, waited for a key-share lock on the
 * case that a concurrent acceptance or consent withdrawal held while it waited for the referral: a
 * deadlock. The receiving organisation cannot see the case before it accepts, so the locks are taken
 * by panoh_lock_referral, a SECURITY DEFINER function for the referral's two organisations only.
 *
 * panoh_lock_referral(referral): the referral's status once its case, consent and row are locked for
 * the rest of the transaction; NULL when the caller's organisation is not a party of it (nothing is
 * locked then). It reads the three tables under policies that need `panoh.definer_scope` =
 * 'referral_lock', which only it sets, and that let it lock rows but never change them.
 */
export class ReferralLockOrder1795835300000 implements MigrationInterface {
  name = 'ReferralLockOrder1795835300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of LOCKED_TABLES) {
      await queryRunner.query(
        `CREATE POLICY ${table}_referral_lock_read ON ${table} FOR SELECT TO CURRENT_USER USING (${LOCK_SCOPE})`,
      );
      // SELECT … FOR UPDATE needs an UPDATE policy's USING; its WITH CHECK refuses every change.
      await queryRunner.query(
        `CREATE POLICY ${table}_referral_lock ON ${table} FOR UPDATE TO CURRENT_USER USING (${LOCK_SCOPE}) WITH CHECK (false)`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION panoh_lock_referral(p_referral_id uuid) RETURNS text
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        r referral%ROWTYPE;
      BEGIN
        IF caller_org IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM set_config('panoh.definer_scope', 'referral_lock', true);
        SELECT * INTO r FROM referral
        WHERE id = p_referral_id AND caller_org IN (from_organisation_id, to_organisation_id);
        IF NOT FOUND THEN
          PERFORM set_config('panoh.definer_scope', '', true);
          RETURN NULL;
        END IF;
        PERFORM 1 FROM victim_case WHERE id = r.case_id FOR UPDATE;
        PERFORM 1 FROM consent WHERE id = r.consent_id FOR UPDATE;
        SELECT * INTO r FROM referral WHERE id = p_referral_id FOR UPDATE;
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN r.status;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION panoh_lock_referral(uuid) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION panoh_lock_referral(uuid) TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION panoh_lock_referral(uuid)`);
    for (const table of LOCKED_TABLES) {
      await queryRunner.query(`DROP POLICY ${table}_referral_lock ON ${table}`);
      await queryRunner.query(`DROP POLICY ${table}_referral_lock_read ON ${table}`);
    }
  }
}
