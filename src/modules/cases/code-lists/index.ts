export {
  AGE_BANDS,
  CHILD_AGE_BANDS,
  CASE_STAGES,
  CLOSURE_REASONS,
  COUNTRIES,
  EXPLOITATION_TYPES,
  GENDERS,
  INCOMING_REFERRAL_REASONS,
  LABOUR_SECTORS,
  MEANS_OF_CONTROL,
  ORGANISATION_TYPES,
  RECRUITMENT_METHODS,
  REFERRAL_PURPOSES,
  SEX_EXPLOITATION_TYPES,
  STATUS_DECISION_MAKERS,
  TJ_REGIONS,
  TRAFFICKING_EVENT_TYPES,
  TRAFFICKING_STATUSES,
} from './code-lists';
export type {
  CaseStage,
  ReferralPurpose,
  StatusDecisionMaker,
  TraffickingEventType,
  TraffickingStatus,
} from './code-lists';
export { CodeListsModule } from './code-lists.module';
export { INDICATOR_LISTS, SCREENING_RESULTS } from './indicator-lists';
export type { ScreeningResult } from './indicator-lists';
export {
  PERPETRATOR_ROLES,
  PROCEEDING_KINDS,
  PROCEEDING_OUTCOMES,
  PROCEEDING_OUTCOMES_BY_KIND,
} from './investigation-lists';
export type { PerpetratorRole, ProceedingKind, ProceedingOutcome } from './investigation-lists';
export { ASSISTANCE_STATUSES, ASSISTANCE_TYPES } from './support-plan-lists';
export type { AssistanceStatus, AssistanceType } from './support-plan-lists';
export { CONSENT_PURPOSES } from './code-lists';
export type { ConsentPurpose } from './code-lists';
export { codeChoices, codeLabel } from './code-labels';
export { labelledList } from './code-labels';
export type { LabelLanguage, LabelledList } from './code-labels';
