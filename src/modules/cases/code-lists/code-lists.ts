/**
 * The code lists the case record's statistical codes are validated against. HTCDS v2.0 value names
 * are used exactly as the standard spells them ("Human Trafficking Case Data Standard (HTCDS) by IOM
 * is licensed under CC BY 4.0"; no endorsement by IOM is implied). The version changes whenever a
 * list changes, so exported data can say which lists it was coded with.
 */
export const CODE_LISTS_VERSION = '2026.1';

/** NRM stages (OSCE/ODIHR NRM handbook, 2nd ed.). */
export const CASE_STAGES = [
  'identified',
  'referred',
  'reflection',
  'status_decided',
  'assistance',
  'reintegration',
  'follow_up',
  'closed',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** What a referral asks of the receiving organisation (NRM); `transfer` moves the case there. */
export const REFERRAL_PURPOSES = [
  'shelter',
  'medical',
  'psychosocial',
  'legal',
  'livelihood',
  'return',
  'law_enforcement',
  'transfer',
] as const;
export type ReferralPurpose = (typeof REFERRAL_PURPOSES)[number];

/** HTCDS vic_TraffickingStatus. */
export const TRAFFICKING_STATUSES = [
  'PossibleVictimOfTrafficking',
  'ActualVictimOfTrafficking',
  'NotAVictimOfTrafficking',
] as const;
export type TraffickingStatus = (typeof TRAFFICKING_STATUSES)[number];

/** HTCDS vic_TraffickingStatusDecisionMakingOrg. */
export const STATUS_DECISION_MAKERS = [
  'Police',
  'NGO',
  'CourtOrProsecution',
  'NonPoliceGovernmentalOrganization',
  'Other',
] as const;
export type StatusDecisionMaker = (typeof STATUS_DECISION_MAKERS)[number];

/** HTCDS hte_Type. */
export const TRAFFICKING_EVENT_TYPES = ['Recruitment', 'Transit', 'Exploitation'] as const;
export type TraffickingEventType = (typeof TRAFFICKING_EVENT_TYPES)[number];

/** HTCDS prs_Gender. */
export const GENDERS = [
  'Feminine',
  'Masculine',
  'TransgenderFeminine',
  'TransgenderMasculine',
  'NonConforming',
  'NonSpecifiedUnknown',
] as const;

/** CTDC age bands (ageBroad). */
export const AGE_BANDS = ['0--8', '9--17', '18--20', '21--23', '24--26', '27--29', '30--38', '39--47', '48+'] as const;

/** HTCDS vic_TypeOfExploitation. */
export const EXPLOITATION_TYPES = [
  'ForcedLabour',
  'SexualExploitation',
  'ChildLabour',
  'ForcedMarriage',
  'Servitude',
  'ForcedMilitaryByNonStateActors',
  'OrganRemoval',
  'ForcedBegging',
  'ForcedAdoption',
  'Surrogacy',
  'Other',
] as const;

/** HTCDS vic_MethodsOfControl. */
export const MEANS_OF_CONTROL = [
  'PhysicalThreats',
  'ThreatsLawEnforcement',
  'ThreatensChildrenFamily',
  'DebtBondage',
  'FalsePromises',
  'PhysicalAbuse',
  'SexualAbuse',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'RestrictsMedicalCare',
  'WithholdsNecessities',
  'PsychologicalAbuse',
  'PsychoactiveSubstance',
  'ExcessiveWorkingHours',
  'WithholdsDocuments',
  'Other',
] as const;

/** HTCDS vic_ForcedLabourIndustry (ISIC Rev. 4 sections). */
export const LABOUR_SECTORS = [
  'A_AgricultureForestryAndFishing',
  'B_MiningAndQuarrying',
  'C_Manufacturing',
  'D_ElectricityGasSteamAndAirConditioningSupply',
  'E_WaterSupplySewerageWasteManagement',
  'F_Construction',
  'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
  'H_TransportationAndStorage',
  'I_AccommodationAndFoodServiceActivities',
  'J_InformationAndCommunication',
  'K_FinancialAndInsuranceActivities',
  'L_RealEstateActivities',
  'M_ProfessionalScientificAndTechnicalActivities',
  'N_AdministrativeAndSupportServiceActivities',
  'O_PublicAdministrationAndDefence',
  'P_Education',
  'Q_HumanHealthAndSocialWorkActivities',
  'R_ArtsEntertainmentAndRecreation',
  'S_OtherServiceActivities',
  'T_ActivitiesOfHouseholdsAsEmployers',
  'U_ActivitiesOfExtraterritorialOrganizations',
] as const;

/** ISO 3166-2:TJ regions. */
export const TJ_REGIONS = ['TJ-DU', 'TJ-SU', 'TJ-KT', 'TJ-GB', 'TJ-RA'] as const;

/**
 * ISO 3166-1 alpha-3: Tajikistan, its neighbours and the countries its citizens are trafficked to or
 * through (CTDC and IOM Tajikistan reports); a fuller list joins when the statistics need it.
 */
export const COUNTRIES = [
  'TJK',
  'AFG',
  'ARE',
  'ARM',
  'AZE',
  'BLR',
  'CHN',
  'DEU',
  'GEO',
  'IND',
  'IRN',
  'ISR',
  'KAZ',
  'KGZ',
  'KOR',
  'LTU',
  'LVA',
  'MDA',
  'MNG',
  'OMN',
  'PAK',
  'POL',
  'QAT',
  'RUS',
  'SAU',
  'TKM',
  'TUR',
  'UKR',
  'USA',
  'UZB',
] as const;
