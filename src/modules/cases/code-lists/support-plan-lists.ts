export { ASSISTANCE_STATUSES } from './lists/assistance-status';
export type { AssistanceStatus } from './lists/assistance-status';
export { ASSISTANCE_TYPES, HTCDS_SUPPORT_PLAN_TYPES, LOCAL_SUPPORT_PLAN_TYPES } from './lists/assistance-type';
export type { AssistanceType } from './lists/assistance-type';
