import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsPartialDay } from '../../../../core/http/day-validation';
import { NestedObjects } from '../../../../core/http/nested-input';
import { OptionalNotNull, OptionalNullable } from '../../../../core/http/patch-fields';
import { FreeText, SingleLineText } from '../../../../core/http/text-validation';

export const DOCUMENT_TYPES = ['passport', 'national_id', 'birth_certificate', 'residence_permit', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const IdentityDocuments = (): PropertyDecorator => NestedObjects(() => IdentityDocumentDto, 10);

const PhoneNumber = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Matches(/^\+?[0-9 ()./-]{3,40}$/, { message: '$property must be a phone number (digits, spaces, + ( ) . / -)' }),
  );

export class IdentityDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  type: DocumentType;

  @ApiProperty({ example: 'A1234567', description: 'As written on the document' })
  @SingleLineText(1, 64)
  number: string;

  @ApiPropertyOptional({ example: 'TJK', description: 'ISO 3166-1 alpha-3' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 3166-1 alpha-3 code such as TJK' })
  issuingCountry?: string;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Каримова', description: 'In any script' })
  @SingleLineText(1, 200)
  familyName: string;

  @ApiProperty({ example: 'Зарина' })
  @SingleLineText(1, 200)
  givenName: string;

  @ApiPropertyOptional()
  @IsOptional()
  @SingleLineText(1, 200)
  patronymic?: string;

  @ApiPropertyOptional({ example: '1998-04', description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsOptional()
  @IsPartialDay()
  dateOfBirth?: string;

  @ApiPropertyOptional({ type: [IdentityDocumentDto] })
  @IsOptional()
  @IdentityDocuments()
  identityDocuments?: IdentityDocumentDto[];

  @ApiPropertyOptional({ example: '+992 92 000 0000' })
  @IsOptional()
  @PhoneNumber()
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @FreeText(1, 500)
  address?: string;

  @ApiPropertyOptional({ description: 'Free text, up to 10,000 characters' })
  @IsOptional()
  @FreeText(1, 10000)
  notes?: string;
}

/** A change: absent fields stay; `null` clears an optional field; names cannot be cleared. */
export class UpdatePersonDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @SingleLineText(1, 200)
  familyName?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @SingleLineText(1, 200)
  givenName?: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @SingleLineText(1, 200)
  patronymic?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @IsPartialDay()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ type: [IdentityDocumentDto], nullable: true })
  @OptionalNullable()
  @IdentityDocuments()
  identityDocuments?: IdentityDocumentDto[] | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @PhoneNumber()
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @FreeText(1, 500)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @FreeText(1, 10000)
  notes?: string | null;
}

export class PersonDto {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() familyName: string;
  @ApiProperty() givenName: string;
  @ApiProperty({ type: String, nullable: true }) patronymic: string | null;
  @ApiProperty({ type: String, nullable: true }) dateOfBirth: string | null;
  @ApiProperty({ type: [IdentityDocumentDto] }) identityDocuments: IdentityDocumentDto[];
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
