import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsInstant } from '../../../core/http/day-validation';
import { PageQueryDto } from '../../../core/http/page-query.dto';
import { FreeText } from '../../../core/http/text-validation';
import { REFERRAL_PURPOSES, REFERRAL_STATUSES } from '../referral.entity';
import type { ReferralPurpose } from '../referral.entity';

export class SendReferralDto {
  @ApiProperty({ description: 'The receiving organisation (its inbox, not a person)' })
  @IsUUID()
  toOrganisationId: string;

  @ApiProperty({ enum: REFERRAL_PURPOSES })
  @IsIn(REFERRAL_PURPOSES)
  purpose: ReferralPurpose;

  @ApiProperty({ description: 'The live consent that covers this purpose and organisation' })
  @IsUUID()
  consentId: string;

  @ApiPropertyOptional({ description: 'To the receiving organisation; encrypted' })
  @IsOptional()
  @FreeText(1, 4000)
  message?: string;

  @ApiProperty({ example: '2026-12-05T12:00:00Z', description: 'Answer wanted by; in the future, within a year' })
  @IsInstant()
  dueAt: string;
}

export class DeclineReferralDto {
  @ApiProperty({ description: 'Why; required, encrypted, shown to the referring organisation' })
  @FreeText(1, 2000)
  reason: string;
}

export const REFERRAL_BOXES = ['inbox', 'outbox'] as const;
/** A referral's status, or `overdue`: pending past its deadline. */
export const REFERRAL_STATUS_FILTERS = [...REFERRAL_STATUSES, 'overdue'] as const;

export class ReferralListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_BOXES, default: 'inbox' })
  @IsOptional()
  @IsIn(REFERRAL_BOXES)
  box?: (typeof REFERRAL_BOXES)[number];

  @ApiPropertyOptional({ enum: REFERRAL_STATUS_FILTERS })
  @IsOptional()
  @IsIn(REFERRAL_STATUS_FILTERS)
  status?: (typeof REFERRAL_STATUS_FILTERS)[number];
}
