/**
 * The column layout of the CTDC global victim-of-trafficking dataset, and how each column is filled
 * from a case's codes. docs/statistics.md lists the mapping; a column Panoh does not record stays
 * empty (CTDC's "not known").
 */
export interface CtdcSourceRecord {
  year: number;
  gender: string | null;
  ageBand: string | null;
  citizenship: string | null;
  countryOfExploitation: string | null;
  exploitationTypes: readonly string[];
  meansOfControl: readonly string[];
  labourSector: string | null;
}

export const CTDC_COLUMNS = [
  'yearOfRegistration',
  'Datasource',
  'gender',
  'ageBroad',
  'majorityStatus',
  'majorityStatusAtExploit',
  'majorityEntry',
  'citizenship',
  'meansOfControlDebtBondage',
  'meansOfControlTakesEarnings',
  'meansOfControlRestrictsFinancialAccess',
  'meansOfControlThreats',
  'meansOfControlPhysicalAbuse',
  'meansOfControlSexualAbuse',
  'meansOfControlFalsePromises',
  'meansOfControlPsychoactiveSubstances',
  'meansOfControlRestrictsMovement',
  'meansOfControlRestrictsMedicalCare',
  'meansOfControlExcessiveWorkingHours',
  'meansOfControlUsesChildren',
  'meansOfControlThreatOfLawEnforcement',
  'meansOfControlWithholdsNecessities',
  'meansOfControlWithholdsDocuments',
  'meansOfControlOther',
  'meansOfControlNotSpecified',
  'isForcedLabour',
  'isSexualExploit',
  'isOtherExploit',
  'isSexAndLabour',
  'isForcedMarriage',
  'isForcedMilitary',
  'isOrganRemoval',
  'isSlaveryAndPractices',
  'typeOfLabourAgriculture',
  'typeOfLabourAquafarming',
  'typeOfLabourBegging',
  'typeOfLabourConstruction',
  'typeOfLabourDomesticWork',
  'typeOfLabourHospitality',
  'typeOfLabourIllicitActivities',
  'typeOfLabourManufacturing',
  'typeOfLabourMiningOrDrilling',
  'typeOfLabourPeddling',
  'typeOfLabourTransportation',
  'typeOfLabourOther',
  'typeOfLabourNotSpecified',
  'typeOfSexProstitution',
  'typeOfSexPornography',
  'typeOfSexRemoteInteractiveServices',
  'typeOfSexPrivateSexualServices',
  'isAbduction',
  'RecruiterRelationship',
  'CountryOfExploitation',
  'recruiterRelationIntimatePartner',
  'recruiterRelationFriend',
  'recruiterRelationFamily',
  'recruiterRelationOther',
  'recruiterRelationUnknown',
] as const;
export type CtdcColumn = (typeof CTDC_COLUMNS)[number];
export type CtdcRow = Partial<Record<CtdcColumn, string>>;

/** ISO 3166-1 alpha-3 of our country list to the alpha-2 CTDC uses. */
export const ALPHA2: Readonly<Record<string, string>> = {
  TJK: 'TJ', AFG: 'AF', ARE: 'AE', ARM: 'AM', AZE: 'AZ', BLR: 'BY', CHN: 'CN', DEU: 'DE', GEO: 'GE', IND: 'IN',
  IRN: 'IR', ISR: 'IL', KAZ: 'KZ', KGZ: 'KG', KOR: 'KR', LTU: 'LT', LVA: 'LV', MDA: 'MD', MNG: 'MN', OMN: 'OM',
  PAK: 'PK', POL: 'PL', QAT: 'QA', RUS: 'RU', SAU: 'SA', TKM: 'TM', TUR: 'TR', UKR: 'UA', USA: 'US', UZB: 'UZ',
}; // prettier-ignore

const GENDER: Readonly<Record<string, string>> = {
  Feminine: 'Female',
  Masculine: 'Male',
  TransgenderFeminine: 'Transgender/NonConforming',
  TransgenderMasculine: 'Transgender/NonConforming',
  NonConforming: 'Transgender/NonConforming',
};

const MEANS: readonly [CtdcColumn, readonly string[]][] = [
  ['meansOfControlDebtBondage', ['DebtBondage']],
  ['meansOfControlTakesEarnings', ['TakesEarnings']],
  ['meansOfControlRestrictsFinancialAccess', ['RestrictsFinancialAccess']],
  ['meansOfControlThreats', ['PhysicalThreats', 'ThreatensChildrenFamily']],
  ['meansOfControlPhysicalAbuse', ['PhysicalAbuse']],
  ['meansOfControlSexualAbuse', ['SexualAbuse']],
  ['meansOfControlFalsePromises', ['FalsePromises']],
  ['meansOfControlPsychoactiveSubstances', ['PsychoactiveSubstance']],
  ['meansOfControlRestrictsMovement', ['RestrictsMovement']],
  ['meansOfControlRestrictsMedicalCare', ['RestrictsMedicalCare']],
  ['meansOfControlExcessiveWorkingHours', ['ExcessiveWorkingHours']],
  ['meansOfControlUsesChildren', ['UsesChildren']],
  ['meansOfControlThreatOfLawEnforcement', ['ThreatsLawEnforcement']],
  ['meansOfControlWithholdsNecessities', ['WithholdsNecessities']],
  ['meansOfControlWithholdsDocuments', ['WithholdsDocuments']],
  ['meansOfControlOther', ['Other', 'PsychologicalAbuse']],
];

