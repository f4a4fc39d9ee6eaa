import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsDayNotInFuture } from '../../../core/http/day-validation';
import { FreeText } from '../../../core/http/text-validation';
import { NOTE_KINDS } from '../note-kinds';
import type { NoteKind } from '../note-kinds';

export class CreateNoteDto {
  @ApiProperty({ enum: NOTE_KINDS })
  @IsIn(NOTE_KINDS)
  kind: NoteKind;

  @ApiProperty({ example: '2026-03-03', description: 'The day it happened; not in the future' })
  @IsDayNotInFuture()
  occurredOn: string;

  @ApiProperty({ description: 'Encrypted under the note key; at most 10,000 characters' })
  @FreeText(1, 10000)
  text: string;
}

/** A change by the note's author within PANOH_NOTE_EDIT_MINUTES of writing it; the earlier text is kept. */
export class EditNoteDto {
  @ApiPropertyOptional({ enum: NOTE_KINDS })
  @IsOptional()
  @IsIn(NOTE_KINDS)
  kind?: NoteKind;

  @ApiPropertyOptional({ example: '2026-03-03' })
  @IsOptional()
  @IsDayNotInFuture()
  occurredOn?: string;

  @ApiPropertyOptional({ description: 'At most 10,000 characters' })
  @IsOptional()
  @FreeText(1, 10000)
  text?: string;
}

export class AddAddendumDto {
  @ApiProperty({ description: 'Encrypted under the note key; at most 10,000 characters' })
  @FreeText(1, 10000)
  text: string;
}

export class ShareNoteDto {
  @ApiProperty({ description: 'An organisation that sees the case through a live referral share' })
  @IsUUID()
  organisationId: string;
}
