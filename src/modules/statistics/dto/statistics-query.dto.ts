import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import {
  AGE_BANDS,
  CASE_STAGES,
  COUNTRIES,
  EXPLOITATION_TYPES,
  GENDERS,
  TJ_REGIONS,
  TRAFFICKING_STATUSES,
} from '../../cases/code-lists';
import { DIMENSIONS, REFERRAL_OUTCOMES, UNKNOWN } from '../dimensions';

/** `a,b,c` in a query string to ['a', 'b', 'c']; a repeated parameter is joined first. */
const list = () =>
  Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : String(value))
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  );

const FILTER_NOTE = 'Comma-separated codes; a case counts when its code is one of them';

/** A statistical question: what to group by and which cases to count. */
export class StatisticsQueryDto {
  @ApiProperty({ description: `One to three of: ${DIMENSIONS.join(', ')} (comma-separated)`, example: 'region,gender' })
  @list()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(DIMENSIONS, { each: true })
  groupBy!: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, example: '2025,2026' })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(/^[0-9]{4}$/, { each: true })
  year?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, example: '2025-Q3' })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  @Matches(/^[0-9]{4}-Q[1-4]$/, { each: true })
  quarter?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, enum: [...TJ_REGIONS, UNKNOWN] })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @IsIn([...TJ_REGIONS, UNKNOWN], { each: true })
  region?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, enum: [...GENDERS, UNKNOWN] })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @IsIn([...GENDERS, UNKNOWN], { each: true })
  gender?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, enum: [...AGE_BANDS, UNKNOWN] })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @IsIn([...AGE_BANDS, UNKNOWN], { each: true })
  ageBand?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, enum: [...EXPLOITATION_TYPES, UNKNOWN] })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @IsIn([...EXPLOITATION_TYPES, UNKNOWN], { each: true })
  exploitationType?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, enum: [...COUNTRIES, UNKNOWN] })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @IsIn([...COUNTRIES, UNKNOWN], { each: true })
  countryOfExploitation?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, enum: CASE_STAGES })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @IsIn(CASE_STAGES, { each: true })
  stage?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, enum: TRAFFICKING_STATUSES })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @IsIn(TRAFFICKING_STATUSES, { each: true })
  traffickingStatus?: string[];

  @ApiPropertyOptional({ description: FILTER_NOTE, enum: REFERRAL_OUTCOMES })
  @IsOptional()
  @list()
  @ArrayMinSize(1)
  @IsIn(REFERRAL_OUTCOMES, { each: true })
  referralOutcome?: string[];
}

const SINGLE_VALUED = DIMENSIONS.filter((d) => d !== 'exploitationType');

/** A timeliness question: at most one dimension to break the figures down by, and the same filters. */
export class TimelinessQueryDto extends OmitType(StatisticsQueryDto, ['groupBy'] as const) {
  @ApiPropertyOptional({ description: `One of: ${SINGLE_VALUED.join(', ')}`, example: 'region' })
  @IsOptional()
  @IsIn(SINGLE_VALUED)
  groupBy?: string;
}
