import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REFERRAL_PURPOSES, REFERRAL_STATUSES } from '../referral.entity';
import type { ReferralPurpose, ReferralStatus } from '../referral.entity';

export class OrganisationRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

/** A referral as its two organisations see it; the texts only in the answer about one referral. */
export class ReferralViewDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ type: OrganisationRefDto }) from: OrganisationRefDto;
  @ApiProperty({ type: OrganisationRefDto }) to: OrganisationRefDto;
  @ApiProperty({ enum: REFERRAL_PURPOSES }) purpose: ReferralPurpose;
  @ApiProperty() consentId: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ description: 'Pending past its deadline' }) overdue: boolean;
  @ApiProperty() dueAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only in the answer about one referral' })
  message?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only in the answer about one referral' })
  declineReason?: string | null;
  @ApiPropertyOptional({
    description: 'The texts exist but may no longer be read (declined, withdrawn, or the consent withdrawn)',
  })
  textsWithheld?: boolean;
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralViewDto] }) items: ReferralViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
