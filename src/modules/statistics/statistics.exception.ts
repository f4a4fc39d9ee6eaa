import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../core/http/domain.exception';

export enum StatisticsErrorCode {
  /** Differential-privacy mode: the lifetime privacy budget cannot pay for a new question. */
  BudgetSpent = 'statistics_privacy_budget_spent',
  /** Differential-privacy mode has no private medians yet: timeliness is not answered in it. */
  TimelinessUnavailable = 'statistics_timeliness_unavailable',
  /** So many small cells that their protection cannot be checked: ask with fewer dimensions or filters. */
  TooDetailed = 'statistics_question_too_detailed',
  /** Suppression mode: this user asked as many distinct questions today as allowed. */
  DailyQuestionsSpent = 'statistics_daily_questions_spent',
  /** A filter names a category too small overall to be asked about on its own (global recoding). */
  CategoryFolded = 'statistics_category_folded',
}

export class StatisticsException extends DomainException<StatisticsErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case StatisticsErrorCode.BudgetSpent:
      case StatisticsErrorCode.DailyQuestionsSpent:
        return HttpStatus.TOO_MANY_REQUESTS;
      case StatisticsErrorCode.TimelinessUnavailable:
        return HttpStatus.CONFLICT;
      case StatisticsErrorCode.TooDetailed:
      case StatisticsErrorCode.CategoryFolded:
        return HttpStatus.UNPROCESSABLE_ENTITY;
    }
  }
}
