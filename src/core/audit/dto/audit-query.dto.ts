import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsInstant } from '../../http/day-validation';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AuditAction } from '../audit-action';
import type { AuditOutcome } from '../audit-action';

export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() personId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorUserId?: string;
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS }) @IsOptional() @IsIn(AUDIT_ACTIONS) action?: AuditAction;
  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES }) @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: AuditOutcome;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() to?: string;

  @ApiPropertyOptional({ description: 'Return events after this sequence number (from nextAfterSeq)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterSeq?: number;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditEventDto {
  @ApiProperty() seq: number;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional() actorUserId: string | null;
  @ApiPropertyOptional() actorOrganisationId: string | null;
  @ApiPropertyOptional() actorRole: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: string;
  @ApiProperty({ enum: ['allowed', 'denied', 'failed'] }) outcome: string;
  @ApiPropertyOptional() statusCode: number | null;
  @ApiProperty({ type: [String] }) caseIds: string[];
  @ApiProperty({ type: [String] }) personIds: string[];
  @ApiPropertyOptional() view: string | null;
  @ApiPropertyOptional({ type: [String] }) fields: string[] | null;
  @ApiPropertyOptional() requestId: string | null;
  @ApiPropertyOptional() clientAddress: string | null;
  @ApiPropertyOptional({ type: Object }) detail: Record<string, unknown> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) events: AuditEventDto[];
  @ApiPropertyOptional({ description: 'Pass as afterSeq for the next page; absent on the last page' })
  nextAfterSeq?: number;
}

export class AccessLogQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Only events at or after this moment' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only events before this moment' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Return events before this sequence number (from nextBeforeSeq); newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  beforeSeq?: number;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** One line of "who has opened this file", as an organisation's manager may see it. */
export class AccessLogEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional({ description: 'Only for staff of the reading organisation' }) actorUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The username, only for staff of the reading organisation' })
  actorUsername: string | null;
  @ApiPropertyOptional({ description: 'Absent for duplicate checks run by other organisations' }) actorOrganisationId:
    string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "Another organisation's name (its staff by role only, never by name); null for the reader's own staff",
  })
  actorOrganisationName: string | null;
  @ApiPropertyOptional() actorRole: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: string;
  @ApiProperty({ enum: ['allowed', 'denied', 'failed'] }) outcome: string;
  @ApiPropertyOptional() statusCode: number | null;
  @ApiPropertyOptional() view: string | null;
  @ApiPropertyOptional({ type: [String] }) fields: string[] | null;
  @ApiProperty({ type: [String], description: 'The cases of the log this event touched (only those asked about)' })
  caseIds: string[];
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) events: AccessLogEntryDto[];
  @ApiPropertyOptional({ description: 'Pass as beforeSeq for the next (older) page; absent on the last page' })
  nextBeforeSeq?: number;
}

export class AuditHeadsQueryDto {
  @ApiPropertyOptional({ description: 'Return the heads sealed after this one (from nextAfterId)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterId?: number;

  @ApiPropertyOptional({ default: 100, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;
}

/** A signed head as `audit:heads` prints it and `audit:verify --heads` reads it back. */
export class AuditHeadDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'The last sequence number the head covers' }) upToSeq: number;
  @ApiProperty() eventCount: number;
  @ApiProperty({ description: 'The chain hash at upToSeq, hex' }) headHash: string;
  @ApiProperty() sealedAt: string;
  @ApiProperty({ description: 'The Ed25519 public key, base64' }) publicKey: string;
  @ApiProperty({ description: 'The Ed25519 signature, base64' }) signature: string;
}

export class AuditHeadsPageDto {
  @ApiProperty({ type: [AuditHeadDto] }) heads: AuditHeadDto[];
  @ApiPropertyOptional({ description: 'Pass as afterId for the next page; absent on the last page' })
  nextAfterId?: number;
}
