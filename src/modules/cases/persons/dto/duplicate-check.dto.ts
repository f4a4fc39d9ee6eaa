import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional } from 'class-validator';
import { IsPartialDay } from '../../../../core/http/day-validation';
import { SingleLineText } from '../../../../core/http/text-validation';

export class DuplicateCheckDto {
  @ApiPropertyOptional({ example: 'Karimova', description: 'With givenName and a birth year, in any script' })
  @IsOptional()
  @SingleLineText(1, 200)
  familyName?: string;

  @ApiPropertyOptional({ example: 'Zarina' })
  @IsOptional()
  @SingleLineText(1, 200)
  givenName?: string;

  @ApiPropertyOptional({ example: '1998', description: 'YYYY, YYYY-MM or YYYY-MM-DD; only the year is compared' })
  @IsOptional()
  @IsPartialDay()
  dateOfBirth?: string;

  @ApiPropertyOptional({ type: [String], example: ['A1234567'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @SingleLineText(1, 64, { each: true })
  documentNumbers?: string[];
}

export enum DuplicateOutcome {
  NoMatch = 'no_match',
  OwnOrganisation = 'own_organisation',
  OtherOrganisation = 'other_organisation',
}

/** Deliberately coarse: of another organisation's record it says only that one may exist. */
export class DuplicateCheckResultDto {
  @ApiProperty({ enum: DuplicateOutcome }) outcome: DuplicateOutcome;
  @ApiPropertyOptional({ type: [String], description: 'Only for own_organisation: the matching persons' })
  personIds?: string[];
  @ApiProperty({ description: 'Whether another organisation may hold the person (never which, nor anything of it)' })
  possibleMatchElsewhere: boolean;
  @ApiProperty() message: string;
}
