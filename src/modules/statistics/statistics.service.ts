import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { statisticsConfig } from '../../core/config';
import { RequestContext } from '../../core/database/request-context';
import { EXPLOITATION_TYPES } from '../cases/code-lists';
import { perturb } from './cell-key';
import { exportCtdc } from './ctdc-export';
import type { CtdcExport } from './ctdc-export';
import { discreteLaplace, sensitivityOf } from './differential-privacy';
import { categoriesOf, Dimension, DIMENSIONS, isDimension, MULTI_VALUED, OTHER, TOTAL } from './dimensions';
import type { StatisticsQueryDto, TimelinessQueryDto } from './dto/statistics-query.dto';
import { StatisticalTable, keyOf } from './statistical-table';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import type { CountRow, TimelinessRow } from './statistics.repository';
import { StatisticsRepository } from './statistics.repository';
import { withholding } from './suppression';
import { publishTimeliness } from './timeliness';
import type { TimelinessMeasure, TimelinessMeasureAnswer } from './timeliness';

export interface StatisticsEntry {
  /** A code per dimension, or '*' for all of that dimension. */
  key: Partial<Record<Dimension, string>>;
  /** The published count; null when withheld. */
  count: number | null;
}

export interface StatisticsAnswer {
  mode: 'suppression' | 'dp';
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
  /** suppression mode: the threshold k. */
  threshold?: number;
  /** dp mode: the ε this answer cost when first given (from the lifetime budget). */
  epsilon?: number;
  /**
   * suppression mode: per dimension asked, the categories too small overall that are counted in the
   * `other` bucket instead of on their own (global recoding).
   */
  folded?: Partial<Record<Dimension, string[]>>;
  /** False when the whole population asked about is below k: nothing is published. */
  answered: boolean;
  cells: StatisticsEntry[];
  /** Every margin, down to the grand total (all keys '*'). */
  totals: StatisticsEntry[];
}

export interface TimelinessAnswer {
  mode: 'suppression';
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
  threshold: number;
  folded: Partial<Record<Dimension, string[]>>;
  measures: Record<TimelinessMeasure, TimelinessMeasureAnswer>;
}

export interface StatisticsQuestion {
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
}

