import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { IsPartialDay } from '../../../core/http/day-validation';
import { NestedObjects } from '../../../core/http/nested-input';
import { FreeText, SingleLineText } from '../../../core/http/text-validation';
import { COUNTRIES, GENDERS } from '../../cases/code-lists';
import { PERPETRATOR_ROLES } from '../../cases/code-lists';
import type { PerpetratorRole } from '../../cases/code-lists';
import { OptionalNotNull, OptionalNullable } from '../../../core/http/patch-fields';
import { IdentityDocumentDto } from '../../cases/persons';

const Roles = (): PropertyDecorator => (target: object, key: string | symbol) => {
  for (const decorator of [
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(PERPETRATOR_ROLES.length),
    ArrayUnique(),
    IsIn(PERPETRATOR_ROLES, { each: true }),
  ]) {
    decorator(target, key);
  }
};

const Aliases = (): PropertyDecorator => (target: object, key: string | symbol) => {
  for (const decorator of [IsArray(), ArrayMaxSize(20), SingleLineText(1, 200, { each: true })]) {
    decorator(target, key);
  }
};

/** What law enforcement records of a perpetrator. Everything but the codes is encrypted. */
export class CreatePerpetratorDto {
  @ApiProperty({ enum: PERPETRATOR_ROLES, isArray: true, description: 'HTCDS per_RoleInProcess, at least one' })
  @Roles()
  roles: PerpetratorRole[];

  @ApiPropertyOptional({ description: 'Full name as known, any script (encrypted)' })
  @IsOptional()
  @SingleLineText(1, 300)
  name?: string;

  @ApiPropertyOptional({ type: [String], description: 'Other names and nicknames, up to 20 (encrypted)' })
  @IsOptional()
  @Aliases()
  aliases?: string[];

  @ApiPropertyOptional({ example: '1979-06', description: 'YYYY, YYYY-MM or YYYY-MM-DD (encrypted)' })
  @IsOptional()
  @IsPartialDay()
  dateOfBirth?: string;

  @ApiPropertyOptional({ type: [IdentityDocumentDto], description: 'Encrypted' })
  @IsOptional()
  @NestedObjects(() => IdentityDocumentDto, 10)
  identityDocuments?: IdentityDocumentDto[];

  @ApiPropertyOptional({ enum: GENDERS, description: 'HTCDS prs_Gender' })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: string;

  @ApiPropertyOptional({ enum: COUNTRIES, description: 'ISO 3166-1 alpha-3' })
  @IsOptional()
  @IsIn(COUNTRIES)
  nationality?: string;

  @ApiPropertyOptional({
    description: 'HTCDS per_RoleDetails: what the person did, up to 4,000 characters (encrypted)',
  })
  @IsOptional()
  @FreeText(1, 4000)
  roleDetails?: string;

  @ApiPropertyOptional({ description: 'Appearance, vehicle, phone numbers…, up to 4,000 characters (encrypted)' })
  @IsOptional()
  @FreeText(1, 4000)
  description?: string;
}

/** A change; `version` is the version read (409 when stale). Null clears an optional field. */
export class UpdatePerpetratorDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: PERPETRATOR_ROLES, isArray: true })
  @OptionalNotNull()
  @Roles()
  roles?: PerpetratorRole[];

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @SingleLineText(1, 300)
  name?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @OptionalNullable()
  @Aliases()
  aliases?: string[] | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @IsPartialDay()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ type: [IdentityDocumentDto], nullable: true })
  @OptionalNullable()
  @NestedObjects(() => IdentityDocumentDto, 10)
  identityDocuments?: IdentityDocumentDto[] | null;

  @ApiPropertyOptional({ enum: GENDERS, nullable: true })
  @OptionalNullable()
  @IsIn(GENDERS)
  gender?: string | null;

  @ApiPropertyOptional({ enum: COUNTRIES, nullable: true })
  @OptionalNullable()
  @IsIn(COUNTRIES)
  nationality?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @FreeText(1, 4000)
  roleDetails?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @FreeText(1, 4000)
  description?: string | null;
}
