import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import { IsDay, IsDayNotInFuture, IsPartialDay } from '../../../../core/http/day-validation';
import { NestedObject, NestedObjects } from '../../../../core/http/nested-input';
import { FreeText, SingleLineText } from '../../../../core/http/text-validation';
import {
  AGE_BANDS,
  CHILD_AGE_BANDS,
  CASE_STAGES,
  COUNTRIES,
  EXPLOITATION_TYPES,
  GENDERS,
  LABOUR_SECTORS,
  INCOMING_REFERRAL_REASONS,
  MEANS_OF_CONTROL,
  ORGANISATION_TYPES,
  RECRUITMENT_METHODS,
  SEX_EXPLOITATION_TYPES,
  TJ_REGIONS,
  TRAFFICKING_EVENT_TYPES,
  TRAFFICKING_STATUSES,
} from '../../code-lists';
import { OptionalNullable } from '../../../../core/http/patch-fields';
import { CreatePersonDto } from '../../persons';

/** The statistical codes of a case, each validated against its code list; null clears one in a PATCH. */
class CaseCodesDto {
  @ApiPropertyOptional({ enum: GENDERS, description: 'HTCDS prs_Gender' })
  @OptionalNullable()
  @IsIn(GENDERS)
  gender?: string | null;

  @ApiPropertyOptional({ enum: AGE_BANDS, description: 'CTDC age band at identification' })
  @OptionalNullable()
  @IsIn(AGE_BANDS)
  ageBand?: string | null;

