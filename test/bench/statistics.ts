import { CATALOGUE } from '../../src/modules/statistics/releases/release-contract';
import type { PublishedTable } from '../../src/modules/statistics/releases/release-contract';
import { trueTables } from '../../src/modules/statistics/releases/release-tables';
import { releaseEngine } from '../support/disclosure-attack';
import { makePopulation } from '../support/release-population';

/** The yearly populations the utility table is computed for: Tajikistan identifies tens of victims a year. */
export const UTILITY_SIZES = [20, 40, 60, 200] as const;

export interface UtilityRow {
  victims: number;
  /** The release's own suppression rate (withheld cells over all cells of the catalogue). */
  suppressionRate: number;
  /**
   * Per catalogue table: published cells over cells that hold someone (margins not counted), the share
   * of the victims counted in a published cell, and whether it was pooled.
   */
  tables: Record<string, { published: number; cells: number; victimsShare: number; pooled: boolean }>;
}

function isCell(table: PublishedTable, key: readonly string[]): boolean {
  return key.length === table.dimensions.length && key.every((k) => k !== '*');
}

/**
 * Per catalogue table of a year's release, for each population size (makePopulation: skewed as
 * Tajikistan's identified victims are, with one rare case): the cells that truly hold someone, how
 * many of them the release publishes, and the share of the year's victims counted in a published
 * cell. True counts come from trueTables, so a withheld zero is not taken for a withheld person.
 */
export async function measureReleaseUtility(k = 11): Promise<UtilityRow[]> {
  const engine = await releaseEngine();
  const rows: UtilityRow[] = [];
  for (const victims of UTILITY_SIZES) {
    const records = makePopulation(victims, 2025, 2025);
    const release = engine.buildRelease({ period: '2025', records, k });
    const truth = new Map(
      trueTables({ period: '2025', records, tables: release.tables }).map((t) => [t.id + (t.pooled ? 'p' : ''), t]),
    );
    const tables: UtilityRow['tables'] = {};
    for (const table of release.tables) {
      const id = table.pooled ? `${table.id} (pooled ${table.pooled.from}-${table.pooled.to})` : table.id;
      const counts = (truth.get(table.id + (table.pooled ? 'p' : '')) as PublishedTable).entries;
      let cells = 0;
      let published = 0;
      let counted = 0;
      table.entries.forEach((entry, i) => {
        const n = counts[i].count ?? 0;
        if (!isCell(table, entry.key) || n === 0) return;
        cells += 1;
        if (entry.count !== null) {
          published += 1;
          counted += n;
        }
      });
      tables[id] = { published, cells, victimsShare: victims ? counted / victims : 0, pooled: table.pooled !== undefined };
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
    `${'published/non-zero cells, victims in them'.padEnd(width)} ${rows.map((r) => column(String(r.victims))).join('')}`,
  ];
  for (const id of ids) {
    const cells = rows.map((r) => {
      const figure = r.tables[id];
      if (!figure) return column('-');
      return column(
        figure.cells === 0
          ? '0/0'
          : `${figure.published}/${figure.cells} ${Math.round(100 * figure.victimsShare)}%`,
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