const EXPLOITATION: readonly [CtdcColumn, readonly string[]][] = [
  ['isForcedMarriage', ['ForcedMarriage']],
  ['isForcedMilitary', ['ForcedMilitaryByNonStateActors']],
  ['isOrganRemoval', ['OrganRemoval']],
  ['isSlaveryAndPractices', ['Servitude']],
];

/** ISIC Rev. 4 sections of our labour-sector codes to CTDC's types of labour. */
const LABOUR: Readonly<Record<string, CtdcColumn>> = {
  A_AgricultureForestryAndFishing: 'typeOfLabourAgriculture',
  B_MiningAndQuarrying: 'typeOfLabourMiningOrDrilling',
  C_Manufacturing: 'typeOfLabourManufacturing',
  F_Construction: 'typeOfLabourConstruction',
  H_TransportationAndStorage: 'typeOfLabourTransportation',
  I_AccommodationAndFoodServiceActivities: 'typeOfLabourHospitality',
  T_ActivitiesOfHouseholdsAsEmployers: 'typeOfLabourDomesticWork',
};

const LABOUR_COLUMNS: readonly CtdcColumn[] = CTDC_COLUMNS.filter((c) => c.startsWith('typeOfLabour'));

const flag = (value: boolean): string => (value ? '1' : '0');

/** Broad exploitation as CTDC's headline flags: labour, sexual, both, or other. */
export function broadExploitation(types: readonly string[]): string {
  if (types.length === 0) return '';
  const labour = types.some((t) => t === 'ForcedLabour' || t === 'ChildLabour');
  const sexual = types.includes('SexualExploitation');
  return labour && sexual ? 'SexAndLabour' : labour ? 'ForcedLabour' : sexual ? 'SexualExploit' : 'OtherExploit';
}

/**
 * Means of control as a quasi-identifier value: the CTDC columns set, joined, or `none` when nothing
 * was recorded. Someone who knows how a person was controlled could match it, so it is generalised
 * (to nothing) like any other quasi-identifier.
 */
export function meansOfControlValue(record: CtdcSourceRecord): string {
  const means = record.meansOfControl;
  if (means.length === 0) return 'none';
  return MEANS.filter(([, codes]) => codes.some((c) => means.includes(c)))
    .map(([column]) => column)
    .join('+');
}

/** The means-of-control columns of a (possibly generalised) value: '' leaves them all empty. */
export function meansOfControlColumns(value: string): CtdcRow {
  const row: CtdcRow = {};
  if (value === '') return row;
  const set = value === 'none' ? [] : value.split('+');
  for (const [column] of MEANS) row[column] = value === 'none' ? '' : flag(set.includes(column));
  row.meansOfControlNotSpecified = flag(value === 'none');
  return row;
}

/**
 * Type of labour as a quasi-identifier value, for a case of forced or child labour or begging: the
 * CTDC column of its sector (or `NotSpecified`), with `+Begging`; `-` for any other case.
 */
export function typeOfLabourValue(record: CtdcSourceRecord): string {
  const labour = record.exploitationTypes.some((t) => t === 'ForcedLabour' || t === 'ChildLabour');
  const begging = record.exploitationTypes.includes('ForcedBegging');
  if (!labour && !begging) return '-';
  const column = record.labourSector ? (LABOUR[record.labourSector] ?? 'typeOfLabourOther') : undefined;
  return [column ?? (begging ? '' : 'typeOfLabourNotSpecified'), begging ? 'typeOfLabourBegging' : '']
    .filter((c) => c !== '')
    .join('+');
}

/** The type-of-labour columns of a (possibly generalised) value: '' or '-' leaves them all empty. */
export function typeOfLabourColumns(value: string): CtdcRow {
  const row: CtdcRow = {};
  if (value === '' || value === '-') return row;
  const set = value.split('+');
  for (const c of LABOUR_COLUMNS) row[c] = flag(set.includes(c));
  return row;
}

/** The exploitation flags from a (possibly generalised) exploitation value: exact types or broad. */
export function exploitationFlags(types: readonly string[] | undefined, broad: string): CtdcRow {
  const row: CtdcRow = {};
  if (broad === '') return row;
  row.isForcedLabour = flag(broad === 'ForcedLabour' || broad === 'SexAndLabour');
  row.isSexualExploit = flag(broad === 'SexualExploit' || broad === 'SexAndLabour');
  row.isSexAndLabour = flag(broad === 'SexAndLabour');
  row.isOtherExploit = flag(broad === 'OtherExploit');
  if (types) for (const [column, codes] of EXPLOITATION) row[column] = flag(codes.some((c) => types.includes(c)));
  return row;
}

export function ctdcGender(code: string | null): string {
  return code ? (GENDER[code] ?? '') : '';
}

export function ctdcCountry(code: string | null): string {
  return code ? (ALPHA2[code] ?? '') : '';
}

export function majorityOf(ageBroad: string): string {
  if (ageBroad === '') return '';
  return ageBroad === '0--8' || ageBroad === '9--17' || ageBroad === '0--17' ? 'Minor' : 'Adult';
}
