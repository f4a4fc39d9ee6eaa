import { CATALOGUE } from '../../src/modules/statistics/releases/release-contract';
import type { PublishedTable, SnapshotRecord } from '../../src/modules/statistics/releases/release-contract';
import { releaseEngine } from '../support/disclosure-attack';

/** The yearly populations the utility table is computed for: Tajikistan identifies tens of victims a year. */
export const UTILITY_SIZES = [20, 40, 60, 200] as const;

export interface UtilityRow {
  victims: number;
  /** The release's own suppression rate (withheld cells over all cells of the catalogue). */
  suppressionRate: number;
  /** Per catalogue table: published non-zero cells over non-zero cells (margins not counted), and whether it was pooled. */
  tables: Record<string, { published: number; cells: number; pooled: boolean }>;
}

/** A small deterministic generator (mulberry32), so that every run tables the same populations. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

/**
 * `victims` synthetic victims identified in `year`, with codes drawn from distributions shaped like
 * the NRM's (mostly women, mostly forced labour and sexual exploitation, mostly Russia): the shape
 * the Commission's tables have at that size, not anyone's data.
 */
export function syntheticSnapshot(victims: number, year = 2025, seed = 42): SnapshotRecord[] {
  const random = generator(seed + victims);
  return Array.from({ length: victims }, () => {
    const gender = pick(random, [
      ['Feminine', 6],
      ['Masculine', 3],
      ['Unknown', 0.3],
    ] as const);
    const ageBand = pick(random, [
      ['9--17', 1],
      ['18--20', 2],
      ['21--23', 2],
      ['24--26', 2],
      ['27--29', 1.5],
      ['30--38', 2],
      ['39--47', 1],
      ['48+', 0.5],
    ] as const);
    const exploitationType = pick(random, [
      ['ForcedLabour', 5],
      ['SexualExploitation', 4],
      ['ForcedMarriage', 1],
      ['ForcedBegging', 0.5],
      ['Multiple', 1],
      ['Unknown', 0.3],
    ] as const);
    const countryOfExploitation = pick(random, [
      ['RUS', 6],
      ['KAZ', 1.5],
      ['TUR', 1],
      ['ARE', 1],
      ['TJK', 1],
      ['Unknown', 0.3],
    ] as const);
    const referralOutcome = pick(random, [
      ['accepted', 5],
      ['pending', 1],
      ['declined', 1],
      ['none', 3],
    ] as const);
    const quarter = (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4;
    const accepted = referralOutcome === 'accepted';
    return {
      year,
      quarter,
      region: pick(random, [
        ['TJ-DU', 3],
        ['TJ-SU', 3],
        ['TJ-KT', 3],
        ['TJ-GB', 0.5],
        ['TJ-RA', 2],
        ['Unknown', 0.2],
      ] as const),
      gender,
      ageBand,
      exploitationType,
      countryOfExploitation,
      stage: pick(random, [
        ['identified', 2],
        ['referred', 2],
        ['assistance', 3],
        ['reintegration', 1],
        ['closed', 2],
      ] as const),
      traffickingStatus: pick(random, [
        ['PossibleVictimOfTrafficking', 3],
        ['ActualVictimOfTrafficking', 7],
      ] as const),
      referralOutcome,
      daysToAcceptance: accepted ? 1 + Math.floor(random() * 30) : null,
      referralResponseDays: referralOutcome === 'none' ? [] : [1 + Math.floor(random() * 10)],
      overdueReferrals: referralOutcome === 'pending' && random() < 0.5 ? 1 : 0,
      ctdc: {
        year,
        gender: gender === 'Unknown' ? null : gender,
        ageBand,
        citizenship: 'TJK',
        countryOfExploitation: countryOfExploitation === 'Unknown' ? null : countryOfExploitation,
        exploitationTypes:
          exploitationType === 'Multiple'
            ? ['ForcedLabour', 'SexualExploitation']
            : exploitationType === 'Unknown'
              ? []
              : [exploitationType],
        meansOfControl: [],
        labourSector: null,
        sexExploitationTypes: [],
      },
    };
  });
}

function isCell(table: PublishedTable, key: readonly string[]): boolean {
  return key.length === table.dimensions.length && key.every((k) => k !== '*');
}

/** Published and non-zero cells of each catalogue table of a year's release, for each population size. */
export async function measureReleaseUtility(k = 11): Promise<UtilityRow[]> {
  const engine = await releaseEngine();
  const rows: UtilityRow[] = [];
  for (const victims of UTILITY_SIZES) {
    const records = syntheticSnapshot(victims);
    const release = engine.buildRelease({ period: '2025', records, k });
    const tables: UtilityRow['tables'] = {};
    for (const table of release.tables) {
      const id = table.pooled ? `${table.id} (pooled ${table.pooled.from}-${table.pooled.to})` : table.id;
      const cells = table.entries.filter((e) => isCell(table, e.key));
      // Non-zero cells: a withheld entry counts as one (it is withheld because it holds someone, or
      // as a protected zero); a published zero does not.
      const nonZero = cells.filter((e) => e.count !== 0);
      tables[id] = {
        published: nonZero.filter((e) => e.count !== null).length,
        cells: nonZero.length,
        pooled: table.pooled !== undefined,
      };
    }
    rows.push({ victims, suppressionRate: release.suppressionRate, tables });
  }
  return rows;
}

/** The utility table, one line per catalogue table, one column per population size. */
export function formatUtility(rows: readonly UtilityRow[]): string[] {
  const ids = [...new Set(rows.flatMap((r) => Object.keys(r.tables)))].sort(
    (a, b) => catalogueOrder(a) - catalogueOrder(b) || a.localeCompare(b),
  );
  const width = Math.max(...ids.map((id) => id.length), 'suppression rate (all cells)'.length);
  const column = (s: string) => s.padStart(12);
  const lines = [
    `${'published non-zero cells, victims a year'.padEnd(width)} ${rows.map((r) => column(String(r.victims))).join('')}`,
  ];
  for (const id of ids) {
    const cells = rows.map((r) => {
      const figure = r.tables[id];
      if (!figure) return column('-');
      return column(
        figure.cells === 0
          ? '0/0'
          : `${figure.published}/${figure.cells} ${Math.round((100 * figure.published) / figure.cells)}%`,
      );
    });
    lines.push(`${id.padEnd(width)} ${cells.join('')}`);
  }
  lines.push(
    `${'suppression rate (all cells)'.padEnd(width)} ${rows.map((r) => column(`${(100 * r.suppressionRate).toFixed(0)}%`)).join('')}`,
  );
  return lines;
}

function catalogueOrder(id: string): number {
  const index = CATALOGUE.findIndex((c) => id.startsWith(c.id));
  return index < 0 ? CATALOGUE.length : index;
}
