import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { VerifyResult } from '../audit-verifier.service';

export class VerifyResultDto implements VerifyResult {
  @ApiProperty() intact: boolean;
  @ApiProperty({
    description: 'The last sequence number whose event, chain link and (if sealed by then) signed head all check out',
  })
  verifiedUpTo: number;
  @ApiProperty() eventsChecked: number;
  @ApiProperty() sealsChecked: number;
  @ApiProperty({ description: 'Events newer than the last seal, not yet chained (normal for a few seconds)' })
  unsealed: number;
  @ApiPropertyOptional({ description: 'The first sequence number that does not match, when something does not' })
  firstBadSeq?: number;
  @ApiPropertyOptional() problem?: string;
}
