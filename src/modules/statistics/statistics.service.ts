import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { statisticsConfig } from '../../core/config';
import { RequestContext } from '../../core/database/request-context';
import { EXPLOITATION_TYPES } from '../cases/code-lists/code-lists';
import { perturb } from './cell-key';
import { exportCtdc } from './ctdc-export';
import type { CtdcExport } from './ctdc-export';
import { discreteLaplace, sensitivityOf } from './differential-privacy';
import { categoriesOf, Dimension, DIMENSIONS, isDimension, MULTI_VALUED, TOTAL } from './dimensions';
import type { StatisticsQueryDto, TimelinessQueryDto } from './dto/statistics-query.dto';
import { StatisticalTable, keyOf } from './statistical-table';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import { StatisticsRepository } from './statistics.repository';
import { suppress, TooDetailedError } from './suppression';
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
  /** dp mode: the ε this answer cost when first given, and the year whose budget paid for it. */
  epsilon?: number;
  period?: string;
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
    return this.config.mode === 'dp' ? this.answerPrivately(question) : this.answerWithSuppression(question);
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
    const rows = await this.repository.timeliness(dimension, filters);
    const categories = dimension
      ? this.categories(
          dimension,
          filters,
          rows.map((r) => r.key),
        )
      : [];
    return {
      mode: 'suppression',
      groupBy: dimension ? [dimension] : [],
      filters,
      threshold: this.config.threshold,
      measures: publishTimeliness(rows, dimension, categories, this.config.threshold),
    };
  }

  async exportCtdc(): Promise<CtdcExport> {
    this.context.recordAccess({ detail: { format: 'ctdc', threshold: this.config.threshold } });
    return exportCtdc(await this.repository.ctdcRecords(), this.config.threshold);
  }

  private async answerWithSuppression(question: StatisticsQuestion): Promise<StatisticsAnswer> {
    const k = this.config.threshold;
    const { table, keySums } = await this.table(question);
    const base = { mode: 'suppression' as const, ...question, threshold: k };
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
   * A question asked before in this year gets its stored answer and spends nothing; a new one locks
   * the year's budget row, checks it can pay, draws the noise once, and stores the answer.
   */
  private async answerPrivately(question: StatisticsQuestion): Promise<StatisticsAnswer> {
    const { epsilonPerQuestion: epsilon, epsilonPerYear } = this.config;
    const period = String(new Date().getUTCFullYear());
    const id = createHash('sha256')
      .update(JSON.stringify({ v: 1, period, epsilon, first: this.config.firstYear, ...question }))
      .digest('hex');
    const stored = await this.repository.storedAnswer(id);
    if (stored) return stored.answer as StatisticsAnswer;
    const spent = await this.repository.lockBudget(period);
    const raced = await this.repository.storedAnswer(id);
    if (raced) return raced.answer as StatisticsAnswer;
    if (spent + epsilon > epsilonPerYear + 1e-9) {
      throw new StatisticsException(
        StatisticsErrorCode.BudgetSpent,
        `The privacy budget of ${period} (ε = ${epsilonPerYear}) is spent: questions asked before can be asked again, new ones in the next year`,
      );
    }
    const { table } = await this.table(question);
    const sensitivity = sensitivityOf(
      question.groupBy.map((d) => MULTI_VALUED.has(d)),
      EXPLOITATION_TYPES.length,
    );
    const answer: StatisticsAnswer = {
      mode: 'dp',
      ...question,
      epsilon,
      period,
      answered: true,
      ...this.entries(question, table, (key) => Math.max(0, table.count(key) + discreteLaplace(epsilon, sensitivity))),
    };
    await this.repository.spend(period, id, epsilon, answer);
    return answer;
  }

  private async table(
    question: StatisticsQuestion,
  ): Promise<{ table: StatisticalTable; keySums: Map<string, bigint> }> {
    const rows = await this.repository.caseCounts(question.groupBy, question.filters);
    const counts = new Map<string, number>();
    const keySums = new Map<string, bigint>();
    for (const row of rows) {
      counts.set(keyOf(row.key), row.n);
      keySums.set(keyOf(row.key), row.keySum);
    }
    const categories = question.groupBy.map((dimension, i) =>
      this.categories(
        dimension,
        question.filters,
        rows.map((r) => r.key[i]),
      ),
    );
    return { table: new StatisticalTable(categories, counts), keySums };
  }

  /**
   * The fixed categories of a dimension, narrowed to its filter. Codes outside them that the data
   * holds (a year before the first year) still count, listed at the end.
   */
  private categories(dimension: Dimension, filters: StatisticsQuestion['filters'], seen: string[]): string[] {
    const all = categoriesOf(dimension, this.config.firstYear, new Date().getUTCFullYear());
    const extra = [...new Set(seen)].filter((v) => v !== TOTAL && !all.includes(v)).sort();
    const chosen = filters[dimension];
    return [...all, ...extra].filter((v) => !chosen || chosen.includes(v));
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

/** The entries to withhold, or a 422 when there are too many small cells to check their protection. */
export function withholding(table: StatisticalTable, k: number): Set<string> {
  try {
    return suppress(table, k);
  } catch (error) {
    if (!(error instanceof TooDetailedError)) throw error;
    throw new StatisticsException(
      StatisticsErrorCode.TooDetailed,
      'Too many small counts in this table to publish it safely; group by fewer dimensions or filter more',
    );
  }
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
