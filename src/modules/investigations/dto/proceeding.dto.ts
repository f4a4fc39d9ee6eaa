import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsDayNotInFuture } from '../../../core/http/day-validation';
import { PROCEEDING_KINDS, PROCEEDING_OUTCOMES } from '../../cases/code-lists';
import type { ProceedingKind, ProceedingOutcome } from '../../cases/code-lists';
import { FreeText, SingleLineText } from '../../../core/http/text-validation';
import { OptionalNotNull, OptionalNullable } from '../../../core/http/patch-fields';

/** A step of criminal proceedings. The outcome must fit the kind (see docs/api.md). */
export class CreateProceedingDto {
  @ApiProperty({ enum: PROCEEDING_KINDS })
  @IsIn(PROCEEDING_KINDS)
  kind: ProceedingKind;

  @ApiProperty({ example: '2026-02-03', description: 'Opened (for a verdict: pronounced); not in the future' })
  @IsDayNotInFuture()
  openedOn: string;

  @ApiPropertyOptional({ description: 'Not before openedOn, not in the future' })
  @IsOptional()
  @IsDayNotInFuture()
  closedOn?: string;

  @ApiPropertyOptional({ enum: PROCEEDING_OUTCOMES })
  @IsOptional()
  @IsIn(PROCEEDING_OUTCOMES)
  outcome?: ProceedingOutcome;

  @ApiPropertyOptional({ type: [String], description: 'Perpetrators of this case the step concerns' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  perpetratorIds?: string[];

  @ApiPropertyOptional({ description: 'The file number in the criminal justice system (encrypted)' })
  @IsOptional()
  @SingleLineText(1, 100)
  referenceNumber?: string;

  @ApiPropertyOptional({ description: 'Up to 4,000 characters (encrypted)' })
  @IsOptional()
  @FreeText(1, 4000)
  notes?: string;
}

/** A change; the kind stays. `version` is the version read (409 when stale); null clears an optional field. */
export class UpdateProceedingDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsDayNotInFuture()
  openedOn?: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @IsDayNotInFuture()
  closedOn?: string | null;

  @ApiPropertyOptional({ enum: PROCEEDING_OUTCOMES, nullable: true })
  @OptionalNullable()
  @IsIn(PROCEEDING_OUTCOMES)
  outcome?: ProceedingOutcome | null;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  perpetratorIds?: string[];

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @SingleLineText(1, 100)
  referenceNumber?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @FreeText(1, 4000)
  notes?: string | null;
}