/**
 * Answers the Commission's questions under disclosure control (docs/statistics.md): in suppression
 * mode threshold suppression, complementary suppression and cell-key perturbation, deterministic;
 * in dp mode discrete Laplace noise under a yearly privacy budget, each answer stored and repeated.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly context: RequestContext,
    @Inject(statisticsConfig.KEY) private readonly config: ConfigType<typeof statisticsConfig>,
  ) {}

  async countCases(dto: StatisticsQueryDto): Promise<StatisticsAnswer> {
    const question = canonicalQuestion(dto);
    this.context.recordAccess({
      detail: {
        mode: this.config.mode,
        groupBy: question.groupBy,
        ...Object.fromEntries(Object.entries(question.filters).map(([d, v]) => [`filter.${d}`, v])),
      },
    });
    if (this.config.mode === 'dp') return this.answerPrivately(question);
    await this.countQuestion({ kind: 'cases', ...question });
    return this.answerWithSuppression(question);
  }

  async timeliness(dto: TimelinessQueryDto): Promise<TimelinessAnswer> {
    const dimension = dto.groupBy && isDimension(dto.groupBy) ? dto.groupBy : undefined;
    const filters = canonicalFilters(dto);
    this.context.recordAccess({
      detail: {
        mode: this.config.mode,
        groupBy: dimension ? [dimension] : [],
        ...Object.fromEntries(Object.entries(filters).map(([d, v]) => [`filter.${d}`, v])),
      },
    });
    if (this.config.mode === 'dp') {
      throw new StatisticsException(
        StatisticsErrorCode.TimelinessUnavailable,
        'NRM timeliness is not answered in differential-privacy mode (docs/statistics.md)',
      );
    }
    await this.countQuestion({ kind: 'timeliness', groupBy: dimension ? [dimension] : [], filters });
    const folded = await this.recoding({ groupBy: dimension ? [dimension] : [], filters });
    const rows = recodeTimeliness(await this.repository.timeliness(dimension, filters), (code) =>
      dimension ? this.recode(dimension, code, folded) : code,
    );
    const categories = dimension ? this.categories(dimension, filters, folded) : [];
    return {
      mode: 'suppression',
      groupBy: dimension ? [dimension] : [],
      filters,
      threshold: this.config.threshold,
      folded: dimension && folded.get(dimension)?.size ? { [dimension]: [...folded.get(dimension)!] } : {},
      measures: publishTimeliness(rows, dimension, categories, this.config.threshold),
    };
  }

  async exportCtdc(): Promise<{ result: CtdcExport; threshold: number }> {
    this.context.recordAccess({ detail: { format: 'ctdc', threshold: this.config.threshold } });
    return {
      result: exportCtdc(await this.repository.ctdcRecords(), this.config.threshold),
      threshold: this.config.threshold,
    };
  }

  private async answerWithSuppression(question: StatisticsQuestion): Promise<StatisticsAnswer> {
    const k = this.config.threshold;
    const rows = await this.repository.caseCounts(question.groupBy, question.filters);
    const folded = await this.recoding(question, Object.keys(question.filters).length === 0 ? rows : undefined);
    const { table, keySums } = this.table(question, rows, folded);
    const base = {
      mode: 'suppression' as const,
      ...question,
      threshold: k,
      folded: Object.fromEntries(
        question.groupBy.filter((d) => folded.get(d)?.size).map((d) => [d, [...folded.get(d)!]]),
      ),
    };
    if (table.grandTotal < k) return { ...base, answered: false, cells: [], totals: [] };
    const withheld = withholding(table, k);
    return {
      ...base,
      answered: true,
      ...this.entries(question, table, (key) =>
        withheld.has(keyOf(key)) ? null : perturb(table.count(key), keySums.get(keyOf(key)) ?? 0n),
      ),
    };
  }

  /**
   * A question asked before gets its stored answer and spends nothing; a new one locks the lifetime
   * budget's row, checks it can pay, draws the noise once, and stores the answer. The budget never
   * renews: every question covers every year's cases, so a renewing budget would bound nothing.
   */
  private async answerPrivately(question: StatisticsQuestion): Promise<StatisticsAnswer> {
    const { epsilonPerQuestion: epsilon, epsilonTotal } = this.config;
    const period = 'lifetime';
    const id = createHash('sha256')
      .update(JSON.stringify({ v: 2, period, epsilon, first: this.config.firstYear, ...question }))
      .digest('hex');
    const stored = await this.repository.storedAnswer(id);
    if (stored) return stored.answer as StatisticsAnswer;
    const spent = await this.repository.lockBudget(period);
    const raced = await this.repository.storedAnswer(id);
    if (raced) return raced.answer as StatisticsAnswer;
    if (spent + epsilon > epsilonTotal + 1e-9) {
      throw new StatisticsException(
        StatisticsErrorCode.BudgetSpent,
        `The privacy budget (ε = ${epsilonTotal} in all) is spent: questions asked before can be asked again, new ones cannot`,
      );
    }
    // No data-dependent recoding here: only codes outside the fixed categories go to `other`.
    const { table } = this.table(question, await this.repository.caseCounts(question.groupBy, question.filters));
    const sensitivity = sensitivityOf(
      question.groupBy.map((d) => MULTI_VALUED.has(d)),
      EXPLOITATION_TYPES.length,
    );
    const answer: StatisticsAnswer = {
      mode: 'dp',
      ...question,
      epsilon,
      answered: true,
      ...this.entries(question, table, (key) => Math.max(0, table.count(key) + discreteLaplace(epsilon, sensitivity))),
    };
    await this.repository.spend(period, id, epsilon, answer);
    return answer;
  }

  /**
   * Suppression mode: at most `dailyQuestions` distinct questions per user and day, counted in the
   * database; asking a question again is free (its answer is the same).
   */
  private async countQuestion(question: object): Promise<void> {
    const id = createHash('sha256').update(JSON.stringify(question)).digest('hex');
    const asked = await this.repository.recordQuestion(id);
    if (asked > this.config.dailyQuestions) {
      throw new StatisticsException(
        StatisticsErrorCode.DailyQuestionsSpent,
        `At most ${this.config.dailyQuestions} different statistical questions a day; questions asked today can be asked again`,
      );
    }
  }

  /**
   * Global recoding (suppression mode): for every dimension the question groups by or filters on, the
   * categories whose whole population (no filter) is 0 < n < k, folded into `other` in every
   * question. When `other` itself (with codes outside the fixed categories) stays 0 < n < k, the
   * smallest remaining categories join it until it reaches k. A filter naming a folded category is
   * refused: it would ask about that small group on its own. `unfiltered` are the question's own rows
   * when it has no filter (they hold every one-dimensional margin already).
   */
  private async recoding(
    question: StatisticsQuestion,
    unfiltered?: readonly CountRow[],
  ): Promise<Map<Dimension, Set<string>>> {
    const dimensions = DIMENSIONS.filter((d) => question.groupBy.includes(d) || question.filters[d]);
    const overall = new Map<Dimension, Map<string, number>>(dimensions.map((d) => [d, new Map()]));
    const read = (asked: readonly Dimension[], rows: readonly CountRow[]): void => {
      for (const row of rows) {
        const at = row.key.flatMap((v, i) => (v === TOTAL ? [] : [i]));
        if (at.length === 1) overall.get(asked[at[0]])?.set(row.key[at[0]], row.n);
      }
    };
    if (unfiltered && question.groupBy.length === dimensions.length) {
      read(question.groupBy, unfiltered);
    } else {
      for (let i = 0; i < dimensions.length; i += 3) {
        const chunk = dimensions.slice(i, i + 3);
        read(chunk, await this.repository.caseCounts(chunk, {}));
      }
    }
    const folded = new Map<Dimension, Set<string>>();
    for (const dimension of dimensions) {
      const small = foldedCategories(overall.get(dimension)!, this.fixed(dimension), this.config.threshold);
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

  private fixed(dimension: Dimension): readonly string[] {
    return categoriesOf(dimension, this.config.firstYear, new Date().getUTCFullYear());
  }

  /** The category a code is published under: itself, or `other` (outside the fixed set, or folded). */
  private recode(dimension: Dimension, code: string, folded: ReadonlyMap<Dimension, Set<string>>): string {
    if (code === TOTAL) return code;
    return !this.fixed(dimension).includes(code) || folded.get(dimension)?.has(code) ? OTHER : code;
  }

  private table(
    question: StatisticsQuestion,
    rows: readonly CountRow[],
    folded: ReadonlyMap<Dimension, Set<string>> = new Map(),
  ): { table: StatisticalTable; keySums: Map<string, bigint> } {
    const counts = new Map<string, number>();
    const keySums = new Map<string, bigint>();
    for (const row of rows) {
      const key = keyOf(row.key.map((code, i) => this.recode(question.groupBy[i], code, folded)));
      counts.set(key, (counts.get(key) ?? 0) + row.n);
      keySums.set(key, (keySums.get(key) ?? 0n) + row.keySum);
    }
    const categories = question.groupBy.map((dimension) => this.categories(dimension, question.filters, folded));
    return { table: new StatisticalTable(categories, counts), keySums };
  }

  /**
   * The categories of a dimension, fixed in advance and narrowed to its filter, without the folded
   * ones, and `other` last (unless a filter leaves nothing that could fall in it). Which rows an answer
   * has depends on the question and, in suppression mode, on which categories are small overall —
   * never on the codes found in the filtered population.
   */
  private categories(
    dimension: Dimension,
    filters: StatisticsQuestion['filters'],
    folded: ReadonlyMap<Dimension, Set<string>> = new Map(),
  ): string[] {
    const fixed = this.fixed(dimension);
    const own = fixed.filter((v) => !folded.get(dimension)?.has(v));
    const chosen = filters[dimension];
    if (!chosen) return [...own, OTHER];
    const narrowed = own.filter((v) => chosen.includes(v));
    return chosen.some((v) => !fixed.includes(v)) ? [...narrowed, OTHER] : narrowed;
  }

  private entries(
    question: StatisticsQuestion,
    table: StatisticalTable,
    publish: (key: string[]) => number | null,
  ): Pick<StatisticsAnswer, 'cells' | 'totals'> {
    const cells: StatisticsEntry[] = [];
    const totals: StatisticsEntry[] = [];
    for (const entry of table.entries) {
      const key = Object.fromEntries(question.groupBy.map((d, i) => [d, entry[i]]));
      (entry.includes(TOTAL) ? totals : cells).push({ key, count: publish(entry) });
    }
    return { cells, totals };
  }
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

/**
 * Timeliness rows with their categories recoded: rows that land in the same category merge (counts
 * and key sums add up; a median of several rows cannot be merged and is dropped).
 */
function recodeTimeliness(rows: readonly TimelinessRow[], recode: (code: string) => string): TimelinessRow[] {
  const merged = new Map<string, TimelinessRow>();
  for (const row of rows) {
    const key = recode(row.key);
    const id = `${row.measure}\u001f${key}`;
    const before = merged.get(id);
    merged.set(
      id,
      before
        ? {
            ...before,
            n: before.n + row.n,
            cases: before.cases + row.cases,
            keySum: before.keySum + row.keySum,
            median: null,
          }
        : { ...row, key },
    );
  }
  return [...merged.values()];
}

/** The question in one canonical form: dimensions and filters in the catalogue's order, values sorted. */
export function canonicalQuestion(dto: StatisticsQueryDto): StatisticsQuestion {
  return { groupBy: DIMENSIONS.filter((d) => dto.groupBy.includes(d)), filters: canonicalFilters(dto) };
}

function canonicalFilters(dto: StatisticsQueryDto | TimelinessQueryDto): StatisticsQuestion['filters'] {
  const filters: Partial<Record<Dimension, string[]>> = {};
  for (const dimension of DIMENSIONS) {
    const values = (dto as unknown as Record<string, string[] | undefined>)[dimension];
    if (values && isDimension(dimension)) filters[dimension] = [...new Set(values)].sort();
  }
  return filters;
}
