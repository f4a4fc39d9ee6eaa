import { csvField } from '../ctdc-export';
import type { PublishedTable, PublishedTimeliness } from './release-contract';

export const TABLES_CSV_HEADER = [
  'table',
  'years',
  'dimension_1',
  'category_1',
  'dimension_2',
  'category_2',
  'dimension_3',
  'category_3',
  'count',
  'withheld',
];

const MAX_DIMENSIONS = 3;

const TIMELINESS_MEASURES = [
  'identificationToAcceptanceDays',
  'referralResponseDays',
  'overdueReferrals',
] as const satisfies readonly (keyof PublishedTimeliness)[];

/**
 * Every table of a release as one CSV (RFC 4180, CRLF): one line per entry, its coordinates as
 * dimension/category pairs (`*` for a margin), the count, and `withheld` = 1 with an empty count
 * when it is not published; the timeliness measures last, as table `timeliness`.
 */
export function tablesCsv(tables: readonly PublishedTable[], timeliness: PublishedTimeliness | null): string {
  const lines: string[][] = [TABLES_CSV_HEADER];
  for (const table of tables) {
    if (table.dimensions.length > MAX_DIMENSIONS) throw new Error(`table ${table.id}: more than three dimensions`);
    const years = table.pooled ? `${table.pooled.from}-${table.pooled.to}` : '';
    for (const entry of table.entries) {
      const coordinates: string[] = [];
      for (let i = 0; i < MAX_DIMENSIONS; i++) {
        coordinates.push(table.dimensions[i] ?? '', table.dimensions[i] === undefined ? '' : entry.key[i]);
      }
      lines.push([
        table.id,
        years,
        ...coordinates,
        entry.count === null ? '' : String(entry.count),
        entry.count === null ? '1' : '0',
      ]);
    }
  }
  if (timeliness) {
    for (const measure of TIMELINESS_MEASURES) {
      const value = timeliness[measure];
      lines.push([
        'timeliness',
        '',
        'measure',
        measure,
        '',
        '',
        '',
        '',
        value === null ? '' : String(value),
        value === null ? '1' : '0',
      ]);
    }
  }
  return lines.map((line) => line.map(csvField).join(',') + '\r\n').join('');
}
