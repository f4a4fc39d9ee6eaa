import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../core/http/domain.exception';

export enum StatisticsErrorCode {
  /** So many small cells that their protection cannot be checked: ask with fewer dimensions or filters. */
  TooDetailed = 'statistics_question_too_detailed',
  /** A filter names a category too small overall to be asked about on its own (global recoding). */
  CategoryFolded = 'statistics_category_folded',
}

export class StatisticsException extends DomainException<StatisticsErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case StatisticsErrorCode.TooDetailed:
      case StatisticsErrorCode.CategoryFolded:
        return HttpStatus.UNPROCESSABLE_ENTITY;
    }
  }
}
