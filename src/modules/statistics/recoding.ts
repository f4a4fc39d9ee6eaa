import { Dimension, DIMENSIONS, OTHER, TOTAL } from './dimensions';
import type { StatisticsQuestion } from './statistics-question';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';

/** A count of cases per key: one code per dimension asked, or '*' for a margin. */
export interface CountRow {
  key: string[];
  n: number;
}

export type Folded = ReadonlyMap<Dimension, ReadonlySet<string>>;

/** The categories fixed in advance for a dimension (dimensions.ts, categoriesOf). */
export type FixedCategories = (dimension: Dimension) => readonly string[];

/**
 * How an answer publishes codes: each under itself, or under `other` when it is outside the fixed
 * categories or folded by global recoding (suppression mode only; in dp mode nothing is folded).
 */
export class Recoding {
  constructor(
    private readonly fixed: FixedCategories,
    readonly folded: Folded = new Map(),
  ) {}

  /** The category a code is published under: itself, or `other`. */
  recode(dimension: Dimension, code: string): string {
    if (code === TOTAL) return code;
    return !this.fixed(dimension).includes(code) || this.folded.get(dimension)?.has(code) ? OTHER : code;
  }

  /**
   * The categories of a dimension, fixed in advance and narrowed to its filter, without the folded
   * ones, and `other` last (unless a filter leaves nothing that could fall in it). Which rows an answer
   * has depends on the question and, in suppression mode, on which categories are small overall —
   * never on the codes found in the filtered population.
   */
  categories(dimension: Dimension, filters: StatisticsQuestion['filters']): string[] {
    const fixed = this.fixed(dimension);
    const own = fixed.filter((v) => !this.folded.get(dimension)?.has(v));
    const chosen = filters[dimension];
    if (!chosen) return [...own, OTHER];
    const narrowed = own.filter((v) => chosen.includes(v));
    return chosen.some((v) => !fixed.includes(v)) ? [...narrowed, OTHER] : narrowed;
  }

  /** The folded categories of the dimensions an answer groups by, as the answer names them. */
  foldedOf(groupBy: readonly Dimension[]): Partial<Record<Dimension, string[]>> {
    return Object.fromEntries(
      groupBy.filter((d) => this.folded.get(d)?.size).map((d) => [d, [...this.folded.get(d)!]]),
    );
  }
}

/** The dimensions global recoding looks at: those the question groups by or filters on. */
export function recodedDimensions(question: StatisticsQuestion): Dimension[] {
  return DIMENSIONS.filter((d) => question.groupBy.includes(d) || question.filters[d]);
}

/** Reads the one-dimensional margins of `rows` (asked by `asked`) into the whole population's counts. */
export function readMargins(
  overall: Map<Dimension, Map<string, number>>,
  asked: readonly Dimension[],
  rows: readonly CountRow[],
): void {
  for (const row of rows) {
    const at = row.key.flatMap((v, i) => (v === TOTAL ? [] : [i]));
    if (at.length === 1) overall.get(asked[at[0]])?.set(row.key[at[0]], row.n);
  }
}

/**
 * Global recoding (suppression mode): for every dimension in `overall` (the whole population's count
 * per code, no filter), the folded categories (foldedCategories). A filter naming a folded category is
 * refused: it would ask about that small group on its own.
 */
export function foldSmallCategories(
  question: StatisticsQuestion,
  overall: ReadonlyMap<Dimension, ReadonlyMap<string, number>>,
  fixed: FixedCategories,
  k: number,
): Map<Dimension, Set<string>> {
  const folded = new Map<Dimension, Set<string>>();
  for (const [dimension, counts] of overall) {
    const small = foldedCategories(counts, fixed(dimension), k);
    folded.set(dimension, small);
    const named = (question.filters[dimension] ?? []).filter((v) => small.has(v));
    if (named.length > 0) {
      throw new StatisticsException(
        StatisticsErrorCode.CategoryFolded,
        `${dimension}: ${named.join(', ')} ${named.length > 1 ? 'are' : 'is'} too small to be asked about on its own (counted under "${OTHER}")`,
        dimension,
      );
    }
  }
  return folded;
}

/**
 * The categories of one dimension that global recoding folds into `other`, from the whole
 * population's count per code: those counting 0 < n < k; then, while `other` (with every code outside
 * the fixed categories) counts 0 < n < k, the smallest remaining non-empty category (ties by code).
 */
export function foldedCategories(
  counts: ReadonlyMap<string, number>,
  fixed: readonly string[],
  k: number,
): Set<string> {
  const folded = new Set<string>();
  let bucket = 0;
  for (const [code, n] of counts) if (code !== TOTAL && !fixed.includes(code)) bucket += n;
  for (const code of fixed) {
    const n = counts.get(code) ?? 0;
    if (n > 0 && n < k) {
      folded.add(code);
      bucket += n;
    }
  }
  const rest = fixed
    .filter((code) => !folded.has(code) && (counts.get(code) ?? 0) > 0)
    .sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  while (bucket > 0 && bucket < k && rest.length > 0) {
    const code = rest.shift() as string;
    folded.add(code);
    bucket += counts.get(code) ?? 0;
  }
  return folded;
}
