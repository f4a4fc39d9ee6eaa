-- Whether a consent covers a referral: the one statement of the rule, asked by the service when a
-- referral is sent (ReferralsService, through src/modules/referrals/consent-coverage.ts) and by
-- panoh_accept_referral when it is accepted. It answers 'covered' or the first reason it does not, in
-- this order:
--   withdrawn                      the consent was withdrawn
--   other_case                     the consent is of another case
-- for a law_enforcement referral, a consent to disclosure to law enforcement naming no unit or this one:
--   recipient_not_law_enforcement  the recipient is not a law-enforcement organisation
--   not_disclosure                 the consent is not to disclosure to law enforcement
--   other_unit                     the consent names another law-enforcement unit
-- for any other referral, a consent to referral to this organisation that lists this purpose:
--   recipient_law_enforcement      the recipient is a law-enforcement organisation
--   not_referral                   the consent is not to referral
--   other_organisation             the consent names another organisation
--   purpose_not_listed             the consent does not list this purpose
-- It reads nothing but its arguments, so that each caller reads the consent under its own rules
-- (row-level security for the service, the definer's scope for the acceptance) and locks it itself.
CREATE FUNCTION panoh_consent_coverage(k consent, referral_case_id uuid, referral_purpose text,
                                       recipient_id uuid, recipient_type text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN k.withdrawn_at IS NOT NULL THEN 'withdrawn'
    WHEN k.case_id IS DISTINCT FROM referral_case_id THEN 'other_case'
    WHEN referral_purpose = 'law_enforcement' THEN CASE
      WHEN recipient_type IS DISTINCT FROM 'LawEnforcement' THEN 'recipient_not_law_enforcement'
      WHEN k.purpose IS DISTINCT FROM 'law_enforcement_disclosure' THEN 'not_disclosure'
      WHEN k.recipient_organisation_id IS DISTINCT FROM recipient_id AND k.recipient_organisation_id IS NOT NULL
        THEN 'other_unit'
      ELSE 'covered'
    END
    WHEN recipient_type = 'LawEnforcement' OR recipient_type IS NULL
      THEN 'recipient_law_enforcement'
    WHEN k.purpose IS DISTINCT FROM 'referral' THEN 'not_referral'
    WHEN k.recipient_organisation_id IS DISTINCT FROM recipient_id THEN 'other_organisation'
    WHEN (referral_purpose = ANY (k.referral_purposes)) IS NOT TRUE THEN 'purpose_not_listed'
    ELSE 'covered'
  END
$$;
