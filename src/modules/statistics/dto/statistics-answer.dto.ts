import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIMENSIONS } from '../dimensions';
import type { Dimension } from '../dimensions';
import type { TimelinessMeasure } from '../timeliness';

const CODE_PER_DIMENSION = {
  type: 'object',
  description: `A code per dimension (${DIMENSIONS.join(', ')}), or '*' for all of that dimension`,
  additionalProperties: { type: 'string' },
} as const;

const CODES_PER_DIMENSION = {
  type: 'object',
  description: 'Codes per dimension',
  additionalProperties: { type: 'array', items: { type: 'string' } },
} as const;

export class StatisticsEntryDto {
  @ApiProperty(CODE_PER_DIMENSION) key: Partial<Record<Dimension, string>>;
  @ApiProperty({ type: Number, nullable: true, description: 'The published count; null when withheld' })
  count: number | null;
}

export class StatisticsAnswerDto {
  @ApiProperty({ enum: ['suppression', 'dp'] }) mode: 'suppression' | 'dp';
  @ApiProperty({ enum: DIMENSIONS, isArray: true }) groupBy: Dimension[];
  @ApiProperty(CODES_PER_DIMENSION) filters: Partial<Record<Dimension, string[]>>;
  @ApiPropertyOptional({ description: 'suppression mode: the threshold k' }) threshold?: number;
  @ApiPropertyOptional({ description: 'dp mode: the ε this answer cost when first given (from the lifetime budget)' })
  epsilon?: number;
  @ApiPropertyOptional({
    ...CODES_PER_DIMENSION,
    description:
      'suppression mode: per dimension asked, the categories too small overall that are counted in the `other` bucket instead of on their own (global recoding)',
  })
  folded?: Partial<Record<Dimension, string[]>>;
  @ApiProperty({ description: 'False when the whole population asked about is below k: nothing is published' })
  answered: boolean;
  @ApiProperty({ type: [StatisticsEntryDto] }) cells: StatisticsEntryDto[];
  @ApiProperty({ type: [StatisticsEntryDto], description: 'Every margin, down to the grand total (all keys *)' })
  totals: StatisticsEntryDto[];
}

export class TimelinessEntryDto {
  @ApiProperty(CODE_PER_DIMENSION) key: Partial<Record<Dimension, string>>;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Cases (identification to acceptance) or referrals; null when withheld',
  })
  count: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'Median in whole weeks, only over k or more distinct cases; null when withheld or merged; absent for overdue referrals',
  })
  medianWeeks?: number | null;
}

export class TimelinessMeasureAnswerDto {
  @ApiProperty({
    description: 'False when fewer than k cases are behind the measure in all: nothing of it is published',
  })
  answered: boolean;
  @ApiProperty({ type: [TimelinessEntryDto] }) entries: TimelinessEntryDto[];
}

export class TimelinessMeasuresDto implements Record<TimelinessMeasure, TimelinessMeasureAnswerDto> {
  @ApiProperty({ description: 'Days from identification to the first accepted referral' })
  identificationToAcceptance: TimelinessMeasureAnswerDto;
  @ApiProperty({ description: 'Days from a referral to its answer' }) referralResponse: TimelinessMeasureAnswerDto;
  @ApiProperty({ description: 'Referrals pending past their deadline' }) overdueReferrals: TimelinessMeasureAnswerDto;
}

export class TimelinessAnswerDto {
  @ApiProperty({ enum: ['suppression'] }) mode: 'suppression';
  @ApiProperty({ enum: DIMENSIONS, isArray: true }) groupBy: Dimension[];
  @ApiProperty(CODES_PER_DIMENSION) filters: Partial<Record<Dimension, string[]>>;
  @ApiProperty() threshold: number;
  @ApiProperty(CODES_PER_DIMENSION) folded: Partial<Record<Dimension, string[]>>;
  @ApiProperty({ type: TimelinessMeasuresDto }) measures: TimelinessMeasuresDto;
}
