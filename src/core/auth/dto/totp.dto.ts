import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class TotpConfirmDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret for the authenticator app; shown once' })
  secret: string;

  @ApiProperty({ description: 'otpauth:// URI, for a QR code' })
  otpauthUri: string;
}
