import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const DOCUMENT_TYPES = ['passport', 'national_id', 'birth_certificate', 'residence_permit', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}\p{Cs}]*$/u;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date, not in the future: victims often know only a year. */
export function isPartialDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getTime() <= Date.now()
  );
}

function IsPartialDate(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPartialDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be YYYY, YYYY-MM or YYYY-MM-DD, from 1900 to today' },
      validator: { validate: isPartialDate },
    });
}

/** Text of a person: a string of `min` to `max` characters, not blank, without control characters. */
export function PersonText(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Length(min, max),
    Matches(/\S/, { message: '$property must not be blank' }),
    Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters' }),
  );
}

const IdentityDocuments = (): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(10),
    ValidateNested({ each: true }),
    Type(() => IdentityDocumentDto),
  );

const PhoneNumber = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Matches(/^\+?[0-9 ()./-]{3,40}$/, { message: '$property must be a phone number (digits, spaces, + ( ) . / -)' }),
  );

/** Null clears an optional field in a PATCH; absent leaves it. */
export const OptionalNullable = () => IsOptional();
/** Absent leaves a required field in a PATCH; null is refused. */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

export class IdentityDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  type: DocumentType;

  @ApiProperty({ example: 'A1234567', description: 'As written on the document' })
  @PersonText(1, 64)
  number: string;

  @ApiPropertyOptional({ example: 'TJK', description: 'ISO 3166-1 alpha-3' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 3166-1 alpha-3 code such as TJK' })
  issuingCountry?: string;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Каримова', description: 'In any script' })
  @PersonText(1, 200)
  familyName: string;

  @ApiProperty({ example: 'Зарина' })
  @PersonText(1, 200)
  givenName: string;

  @ApiPropertyOptional()
  @IsOptional()
  @PersonText(1, 200)
  patronymic?: string;

  @ApiPropertyOptional({ example: '1998-04', description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsOptional()
  @IsPartialDate()
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
  @PersonText(1, 500)
  address?: string;

  @ApiPropertyOptional({ description: 'Free text, up to 10,000 characters' })
  @IsOptional()
  @PersonText(1, 10000)
  notes?: string;
}

/** A change: absent fields stay; `null` clears an optional field; names cannot be cleared. */
export class UpdatePersonDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @PersonText(1, 200)
  familyName?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @PersonText(1, 200)
  givenName?: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @PersonText(1, 200)
  patronymic?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @IsPartialDate()
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
  @PersonText(1, 500)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable()
  @PersonText(1, 10000)
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
