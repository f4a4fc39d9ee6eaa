import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { RELEASE_DIMENSIONS } from '../release-contract';
import type {
  PublishedEntry,
  PublishedTable,
  PublishedTimeliness,
  ReleaseDimension,
  ReleaseSummary,
  ReleaseView,
  RequestAllowance,
} from '../release-contract';

export class PublishReleaseDto {
  @ApiProperty({ example: '2025', description: 'A closed period: a year (2025) or a quarter (2025-Q3)' })
  @IsString()
  @Matches(/^\d{4}(-Q[1-4])?$/, { message: 'period must be a year (2025) or a quarter (2025-Q3)' })
  period: string;
}

export class RequestTableDto {
  @ApiProperty({
    enum: RELEASE_DIMENSIONS,
    isArray: true,
    minItems: 1,
    maxItems: 3,
    description: 'One to three dimensions to cross, each once; no filters',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(RELEASE_DIMENSIONS, { each: true })
  dimensions: ReleaseDimension[];
}

export class PrivacyDto {
  @ApiProperty({ description: 'The zero-concentrated privacy loss ρ the release spent' }) rho: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'The part of ρ each table spent',
  })
  allocation: Record<string, number>;
}

export class ReleaseSummaryDto implements ReleaseSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2025', description: 'A year or a quarter' }) period: string;
  @ApiProperty({ description: 'Versions of a period count from 1; a new one only when the difference is safe' })
  version: number;
  @ApiProperty({ enum: ['suppression', 'dp'] }) method: 'suppression' | 'dp';
  @ApiProperty({ description: 'k: the smallest count published, and the k of the CTDC dataset' }) threshold: number;
  @ApiProperty({ description: "Withheld entries over all entries of the catalogue's tables; 0 in dp mode" })
  suppressionRate: number;
  @ApiPropertyOptional({ type: PrivacyDto, description: 'dp mode only' }) privacy?: PrivacyDto;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ description: "Ed25519 over the release's canonical bytes (docs/statistics.md), base64" })
  signature: string;
  @ApiProperty({ description: 'The Ed25519 public key to check it with, base64' }) publicKey: string;
}

export class PublishedEntryDto implements PublishedEntry {
  @ApiProperty({
    type: [String],
    description: "One category per dimension of the table, in its order; '*' for a margin",
  })
  key: string[];
  @ApiProperty({ type: Number, nullable: true, description: 'The count; null when withheld' }) count: number | null;
}

export class PooledYearsDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
}

export class PublishedTableDto implements PublishedTable {
  @ApiProperty({ description: "The catalogue's id, or request-<n> for a table published on request" }) id: string;
  @ApiProperty({ enum: RELEASE_DIMENSIONS, isArray: true }) dimensions: ReleaseDimension[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string' } },
    description: 'The categories of each dimension, in order (after global recoding, `other` last)',
  })
  categories: string[][];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Per dimension, the categories counted in `other` (global recoding)',
  })
  folded: Partial<Record<ReleaseDimension, string[]>>;
  @ApiPropertyOptional({ type: PooledYearsDto, description: 'The years a pooled table adds up' })
  pooled?: PooledYearsDto;
  @ApiProperty({ type: [PublishedEntryDto], description: 'Every cell and margin, in a fixed order' })
  entries: PublishedEntryDto[];
}

export class PublishedTimelinessDto implements PublishedTimeliness {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median days from identification to the first accepted referral',
  })
  identificationToAcceptanceDays: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Median days a referral waited for its answer' })
  referralResponseDays: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Referrals unanswered past their deadline; null when 0 < n < k',
  })
  overdueReferrals: number | null;
}

export class ReleaseViewDto implements ReleaseView {
  @ApiProperty({ type: ReleaseSummaryDto }) summary: ReleaseSummaryDto;
  @ApiProperty({ type: [PublishedTableDto] }) tables: PublishedTableDto[];
  @ApiProperty({ type: PublishedTimelinessDto, nullable: true, description: 'null in dp mode' })
  timeliness: PublishedTimelinessDto | null;
  @ApiProperty({
    type: [PublishedTableDto],
    description: 'Tables published on request from the same snapshot, in order',
  })
  requests: PublishedTableDto[];
}

export class RequestAllowanceDto implements RequestAllowance {
  @ApiProperty({ description: "Requests the caller's Commission made this month (UTC), refused ones included" })
  used: number;
  @ApiProperty({ description: 'Requests allowed per month' }) limit: number;
}
