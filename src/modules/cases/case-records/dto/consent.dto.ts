import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';
import { CONSENT_PURPOSES } from '../entities/consent.entity';
import type { ConsentPurpose } from '../entities/consent.entity';

/** The person agrees to one purpose; a referral names the organisation it may go to. */
export class GiveConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiPropertyOptional({ description: 'Required for, and only for, purpose referral' })
  @ValidateIf((dto: GiveConsentDto) => dto.purpose === 'referral' || dto.recipientOrganisationId !== undefined)
  @IsUUID()
  recipientOrganisationId?: string;
}
