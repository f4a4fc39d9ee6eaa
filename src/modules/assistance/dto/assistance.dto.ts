import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsDay, IsDayNotInFuture } from '../../../core/http/day-validation';
import { ASSISTANCE_STATUSES, ASSISTANCE_TYPES } from '../../cases/code-lists';
import type { AssistanceStatus, AssistanceType } from '../../cases/code-lists';
import { FreeText } from '../../../core/http/text-validation';
import { OptionalNotNull, OptionalNullable } from '../../../core/http/patch-fields';

export class CreateAssistanceItemDto {
  @ApiProperty({ enum: ASSISTANCE_TYPES, description: 'HTCDS spl_Type, or the local Shelter, Psychosocial, Return' })
  @IsIn(ASSISTANCE_TYPES)
  type: AssistanceType;

  @ApiPropertyOptional({
    description:
      "The organisation that provides it; the caller's own when absent (a sharing organisation: only its own)",
  })
  @IsOptional()
  @IsUUID()
  providerOrganisationId?: string;

  @ApiPropertyOptional({ enum: ASSISTANCE_STATUSES, default: 'planned' })
  @IsOptional()
  @IsIn(ASSISTANCE_STATUSES)
  status?: AssistanceStatus;

  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional()
  @IsDay()
  plannedStart?: string;

  @ApiPropertyOptional({ example: '2026-06-01' })
  @IsOptional()
  @IsDay()
  plannedEnd?: string;

  @ApiPropertyOptional({ description: 'Not in the future' })
  @IsOptional()
  @IsDayNotInFuture()
  actualStart?: string;

  @ApiPropertyOptional({ description: 'Not in the future' })
  @IsOptional()
  @IsDayNotInFuture()
  actualEnd?: string;

  @ApiPropertyOptional({ description: 'Up to 4,000 characters (encrypted)' })
  @IsOptional()
  @FreeText(1, 4000)
  notes?: string;
}

/** A change to an item; `version` is the version read, a stale one answers 409. Null clears a date or the notes. */
export class UpdateAssistanceItemDto {
  @ApiProperty({ description: 'The version of the item this change was made on' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: ASSISTANCE_STATUSES })
  @OptionalNotNull()
  @IsIn(ASSISTANCE_STATUSES)
  status?: AssistanceStatus;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @IsDay()
  plannedStart?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @IsDay()
  plannedEnd?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Not in the future' })
  @OptionalNullable()
  @IsDayNotInFuture()
  actualStart?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Not in the future' })
  @OptionalNullable()
  @IsDayNotInFuture()
  actualEnd?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Up to 4,000 characters (encrypted)' })
  @OptionalNullable()
  @FreeText(1, 4000)
  notes?: string | null;
}
