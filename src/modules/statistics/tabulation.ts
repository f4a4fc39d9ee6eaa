import { TOTAL } from './dimensions';
import type { StatisticsEntryDto } from './dto/statistics-answer.dto';
import type { Recoding } from './recoding';
import { StatisticalTable, keyOf } from './statistical-table';
import type { StatisticsQuestion } from './statistics-question';
import type { CountRow } from './statistics.repository';

/** The question's table from the database's rows, with every code recoded, and each entry's key sum. */
export function tabulate(
  question: StatisticsQuestion,
  rows: readonly CountRow[],
  recoding: Recoding,
): { table: StatisticalTable; keySums: Map<string, bigint> } {
  const counts = new Map<string, number>();
  const keySums = new Map<string, bigint>();
  for (const row of rows) {
    const key = keyOf(row.key.map((code, i) => recoding.recode(question.groupBy[i], code)));
    counts.set(key, (counts.get(key) ?? 0) + row.n);
    keySums.set(key, (keySums.get(key) ?? 0n) + row.keySum);
  }
  const categories = question.groupBy.map((dimension) => recoding.categories(dimension, question.filters));
  return { table: new StatisticalTable(categories, counts), keySums };
}

/** The table's entries as an answer gives them, each count as `publish` has it published. */
export function entriesOf(
  question: StatisticsQuestion,
  table: StatisticalTable,
  publish: (key: string[]) => number | null,
): { cells: StatisticsEntryDto[]; totals: StatisticsEntryDto[] } {
  const cells: StatisticsEntryDto[] = [];
  const totals: StatisticsEntryDto[] = [];
  for (const entry of table.entries) {
    const key = Object.fromEntries(question.groupBy.map((d, i) => [d, entry[i]]));
    (entry.includes(TOTAL) ? totals : cells).push({ key, count: publish(entry) });
  }
  return { cells, totals };
}
