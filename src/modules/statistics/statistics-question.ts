import { Dimension, DIMENSIONS, isDimension } from './dimensions';
import type { StatisticsQueryDto, TimelinessQueryDto } from './dto/statistics-query.dto';

export interface StatisticsQuestion {
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
}

/**
 * The question in one canonical form: dimensions and filters in the catalogue's order, values sorted
 * and once each. Two askings of the same question get the same form, so the same stored answer and the
 * same place in the day's count of questions.
 */
export function canonicalQuestion(dto: StatisticsQueryDto): StatisticsQuestion {
  return { groupBy: DIMENSIONS.filter((d) => dto.groupBy.includes(d)), filters: canonicalFilters(dto) };
}

export function canonicalFilters(dto: StatisticsQueryDto | TimelinessQueryDto): StatisticsQuestion['filters'] {
  const filters: Partial<Record<Dimension, string[]>> = {};
  for (const dimension of DIMENSIONS) {
    const values = (dto as unknown as Record<string, string[] | undefined>)[dimension];
    if (values && isDimension(dimension)) filters[dimension] = [...new Set(values)].sort();
  }
  return filters;
}

/** What the audit event of a question records: the mode, the dimensions and the filters, never a count. */
export function questionDetail(mode: string, question: StatisticsQuestion): Record<string, string | string[]> {
  return {
    mode,
    groupBy: question.groupBy,
    ...Object.fromEntries(Object.entries(question.filters).map(([d, v]) => [`filter.${d}`, v])),
  };
}
