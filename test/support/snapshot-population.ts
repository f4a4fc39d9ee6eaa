import fc from 'fast-check';
import {
  AGE_BANDS,
  CASE_STAGES,
  COUNTRIES,
  EXPLOITATION_TYPES,
  GENDERS,
  LABOUR_SECTORS,
  MEANS_OF_CONTROL,
  SEX_EXPLOITATION_TYPES,
  TJ_REGIONS,
  TRAFFICKING_STATUSES,
} from '../../src/modules/cases/code-lists';
import { REFERRAL_OUTCOMES, UNKNOWN } from '../../src/modules/statistics/dimensions';
import { MULTIPLE, SnapshotRecord } from '../../src/modules/statistics/releases/release-contract';

/**
 * Random snapshot records of one year, shaped as a release's snapshot holds them: coded data only,
 * the release's exploitation type derived from the CTDC record's types (one type, `Multiple`, or
 * `Unknown`), skewed towards a few common values as real registers are, so that classes of every size
 * (a lone rare case, a large common one) occur.
 */
export function snapshotRecord(year: number): fc.Arbitrary<SnapshotRecord> {
  const common = <T>(values: readonly T[], favourites: number): fc.Arbitrary<T> =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...values.slice(0, favourites)) },
      { weight: 1, arbitrary: fc.constantFrom(...values) },
    );
  return fc
    .record({
      quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
      region: common([...TJ_REGIONS, UNKNOWN], 3),
      gender: common(GENDERS, 2),
      ageBand: fc.option(common(AGE_BANDS, 5), { nil: null }),
      citizenship: fc.option(common(['TJK', 'UZB', 'AFG'], 1), { nil: null }),
      countryOfExploitation: fc.option(common(COUNTRIES, 4), { nil: null }),
      exploitationTypes: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(['ForcedLabour'], ['SexualExploitation'], ['ForcedBegging']) },
        { weight: 1, arbitrary: fc.subarray([...EXPLOITATION_TYPES], { maxLength: 2 }) },
      ),
      meansOfControl: fc.subarray([...MEANS_OF_CONTROL].slice(0, 5), { maxLength: 2 }),
      labourSector: fc.option(common(LABOUR_SECTORS, 2), { nil: null }),
      sexExploitationTypes: fc.subarray([...SEX_EXPLOITATION_TYPES], { maxLength: 2 }),
      stage: common(CASE_STAGES, 3),
      traffickingStatus: common(TRAFFICKING_STATUSES, 2),
      referralOutcome: common(REFERRAL_OUTCOMES, 2),
    })
    .map((r) => ({
      year,
      quarter: r.quarter,
      region: r.region,
      gender: r.gender,
      ageBand: r.ageBand ?? UNKNOWN,
      exploitationType:
        r.exploitationTypes.length === 0 ? UNKNOWN : r.exploitationTypes.length > 1 ? MULTIPLE : r.exploitationTypes[0],
      countryOfExploitation: r.countryOfExploitation ?? UNKNOWN,
      stage: r.stage,
      traffickingStatus: r.traffickingStatus,
      referralOutcome: r.referralOutcome,
      daysToAcceptance: null,
      referralResponseDays: [],
      overdueReferrals: 0,
      ctdc: {
        year,
        gender: r.gender,
        ageBand: r.ageBand,
        citizenship: r.citizenship,
        countryOfExploitation: r.countryOfExploitation,
        exploitationTypes: r.exploitationTypes,
        meansOfControl: r.meansOfControl,
        labourSector: r.labourSector,
        sexExploitationTypes: r.sexExploitationTypes,
      },
    }));
}

/** A population of `size` records of `year` (fresh random values on every call). */
export function snapshotPopulation(size: number, year = 2025): SnapshotRecord[] {
  return fc.sample(snapshotRecord(year), size);
}
