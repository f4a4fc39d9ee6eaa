/**
 * Screening indicator lists, each with a version stored with every screening, so a result can be
 * read against the list it was made with.
 */
export interface IndicatorList {
  id: string;
  version: string;
  source: string;
  indicators: readonly string[];
}

/** ILO, "Hard to see, harder to count" (2nd ed., 2012): the 11 indicators of forced labour. */
export const ILO_FORCED_LABOUR: IndicatorList = {
  id: 'ilo_forced_labour_11',
  version: '2012',
  source: 'ILO indicators of forced labour (2012)',
  indicators: [
    'abuse_of_vulnerability',
    'deception',
    'restriction_of_movement',
    'isolation',
    'physical_and_sexual_violence',
    'intimidation_and_threats',
    'retention_of_identity_documents',
    'withholding_of_wages',
    'debt_bondage',
    'abusive_working_and_living_conditions',
    'excessive_overtime',
  ],
};

/**
 * ILO/European Commission, "Operational indicators of trafficking in human beings" (2009), adults,
 * by dimension and strength (strong / medium), the ones a first screening asks about.
 */
export const ILO_EC_OPERATIONAL: IndicatorList = {
  id: 'ilo_ec_operational',
  version: '2009',
  source: 'ILO/EC operational indicators of trafficking in human beings (2009)',
  indicators: [
    'deceptive_recruitment.nature_of_job',
    'deceptive_recruitment.conditions_of_work',
    'deceptive_recruitment.content_or_legality_of_contract',
    'deceptive_recruitment.wages_or_earnings',
    'coercive_recruitment.violence',
    'coercive_recruitment.abduction_or_forced_marriage',
    'coercive_recruitment.confiscation_of_documents',
    'coercive_recruitment.debt_bondage',
    'abuse_of_vulnerability_recruitment.economic_situation',
    'abuse_of_vulnerability_recruitment.difficult_family_situation',
    'abuse_of_vulnerability_recruitment.lack_of_education_or_language',
    'exploitative_conditions.excessive_working_days_or_hours',
    'exploitative_conditions.bad_living_conditions',
    'exploitative_conditions.hazardous_work',
    'exploitative_conditions.low_or_no_salary',
    'exploitative_conditions.no_respect_of_labour_laws',
    'coercion_at_destination.forced_to_act_against_will',
    'coercion_at_destination.isolation_or_surveillance',
    'coercion_at_destination.threats_of_violence_or_denunciation',
    'coercion_at_destination.confiscation_of_documents',
    'coercion_at_destination.debt_bondage',
    'abuse_of_vulnerability_at_destination.dependency',
    'abuse_of_vulnerability_at_destination.irregular_status',
    'abuse_of_vulnerability_at_destination.isolation_from_family',
  ],
};

export const INDICATOR_LISTS: readonly IndicatorList[] = [ILO_EC_OPERATIONAL, ILO_FORCED_LABOUR];

export const SCREENING_RESULTS = ['indicators_present', 'no_indicators', 'inconclusive'] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];
