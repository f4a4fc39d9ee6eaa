import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';

export class DuplicateCheckDto {
  @ApiPropertyOptional({ example: 'Karimova', description: 'With givenName and a birth year, in any script' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  familyName?: string;

  @ApiPropertyOptional({ example: 'Zarina' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  givenName?: string;

  @ApiPropertyOptional({ example: '1998', description: 'YYYY, YYYY-MM or YYYY-MM-DD; only the year is compared' })
  @IsOptional()
  @Matches(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: '$property must be YYYY, YYYY-MM or YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ type: [String], example: ['A1234567'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
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