  @ApiPropertyOptional({
    enum: COUNTRIES,
    description: 'ISO 3166-1 alpha-3: the first of citizenships (one of them when both are given)',
  })
  @OptionalNullable()
  @IsIn(COUNTRIES)
  @ValidateBy({
    name: 'oneOfCitizenships',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const list = (args?.object as CaseCodesDto).citizenships;
        if (!Array.isArray(list)) return true;
        return value === null ? list.length === 0 : list.includes(value as string);
      },
      defaultMessage: () => '$property must be one of citizenships',
    },
  })
  citizenship?: string | null;

  @ApiPropertyOptional({
    enum: COUNTRIES,
    isArray: true,
    description: 'HTCDS prs_Citizenship (multiselect), ISO 3166-1 alpha-3; the first is `citizenship`',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(5)
  @IsIn(COUNTRIES, { each: true })
  citizenships?: string[];

  @ApiPropertyOptional({ enum: TJ_REGIONS })
  @OptionalNullable()
  @IsIn(TJ_REGIONS)
  regionOfOrigin?: string | null;

  @ApiPropertyOptional({ enum: COUNTRIES })
  @OptionalNullable()
  @IsIn(COUNTRIES)
  countryOfExploitation?: string | null;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, isArray: true, description: 'HTCDS vic_TypeOfExploitation' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(EXPLOITATION_TYPES.length)
  @IsIn(EXPLOITATION_TYPES, { each: true })
  exploitationTypes?: string[];

  @ApiPropertyOptional({
    enum: MEANS_OF_CONTROL,
    isArray: true,
    description: 'HTCDS vic_MethodsOfControl, with the local extension RestrictsMovement, UsesChildren (CTDC)',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(MEANS_OF_CONTROL.length)
  @IsIn(MEANS_OF_CONTROL, { each: true })
  meansOfControl?: string[];

  @ApiPropertyOptional({
    enum: RECRUITMENT_METHODS,
    isArray: true,
    description: "HTCDS vic_MethodOfRecruitment; the owner's full view only",
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(RECRUITMENT_METHODS.length)
  @IsIn(RECRUITMENT_METHODS, { each: true })
  recruitmentMethods?: string[];

  @ApiPropertyOptional({
    enum: SEX_EXPLOITATION_TYPES,
    isArray: true,
    description: "HTCDS vic_TypeOfSexExploitation; the owner's full view only",
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SEX_EXPLOITATION_TYPES.length)
  @IsIn(SEX_EXPLOITATION_TYPES, { each: true })
  sexExploitationTypes?: string[];

  @ApiPropertyOptional({ enum: LABOUR_SECTORS, description: 'HTCDS vic_ForcedLabourIndustry' })
  @OptionalNullable()
  @IsIn(LABOUR_SECTORS)
  labourSector?: string | null;

  @ApiPropertyOptional({ description: "The person's account, up to 20,000 characters (encrypted)" })
  @OptionalNullable()
  @FreeText(1, 20000)
  narrative?: string | null;

  @ApiPropertyOptional({ description: 'Shelter and room (encrypted; never in a referral or investigation view)' })
  @OptionalNullable()
  @SingleLineText(1, 500)
  shelterLocation?: string | null;

  @ApiPropertyOptional({ description: 'Encrypted; the owning organisation only' })
  @OptionalNullable()
  @FreeText(1, 10000)
  healthNotes?: string | null;

  @ApiPropertyOptional({ description: 'Encrypted; the owning organisation only' })
  @OptionalNullable()
  @FreeText(1, 10000)
  psychosocialNotes?: string | null;

  @ApiPropertyOptional({
    description: 'An incoming referral from outside Panoh: the referring organisation (HTCDS cas_ReferringOrganisation); encrypted, full view only',
  })
  @OptionalNullable()
  @SingleLineText(1, 300)
  referringOrganisationName?: string | null;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES, description: 'HTCDS org_Type of the referring organisation' })
  @OptionalNullable()
  @IsIn(ORGANISATION_TYPES)
  referringOrganisationType?: string | null;

  @ApiPropertyOptional({ example: '2026-03-10', description: 'HTCDS cas_IncomingReferralDate, not in the future' })
  @OptionalNullable()
  @IsDayNotInFuture()
  incomingReferralDate?: string | null;

  @ApiPropertyOptional({ enum: INCOMING_REFERRAL_REASONS, description: 'HTCDS cas_ReasonForIncomingReferral' })
  @OptionalNullable()
  @IsIn(INCOMING_REFERRAL_REASONS)
  incomingReferralReason?: string | null;

  @ApiPropertyOptional({ description: 'HTCDS cas_IncomingReferralDetails; encrypted, full view only' })
  @OptionalNullable()
  @FreeText(1, 4000)
  incomingReferralDetails?: string | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 30,
    description: "Children accompanying the person (HTCDS prs_NumberOfChildren); the owner's full view only",
  })
  @OptionalNullable()
  @IsInt()
  @Min(0)
  @Max(30)
  accompanyingChildren?: number | null;

  @ApiPropertyOptional({
    enum: CHILD_AGE_BANDS,
    isArray: true,
    description: "The age bands of the accompanying children; the owner's full view only",
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(CHILD_AGE_BANDS.length)
  @IsIn(CHILD_AGE_BANDS, { each: true })
  accompanyingChildrenAgeBands?: string[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 30,
    description: "Other dependants accompanying the person (no names); the owner's full view only",
  })
  @OptionalNullable()
  @IsInt()
  @Min(0)
  @Max(30)
  accompanyingDependants?: number | null;

  @ApiPropertyOptional({
    description: "The support plan's objectives (HTCDS spl_Objectives); encrypted, the owner's full view only",
  })
  @OptionalNullable()
  @FreeText(1, 10000)
  supportObjectives?: string | null;

  @ApiPropertyOptional({
    description: "The support plan's action plan (HTCDS spl_ActionPlan); encrypted, the owner's full view only",
  })
  @OptionalNullable()
  @FreeText(1, 10000)
  actionPlan?: string | null;
}

/** Recruitment, transit or exploitation: when (YYYY, YYYY-MM or YYYY-MM-DD), country, city (encrypted). */
export class TraffickingEventDto {
  @ApiProperty({ enum: TRAFFICKING_EVENT_TYPES, description: 'HTCDS hte_Type' })
  @IsIn(TRAFFICKING_EVENT_TYPES)
  type: string;

  @ApiPropertyOptional({ example: '2024-05' })
  @IsOptional()
  @IsPartialDay()
  occurredOn?: string;

  @ApiPropertyOptional({ enum: COUNTRIES })
  @IsOptional()
  @IsIn(COUNTRIES)
  country?: string;

  @ApiPropertyOptional({ example: 'Moscow', description: 'Encrypted' })
  @IsOptional()
  @SingleLineText(1, 200)
  city?: string;

  @ApiPropertyOptional({ description: 'HTCDS hte_Description; encrypted, shown in the full view only' })
  @IsOptional()
  @FreeText(1, 4000)
  description?: string;
}

/** A new case, for a new person (`person`) or one the organisation registered before (`personId`). */
export class CreateCaseDto extends CaseCodesDto {
  // Each is validated when given, and both when neither is: given both, neither escaped validation.
  @ApiPropertyOptional({ type: CreatePersonDto, description: 'A new person; or give personId' })
  @ValidateIf((dto: CreateCaseDto) => dto.person !== undefined || dto.personId === undefined)
  @IsDefined({ message: '$property or personId must be given' })
  @NestedObject(() => CreatePersonDto)
  person?: CreatePersonDto;

  @ApiPropertyOptional({ description: 'A person of your organisation; or give person, not both' })
  @ValidateIf((dto: CreateCaseDto) => dto.personId !== undefined || dto.person === undefined)
  @IsUUID()
  @ValidateBy({
    name: 'notWithPerson',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => (args?.object as CreateCaseDto).person === undefined,
      defaultMessage: () => '$property must not be given with person',
    },
  })
  personId?: string;

  @ApiPropertyOptional({ type: [TraffickingEventDto] })
  @IsOptional()
  @NestedObjects(() => TraffickingEventDto, 50)
  events?: TraffickingEventDto[];

  @ApiPropertyOptional({
    example: '2026-03-14',
    description: 'Day of identification, not in the future; today when absent',
  })
  @IsOptional()
  @IsDayNotInFuture()
  registeredOn?: string;

  @ApiPropertyOptional({
    description: 'The case owner (HTCDS cas_CaseOwner): an active caseworker or manager of your organisation; you when absent',
  })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;
}

/** A new owner for a case: an active caseworker or manager of the case's organisation. */
export class ChangeCaseOwnerDto {
  @ApiProperty({ description: "A user of the case's organisation with a case-working role, not disabled" })
  @IsUUID()
  ownerUserId: string;
}

/**
 * A change to a case; `version` is the version read, and a stale one answers 409. The stage and the
 * trafficking status change only through POST /cases/:id/stage (the NRM's transitions).
 */
export class UpdateCaseDto extends CaseCodesDto {
  @ApiProperty({ description: 'The version of the case this change was made on' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CaseListQueryDto {
  @ApiPropertyOptional({ enum: CASE_STAGES })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: string;

  @ApiPropertyOptional({ enum: TRAFFICKING_STATUSES })
  @IsOptional()
  @IsIn(TRAFFICKING_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsDay()
  registeredFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsDay()
  registeredTo?: string;

  @ApiPropertyOptional({ description: 'true: only the cases the caller owns ("my cases")' })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
