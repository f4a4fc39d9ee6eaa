/**
 * The code lists the case record's statistical codes are validated against, one file each in lists/
 * with its codes and their labels. HTCDS v2.0 value names are used exactly as the standard spells them
 * ("Human Trafficking Case Data Standard (HTCDS) by IOM is licensed under CC BY 4.0"; no endorsement
 * by IOM is implied). The version changes whenever a list changes, so exported data can say which
 * lists it was coded with.
 */
export const CODE_LISTS_VERSION = '2026.1';

export { AGE_BANDS } from './lists/age-band';
export { CHILD_AGE_BANDS } from './lists/child-age-band';
export { CLOSURE_REASONS } from './lists/closure-reason';
export { CONSENT_PURPOSES } from './lists/consent-purpose';
export type { ConsentPurpose } from './lists/consent-purpose';
export { COUNTRIES } from './lists/country';
export { EXPLOITATION_TYPES } from './lists/exploitation-type';
export { GENDERS } from './lists/gender';
export { LABOUR_SECTORS } from './lists/labour-sector';
export { HTCDS_MEANS_OF_CONTROL, LOCAL_MEANS_OF_CONTROL, MEANS_OF_CONTROL } from './lists/means-of-control';
export { RECRUITMENT_METHODS } from './lists/recruitment-method';
export { INCOMING_REFERRAL_REASONS, ORGANISATION_TYPES } from './lists/referral-source';
export { REFERRAL_PURPOSES } from './lists/referral-purpose';
export type { ReferralPurpose } from './lists/referral-purpose';
export { SEX_EXPLOITATION_TYPES } from './lists/sex-exploitation-type';
export { TJ_REGIONS } from './lists/region';
export { CASE_STAGES } from './lists/stage';
export type { CaseStage } from './lists/stage';
export { STATUS_DECISION_MAKERS } from './lists/status-decided-by';
export type { StatusDecisionMaker } from './lists/status-decided-by';
export { TRAFFICKING_EVENT_TYPES } from './lists/trafficking-event-type';
export type { TraffickingEventType } from './lists/trafficking-event-type';
export { TRAFFICKING_STATUSES } from './lists/trafficking-status';
export type { TraffickingStatus } from './lists/trafficking-status';
