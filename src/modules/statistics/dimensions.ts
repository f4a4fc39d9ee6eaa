import {
  AGE_BANDS,
  CASE_STAGES,
  COUNTRIES,
  EXPLOITATION_TYPES,
  GENDERS,
  TJ_REGIONS,
  TRAFFICKING_STATUSES,
} from '../cases/code-lists';

/**
 * The dimensions a statistical question may group by or filter on, each with its categories. Region is
 * the region of origin of the person (ISO 3166-2:TJ), not the region of the recording organisation:
 * the Commission plans prevention where people are recruited from. A code left empty on a case
 * counts under `Unknown`.
 */
export const DIMENSIONS = [
  'year',
  'quarter',
  'region',
  'gender',
  'ageBand',
  'exploitationType',
  'countryOfExploitation',
  'stage',
  'traffickingStatus',
  'referralOutcome',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const UNKNOWN = 'Unknown';

/**
 * What became of a case's referrals: `accepted` if any was accepted, else `pending` if any waits,
 * else `declined` if any was declined, else `withdrawn`; `none` for a case never referred.
 */
export const REFERRAL_OUTCOMES = ['accepted', 'pending', 'declined', 'withdrawn', 'none'] as const;
/**
 * The fixed bucket every dimension ends with: codes outside the dimension's fixed categories (a year
 * before the first year, say) and, in suppression mode, the categories folded by global recoding
 * (docs/statistics.md). It is never a filter value.
 */
export const OTHER = 'other';

/** The key of a margin: every category of that dimension together. */
export const TOTAL = '*';

/** A case counts under each of its exploitation types; every other dimension has one value per case. */
export const MULTI_VALUED: ReadonlySet<Dimension> = new Set<Dimension>(['exploitationType']);

const FIXED: Record<Exclude<Dimension, 'year' | 'quarter'>, readonly string[]> = {
  region: [...TJ_REGIONS, UNKNOWN],
  gender: [...GENDERS, UNKNOWN],
  ageBand: [...AGE_BANDS, UNKNOWN],
  exploitationType: [...EXPLOITATION_TYPES, UNKNOWN],
  countryOfExploitation: [...COUNTRIES, UNKNOWN],
  stage: CASE_STAGES,
  traffickingStatus: TRAFFICKING_STATUSES,
  referralOutcome: REFERRAL_OUTCOMES,
};

/**
 * The categories of a dimension, fixed in advance so that the shape of an answer (which rows it has)
 * never depends on the data. Years run from `firstYear` to `currentYear`.
 */
export function categoriesOf(dimension: Dimension, firstYear: number, currentYear: number): readonly string[] {
  if (dimension === 'year' || dimension === 'quarter') {
    const years: string[] = [];
    for (let year = firstYear; year <= currentYear; year++) years.push(String(year));
    return dimension === 'year' ? years : years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
  }
  return FIXED[dimension];
}

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}
