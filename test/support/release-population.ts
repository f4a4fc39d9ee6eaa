import type { SnapshotRecord } from '../../src/modules/statistics/releases/release-contract';

/**
 * A synthetic snapshot for release specs, benchmarks and attack tests: skewed as the identified
 * victims of Tajikistan are (most are women of 18 and over, from Sughd, Khatlon and Dushanbe,
 * exploited in Russia, Kazakhstan, the Emirates or Türkiye, in forced labour or sexual exploitation),
 * plus one rare case: the only boy of 9–17 from Gorno-Badakhshan, in forced begging in Afghanistan.
 * Deterministic: the same size, seed and year give the same records.
 */
export function makePopulation(size: number, seed: number, year: number): SnapshotRecord[] {
  const random = mulberry32(seed);
  const pick = <T>(weighted: readonly (readonly [T, number])[]): T => {
    const total = weighted.reduce((sum, [, w]) => sum + w, 0);
    let at = random() * total;
    for (const [value, w] of weighted) {
      at -= w;
      if (at < 0) return value;
    }
    return weighted[weighted.length - 1][0];
  };
  const records: SnapshotRecord[] = [];
  for (let i = 0; i < size - 1; i++) {
    const gender = pick([
      ['Feminine', 70],
      ['Masculine', 27],
      ['NonSpecifiedUnknown', 3],
    ] as const);
    const ageBand = pick([
      ['9--17', 4],
      ['18--20', 14],
      ['21--23', 18],
      ['24--26', 18],
      ['27--29', 14],
      ['30--38', 20],
      ['39--47', 8],
      ['48+', 2],
      ['Unknown', 2],
    ] as const);
    const region = pick([
      ['TJ-SU', 34],
      ['TJ-KT', 30],
      ['TJ-DU', 24],
      ['TJ-RA', 10],
      ['Unknown', 2],
    ] as const);
    const exploitationType = pick([
      ['ForcedLabour', gender === 'Masculine' ? 60 : 30],
      ['SexualExploitation', gender === 'Feminine' ? 45 : 4],
      ['Multiple', 10],
      ['ForcedMarriage', 5],
      ['Servitude', 3],
      ['Unknown', 3],
    ] as const);
    const countryOfExploitation = pick([
      ['RUS', 45],
      ['KAZ', 15],
      ['ARE', 14],
      ['TUR', 12],
      ['TJK', 6],
      ['SAU', 3],
      ['CHN', 2],
      ['Unknown', 3],
    ] as const);
    records.push(
      record(year, random, {
        gender,
        ageBand,
        region,
        exploitationType,
        countryOfExploitation,
        pick,
      }),
    );
  }
  records.push(
    record(year, random, {
      gender: 'Masculine',
      ageBand: '9--17',
      region: 'TJ-GB',
      exploitationType: 'ForcedBegging',
      countryOfExploitation: 'AFG',
      pick,
    }),
  );
  return records;
}

type Pick = <T>(weighted: readonly (readonly [T, number])[]) => T;

function record(
  year: number,
  random: () => number,
  codes: {
    gender: string;
    ageBand: string;
    region: string;
    exploitationType: string;
    countryOfExploitation: string;
    pick: Pick;
  },
): SnapshotRecord {
  const { pick } = codes;
  const stage = pick([
    ['identified', 10],
    ['referred', 15],
    ['assistance', 35],
    ['reintegration', 20],
    ['closed', 20],
  ] as const);
  const referralOutcome =
    stage === 'identified'
      ? 'none'
      : pick([
          ['accepted', 75],
          ['pending', 12],
          ['declined', 10],
          ['withdrawn', 3],
        ] as const);
  const referrals = referralOutcome === 'none' ? 0 : 1 + Math.floor(random() * 2);
  const types =
    codes.exploitationType === 'Multiple'
      ? ['ForcedLabour', 'SexualExploitation']
      : codes.exploitationType === 'Unknown'
        ? []
        : [codes.exploitationType];
  return {
    year,
    quarter: (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4,
    region: codes.region,
    gender: codes.gender,
    ageBand: codes.ageBand,
    exploitationType: codes.exploitationType,
    countryOfExploitation: codes.countryOfExploitation,
    stage,
    traffickingStatus: pick([
      ['ActualVictimOfTrafficking', 60],
      ['PossibleVictimOfTrafficking', 38],
      ['NotAVictimOfTrafficking', 2],
    ] as const),
    referralOutcome,
    daysToAcceptance: referralOutcome === 'accepted' ? 1 + Math.floor(random() * 40) : null,
    referralResponseDays: Array.from({ length: referralOutcome === 'pending' ? 0 : referrals }, () =>
      Math.floor(random() * 15),
    ),
    overdueReferrals: referralOutcome === 'pending' && random() < 0.5 ? 1 : 0,
    ctdc: {
      year,
      gender: codes.gender === 'NonSpecifiedUnknown' ? null : codes.gender,
      ageBand: codes.ageBand === 'Unknown' ? null : codes.ageBand,
      citizenship: random() < 0.95 ? 'TJK' : 'UZB',
      countryOfExploitation: codes.countryOfExploitation === 'Unknown' ? null : codes.countryOfExploitation,
      exploitationTypes: types,
      meansOfControl: pick([
        [[], 20],
        [['WithholdsDocuments'], 25],
        [['DebtBondage', 'WithholdsDocuments'], 20],
        [['PhysicalThreats'], 15],
        [['FalsePromises', 'RestrictsMovement'], 20],
      ] as const),
      labourSector:
        types.includes('ForcedLabour') && random() < 0.8
          ? pick([
              ['F_Construction', 50],
              ['A_AgricultureForestryAndFishing', 25],
              ['T_ActivitiesOfHouseholdsAsEmployers', 15],
              ['C_Manufacturing', 10],
            ] as const)
          : null,
      sexExploitationTypes: types.includes('SexualExploitation') && random() < 0.7 ? ['Prostitution'] : [],
    },
  };
}

/** A small seeded generator (mulberry32): reproducible populations without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
