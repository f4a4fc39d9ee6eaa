import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { statisticsConfig } from '../../core/config';
import { RequestContext } from '../../core/database/request-context';
import { perturb } from './cell-key';
import { exportCtdc } from './ctdc-export';
import type { CtdcExport } from './ctdc-export';
import { categoriesOf, Dimension, isDimension } from './dimensions';
import type { StatisticsAnswerDto, TimelinessAnswerDto } from './dto/statistics-answer.dto';
import type { StatisticsQueryDto, TimelinessQueryDto } from './dto/statistics-query.dto';
import { PrivateAnswers } from './private-answers';
import {
  FixedCategories,
  foldSmallCategories,
  readMargins,
  recodedDimensions,
  recodeTimeliness,
  Recoding,
} from './recoding';
import { keyOf } from './statistical-table';
import { canonicalFilters, canonicalQuestion, questionDetail, StatisticsQuestion } from './statistics-question';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import type { CountRow } from './statistics.repository';
import { StatisticsRepository } from './statistics.repository';
import { withholding } from './suppression';
import { entriesOf, tabulate } from './tabulation';
import { publishTimeliness } from './timeliness';

/**
 * Answers the Commission's questions under disclosure control (docs/statistics.md): in suppression
 * mode threshold suppression, complementary suppression and cell-key perturbation, deterministic;
 * in dp mode discrete Laplace noise under a yearly privacy budget, each answer stored and repeated
 * (PrivateAnswers).
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly privateAnswers: PrivateAnswers,
    private readonly context: RequestContext,
    @Inject(statisticsConfig.KEY) private readonly config: ConfigType<typeof statisticsConfig>,
  ) {}

  async countCases(dto: StatisticsQueryDto): Promise<StatisticsAnswerDto> {
    const question = canonicalQuestion(dto);
    this.context.recordAccess({ detail: questionDetail(this.config.mode, question) });
    if (this.config.mode === 'dp') return this.privateAnswers.answer(question, this.fixed);
    await this.countQuestion({ kind: 'cases', ...question });
    return this.answerWithSuppression(question);
  }

  async timeliness(dto: TimelinessQueryDto): Promise<TimelinessAnswerDto> {
    const dimension = dto.groupBy && isDimension(dto.groupBy) ? dto.groupBy : undefined;
    const question: StatisticsQuestion = { groupBy: dimension ? [dimension] : [], filters: canonicalFilters(dto) };
    this.context.recordAccess({ detail: questionDetail(this.config.mode, question) });
    if (this.config.mode === 'dp') {
      throw new StatisticsException(
        StatisticsErrorCode.TimelinessUnavailable,
        'NRM timeliness is not answered in differential-privacy mode (docs/statistics.md)',
      );
    }
    await this.countQuestion({ kind: 'timeliness', ...question });
    const recoding = await this.recoding(question);
    const rows = recodeTimeliness(await this.repository.timeliness(dimension, question.filters), (code) =>
      dimension ? recoding.recode(dimension, code) : code,
    );
    const categories = dimension ? recoding.categories(dimension, question.filters) : [];
    return {
      mode: 'suppression',
      ...question,
      threshold: this.config.threshold,
      folded: recoding.foldedOf(question.groupBy),
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

  private async answerWithSuppression(question: StatisticsQuestion): Promise<StatisticsAnswerDto> {
    const k = this.config.threshold;
    const rows = await this.repository.caseCounts(question.groupBy, question.filters);
    const recoding = await this.recoding(question, Object.keys(question.filters).length === 0 ? rows : undefined);
    const { table, keySums } = tabulate(question, rows, recoding);
    const base = {
      mode: 'suppression' as const,
      ...question,
      threshold: k,
      folded: recoding.foldedOf(question.groupBy),
    };
    if (table.grandTotal < k) return { ...base, answered: false, cells: [], totals: [] };
    const withheld = withholding(table, k);
    return {
      ...base,
      answered: true,
      ...entriesOf(question, table, (key) =>
        withheld.has(keyOf(key)) ? null : perturb(table.count(key), keySums.get(keyOf(key)) ?? 0n),
      ),
    };
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
   * Global recoding (suppression mode, foldSmallCategories) from the whole population's count per code
   * of every dimension the question groups by or filters on. `unfiltered` are the question's own rows
   * when it has no filter (they hold every one-dimensional margin already); otherwise the margins are
   * asked for, three dimensions at a time.
   */
  private async recoding(question: StatisticsQuestion, unfiltered?: readonly CountRow[]): Promise<Recoding> {
    const dimensions = recodedDimensions(question);
    const overall = new Map<Dimension, Map<string, number>>(dimensions.map((d) => [d, new Map()]));
    if (unfiltered && question.groupBy.length === dimensions.length) {
      readMargins(overall, question.groupBy, unfiltered);
    } else {
      for (let i = 0; i < dimensions.length; i += 3) {
        const chunk = dimensions.slice(i, i + 3);
        readMargins(overall, chunk, await this.repository.caseCounts(chunk, {}));
      }
    }
    return new Recoding(this.fixed, foldSmallCategories(question, overall, this.fixed, this.config.threshold));
  }

  /** The codes a question may filter on, by dimension, in their fixed order (years from the first counted). */
  filterCodes(dimension: Dimension): readonly string[] {
    return this.fixed(dimension);
  }

  private readonly fixed: FixedCategories = (dimension) =>
    categoriesOf(dimension, this.config.firstYear, new Date().getUTCFullYear());
}
