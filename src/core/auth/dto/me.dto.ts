import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../access/role';

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ description: 'Whether the account has a second factor: TOTP or a WebAuthn credential' })
  mfaEnrolled: boolean;
  @ApiProperty({
    description:
      'Whether this user needs a session opened with a second factor for its work (victim data, administration)',
  })
  mfaRequired: boolean;
  @ApiProperty({ description: 'Whether this session was opened with a second factor' }) secondFactor: boolean;
  @ApiProperty({ description: 'How many WebAuthn credentials (security keys, passkeys) the account has' })
  webauthnCredentials: number;
  @ApiProperty({ description: 'How many of the recovery codes last generated are still unused' })
  recoveryCodesRemaining: number;
  @ApiProperty({
    description: 'An administrator reset this account: until the password is changed, every other route answers 403',
  })
  passwordChangeRequired: boolean;
  @ApiProperty({ type: [String] }) permissions: string[];
}
