import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUUID, ValidateIf } from 'class-validator';
import { CONSENT_PURPOSES, REFERRAL_PURPOSES } from '../../code-lists';
import type { ConsentPurpose } from '../../code-lists';

/**
 * The person agrees to one purpose. A consent to referral names the organisation it may go to and the
 * referral purposes it covers; a consent to disclosure to law enforcement may name the one unit.
 */
export class GiveConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiPropertyOptional({
    description: 'Required for purpose referral; optional for law_enforcement_disclosure (that unit only)',
  })
  @ValidateIf((dto: GiveConsentDto) => dto.purpose === 'referral' || dto.recipientOrganisationId !== undefined)
  @IsUUID()
  recipientOrganisationId?: string;

  @ApiPropertyOptional({
    enum: REFERRAL_PURPOSES,
    isArray: true,
    description: 'Required for, and only for, purpose referral: what the person agreed to be referred for',
  })
  @ValidateIf((dto: GiveConsentDto) => dto.purpose === 'referral' || dto.referralPurposes !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REFERRAL_PURPOSES.length)
  @ArrayUnique()
  @IsIn(REFERRAL_PURPOSES, { each: true })
  referralPurposes?: string[];
}
