import {
  AGE_BANDS,
  CASE_STAGES,
  CODE_LISTS_VERSION,
  COUNTRIES,
  EXPLOITATION_TYPES,
  GENDERS,
  LABOUR_SECTORS,
  MEANS_OF_CONTROL,
  REFERRAL_PURPOSES,
  STATUS_DECISION_MAKERS,
  TJ_REGIONS,
  TRAFFICKING_EVENT_TYPES,
  TRAFFICKING_STATUSES,
} from './code-lists';
import { CONSENT_PURPOSES } from './consent-purposes';
import { ILO_EC_OPERATIONAL, ILO_FORCED_LABOUR, SCREENING_RESULTS } from './indicator-lists';
import * as L from './labels';
import {
  PERPETRATOR_ROLE_LABELS,
  PERPETRATOR_ROLES,
  PROCEEDING_KIND_LABELS,
  PROCEEDING_KINDS,
  PROCEEDING_OUTCOME_LABELS,
  PROCEEDING_OUTCOMES,
} from './investigation-lists';
import {
  ASSISTANCE_STATUS_LABELS,
  ASSISTANCE_STATUSES,
  ASSISTANCE_TYPE_LABELS,
  ASSISTANCE_TYPES,
} from './support-plan-lists';

export interface CodeListValue {
  code: string;
  labels: { en: string; ru: string; tg: string };
}

export interface CodeList {
  name: string;
  source: string;
  version?: string;
  values: CodeListValue[];
}

export interface CodeListCatalogue {
  version: string;
  attribution: string;
  lists: CodeList[];
}

const HTCDS = 'HTCDS v2.0';
export const HTCDS_ATTRIBUTION =
  'Human Trafficking Case Data Standard (HTCDS) by IOM is licensed under CC BY 4.0; its use here implies no endorsement by IOM.';

/** Labels for `codes`, which must match the list exactly (a missing or stray label is a programming error). */
function labelled(codes: readonly string[], labels: readonly L.Labelled[]): CodeListValue[] {
  const byCode = new Map(labels.map(([code, en, ru, tg]) => [code, { en, ru, tg }]));
  if (byCode.size !== codes.length || codes.some((c) => !byCode.has(c))) {
    throw new Error(`code list labels do not match their codes: ${codes.filter((c) => !byCode.has(c)).join(', ')}`);
  }
  return codes.map((code) => ({ code, labels: byCode.get(code) as CodeListValue['labels'] }));
}

function ageBands(): CodeListValue[] {
  return AGE_BANDS.map((code) => {
    const span = code.replace('--', '–');
    return { code, labels: { en: `${span} years`, ru: `${span} лет`, tg: `${span} сола` } };
  });
}

/** Every code list the API validates against, with English, Russian and Tajik labels. */
export function codeListCatalogue(): CodeListCatalogue {
  return {
    version: CODE_LISTS_VERSION,
    attribution: HTCDS_ATTRIBUTION,
    lists: [
      { name: 'stage', source: 'OSCE/ODIHR NRM handbook (2nd ed.)', values: labelled(CASE_STAGES, L.STAGE_LABELS) },
      {
        name: 'traffickingStatus',
        source: `${HTCDS} vic_TraffickingStatus`,
        values: labelled(TRAFFICKING_STATUSES, L.TRAFFICKING_STATUS_LABELS),
      },
      {
        name: 'statusDecidedBy',
        source: `${HTCDS} vic_TraffickingStatusDecisionMakingOrg`,
        values: labelled(STATUS_DECISION_MAKERS, L.STATUS_DECISION_MAKER_LABELS),
      },
      { name: 'gender', source: `${HTCDS} prs_Gender`, values: labelled(GENDERS, L.GENDER_LABELS) },
      { name: 'ageBand', source: 'CTDC ageBroad', values: ageBands() },
      {
        name: 'exploitationType',
        source: `${HTCDS} vic_TypeOfExploitation`,
        values: labelled(EXPLOITATION_TYPES, L.EXPLOITATION_TYPE_LABELS),
      },
      {
        name: 'meansOfControl',
        source: `${HTCDS} vic_MethodsOfControl`,
        values: labelled(MEANS_OF_CONTROL, L.MEANS_OF_CONTROL_LABELS),
      },
      {
        name: 'labourSector',
        source: `${HTCDS} vic_ForcedLabourIndustry (ISIC Rev. 4 sections)`,
        values: labelled(LABOUR_SECTORS, L.LABOUR_SECTOR_LABELS),
      },
      { name: 'country', source: 'ISO 3166-1 alpha-3 (subset)', values: labelled(COUNTRIES, L.COUNTRY_LABELS) },
      { name: 'region', source: 'ISO 3166-2:TJ', values: labelled(TJ_REGIONS, L.REGION_LABELS) },
      {
        name: 'traffickingEventType',
        source: `${HTCDS} hte_Type`,
        values: labelled(TRAFFICKING_EVENT_TYPES, L.EVENT_TYPE_LABELS),
      },
      { name: 'consentPurpose', source: 'Panoh', values: labelled(CONSENT_PURPOSES, L.CONSENT_PURPOSE_LABELS) },
      {
        name: 'referralPurpose',
        source: 'Panoh (NRM)',
        values: labelled(REFERRAL_PURPOSES, L.REFERRAL_PURPOSE_LABELS),
      },
      { name: 'screeningResult', source: 'Panoh', values: labelled(SCREENING_RESULTS, L.SCREENING_RESULT_LABELS) },
      {
        name: ILO_EC_OPERATIONAL.id,
        source: ILO_EC_OPERATIONAL.source,
        version: ILO_EC_OPERATIONAL.version,
        values: labelled(ILO_EC_OPERATIONAL.indicators, L.ILO_EC_OPERATIONAL_LABELS),
      },
      {
        name: ILO_FORCED_LABOUR.id,
        source: ILO_FORCED_LABOUR.source,
        version: ILO_FORCED_LABOUR.version,
        values: labelled(ILO_FORCED_LABOUR.indicators, L.ILO_FORCED_LABOUR_LABELS),
      },
      {
        name: 'assistanceType',
        source: `${HTCDS} spl_Type, with the local extension Shelter, Psychosocial, Return (Panoh)`,
        values: labelled(ASSISTANCE_TYPES, ASSISTANCE_TYPE_LABELS),
      },
      { name: 'assistanceStatus', source: 'Panoh', values: labelled(ASSISTANCE_STATUSES, ASSISTANCE_STATUS_LABELS) },
      {
        name: 'perpetratorRole',
        source: `${HTCDS} per_RoleInProcess`,
        values: labelled(PERPETRATOR_ROLES, PERPETRATOR_ROLE_LABELS),
      },
      { name: 'proceedingKind', source: 'Panoh', values: labelled(PROCEEDING_KINDS, PROCEEDING_KIND_LABELS) },
      {
        name: 'proceedingOutcome',
        source: 'Panoh',
        values: labelled(PROCEEDING_OUTCOMES, PROCEEDING_OUTCOME_LABELS),
      },
    ],
  };
}
