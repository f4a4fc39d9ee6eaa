import { CODE_LISTS_VERSION } from './code-lists';
import type { CodeList } from './lists/code-list';
import { AGE_BAND_LIST } from './lists/age-band';
import { CHILD_AGE_BAND_LIST } from './lists/child-age-band';
import { ASSISTANCE_STATUS_LIST } from './lists/assistance-status';
import { ASSISTANCE_TYPE_LIST } from './lists/assistance-type';
import { CLOSURE_REASON_LIST } from './lists/closure-reason';
import { CONSENT_PURPOSE_LIST } from './lists/consent-purpose';
import { COUNTRY_LIST } from './lists/country';
import { EXPLOITATION_TYPE_LIST } from './lists/exploitation-type';
import { GENDER_LIST } from './lists/gender';
import { ILO_EC_OPERATIONAL_LIST } from './lists/ilo-ec-operational';
import { ILO_FORCED_LABOUR_LIST } from './lists/ilo-forced-labour';
import { LABOUR_SECTOR_LIST } from './lists/labour-sector';
import { MEANS_OF_CONTROL_LIST } from './lists/means-of-control';
import { PERPETRATOR_ROLE_LIST } from './lists/perpetrator-role';
import { PROCEEDING_KIND_LIST } from './lists/proceeding-kind';
import { PROCEEDING_OUTCOME_LIST } from './lists/proceeding-outcome';
import { RECRUITMENT_METHOD_LIST } from './lists/recruitment-method';
import { INCOMING_REFERRAL_REASON_LIST, ORGANISATION_TYPE_LIST } from './lists/referral-source';
import { REFERRAL_PURPOSE_LIST } from './lists/referral-purpose';
import { REGION_LIST } from './lists/region';
import { SCREENING_RESULT_LIST } from './lists/screening-result';
import { SEX_EXPLOITATION_TYPE_LIST } from './lists/sex-exploitation-type';
import { STAGE_LIST } from './lists/stage';
import { STATUS_DECIDED_BY_LIST } from './lists/status-decided-by';
import { TRAFFICKING_EVENT_TYPE_LIST } from './lists/trafficking-event-type';
import { TRAFFICKING_STATUS_LIST } from './lists/trafficking-status';

export type { CodeList, CodeListValue } from './lists/code-list';

export interface CodeListCatalogue {
  version: string;
  attribution: string;
  lists: CodeList[];
}

export const HTCDS_ATTRIBUTION =
  'Human Trafficking Case Data Standard (HTCDS) by IOM is licensed under CC BY 4.0; its use here implies no endorsement by IOM.';

/** Every code list the API validates against, with English, Russian and Tajik labels, in this order. */
const LISTS = [
  STAGE_LIST,
  TRAFFICKING_STATUS_LIST,
  STATUS_DECIDED_BY_LIST,
  CLOSURE_REASON_LIST,
  GENDER_LIST,
  AGE_BAND_LIST,
  CHILD_AGE_BAND_LIST,
  EXPLOITATION_TYPE_LIST,
  MEANS_OF_CONTROL_LIST,
  RECRUITMENT_METHOD_LIST,
  SEX_EXPLOITATION_TYPE_LIST,
  LABOUR_SECTOR_LIST,
  COUNTRY_LIST,
  REGION_LIST,
  TRAFFICKING_EVENT_TYPE_LIST,
  CONSENT_PURPOSE_LIST,
  REFERRAL_PURPOSE_LIST,
  ORGANISATION_TYPE_LIST,
  INCOMING_REFERRAL_REASON_LIST,
  SCREENING_RESULT_LIST,
  ILO_EC_OPERATIONAL_LIST,
  ILO_FORCED_LABOUR_LIST,
  ASSISTANCE_TYPE_LIST,
  ASSISTANCE_STATUS_LIST,
  PERPETRATOR_ROLE_LIST,
  PROCEEDING_KIND_LIST,
  PROCEEDING_OUTCOME_LIST,
];

export function codeListCatalogue(): CodeListCatalogue {
  return { version: CODE_LISTS_VERSION, attribution: HTCDS_ATTRIBUTION, lists: LISTS.map(({ list }) => list) };
}
