import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An incoming referral from outside Panoh (HTCDS cas_ReferringOrganisation, cas_IncomingReferralDate,
 * cas_ReasonForIncomingReferral, cas_IncomingReferralDetails): the referring organisation's name and
 * the details are ciphertext under the case's data key (bound to `victim_case|column|id`); its type
 * (HTCDS org_Type), the date and the reason are codes. Only the owner's full view shows them.
 */
export class IncomingReferral1795836500500 implements MigrationInterface {
  name = 'IncomingReferral1795836500500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE victim_case
        ADD COLUMN referring_organisation_name bytea,
        ADD COLUMN referring_organisation_type text,
        ADD COLUMN incoming_referral_date date,
        ADD COLUMN incoming_referral_reason text,
        ADD COLUMN incoming_referral_details bytea`);
    await queryRunner.query(`
      GRANT UPDATE (referring_organisation_name, referring_organisation_type, incoming_referral_date,
        incoming_referral_reason, incoming_referral_details) ON victim_case TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      REVOKE UPDATE (referring_organisation_name, referring_organisation_type, incoming_referral_date,
        incoming_referral_reason, incoming_referral_details) ON victim_case FROM panoh_service`);
    await queryRunner.query(`
      ALTER TABLE victim_case DROP COLUMN referring_organisation_name, DROP COLUMN referring_organisation_type,
        DROP COLUMN incoming_referral_date, DROP COLUMN incoming_referral_reason, DROP COLUMN incoming_referral_details`);
  }
}
