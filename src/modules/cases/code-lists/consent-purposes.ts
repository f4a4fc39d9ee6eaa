/** What a person may consent to on a case. */
export const CONSENT_PURPOSES = ['assistance', 'referral', 'law_enforcement_disclosure', 'statistics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
