import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { statisticsConfig } from '../../core/config';
import { EXPLOITATION_TYPES } from '../cases/code-lists/code-lists';
import { discreteLaplace, sensitivityOf } from './differential-privacy';
import { MULTI_VALUED } from './dimensions';
import type { StatisticsAnswerDto } from './dto/statistics-answer.dto';
import type { FixedCategories } from './recoding';
import { Recoding } from './recoding';
import type { StatisticsQuestion } from './statistics-question';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import { StatisticsRepository } from './statistics.repository';
import { entriesOf, tabulate } from './tabulation';

/**
 * Answers in differential-privacy mode. A question asked before gets its stored answer and spends
 * nothing; a new one locks the lifetime budget's row, checks it can pay, draws the noise once, and
 * stores the answer. The budget never renews: every question covers every year's cases, so a renewing
 * budget would bound nothing.
 */
@Injectable()
export class PrivateAnswers {
  constructor(
    private readonly repository: StatisticsRepository,
    @Inject(statisticsConfig.KEY) private readonly config: ConfigType<typeof statisticsConfig>,
  ) {}

  async answer(question: StatisticsQuestion, fixed: FixedCategories): Promise<StatisticsAnswerDto> {
    const { epsilonPerQuestion: epsilon, epsilonTotal } = this.config;
    const period = 'lifetime';
    const id = createHash('sha256')
      .update(JSON.stringify({ v: 2, period, epsilon, first: this.config.firstYear, ...question }))
      .digest('hex');
    const stored = await this.repository.storedAnswer(id);
    if (stored) return stored.answer as StatisticsAnswerDto;
    const spent = await this.repository.lockBudget(period);
    const raced = await this.repository.storedAnswer(id);
    if (raced) return raced.answer as StatisticsAnswerDto;
    if (spent + epsilon > epsilonTotal + 1e-9) {
      throw new StatisticsException(
        StatisticsErrorCode.BudgetSpent,
        `The privacy budget (ε = ${epsilonTotal} in all) is spent: questions asked before can be asked again, new ones cannot`,
      );
    }
    // No data-dependent recoding here: only codes outside the fixed categories go to `other`.
    const rows = await this.repository.caseCounts(question.groupBy, question.filters);
    const { table } = tabulate(question, rows, new Recoding(fixed));
    const sensitivity = sensitivityOf(
      question.groupBy.map((d) => MULTI_VALUED.has(d)),
      EXPLOITATION_TYPES.length,
    );
    const answer: StatisticsAnswerDto = {
      mode: 'dp',
      ...question,
      epsilon,
      answered: true,
      ...entriesOf(question, table, (key) => Math.max(0, table.count(key) + discreteLaplace(epsilon, sensitivity))),
    };
    await this.repository.spend(period, id, epsilon, answer);
    return answer;
  }
}
