import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, Length } from 'class-validator';
import { INDICATOR_LISTS, SCREENING_RESULTS } from '../../code-lists';
import type { ScreeningResult } from '../../code-lists';

/** A screening against one indicator list (its current version): the indicators found and the result. */
export class RecordScreeningDto {
  @ApiProperty({ enum: INDICATOR_LISTS.map((l) => l.id) })
  @IsIn(INDICATOR_LISTS.map((l) => l.id))
  indicatorList: string;

  @ApiProperty({ type: [String], description: 'Codes of the indicators found, from that list (GET /code-lists)' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  indicators: string[];

  @ApiProperty({ enum: SCREENING_RESULTS })
  @IsIn(SCREENING_RESULTS)
  result: ScreeningResult;
}
