import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { IsPartialDay } from '../../../../core/http/day-validation';
import { OptionalNullable } from '../../../../core/http/patch-fields';
import { FreeText, SingleLineText } from '../../../../core/http/text-validation';
import { COUNTRIES, TRAFFICKING_EVENT_TYPES } from '../../code-lists';
import { TraffickingEventDto } from '../../case-records';

/** An event learned after the case was opened: the same fields as at opening. */
export class AddEventDto extends TraffickingEventDto {}

/**
 * A correction of an event; `version` is the version read (a stale one answers 409). Absent fields
 * stay; null clears the date, country or city. `reason` (encrypted) says why, in the history.
 */
export class CorrectEventDto {
  @ApiProperty({ description: 'The version of the event this correction was made on' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: TRAFFICKING_EVENT_TYPES, description: 'HTCDS hte_Type' })
  @IsOptional()
  @IsIn(TRAFFICKING_EVENT_TYPES)
  type?: string;

  @ApiPropertyOptional({ example: '2024-05', nullable: true })
  @OptionalNullable()
  @IsPartialDay()
  occurredOn?: string | null;

  @ApiPropertyOptional({ enum: COUNTRIES, nullable: true })
  @OptionalNullable()
  @IsIn(COUNTRIES)
  country?: string | null;

  @ApiPropertyOptional({ example: 'Moscow', nullable: true, description: 'Encrypted' })
  @OptionalNullable()
  @SingleLineText(1, 200)
  city?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'HTCDS hte_Description; encrypted' })
  @OptionalNullable()
  @FreeText(1, 4000)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Why it was corrected; encrypted, shown in the history to the owner' })
  @IsOptional()
  @FreeText(1, 2000)
  reason?: string;
}

/** Removes an event that was recorded in error; the reason (encrypted) is required and kept in the history. */
export class RemoveEventDto {
  @ApiProperty({ description: 'The version of the event this removal was made on' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ description: 'Why it is removed; encrypted, shown in the history to the owner' })
  @FreeText(1, 2000)
  reason: string;
}
