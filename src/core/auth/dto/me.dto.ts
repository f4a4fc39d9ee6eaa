import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../access/role';

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() mfaEnrolled: boolean;
  @ApiProperty({
    description: 'Whether this user needs a session opened with TOTP for its work (victim data, administration)',
  })
  mfaRequired: boolean;
  @ApiProperty({ description: 'Whether this session was opened with TOTP' }) secondFactor: boolean;
  @ApiProperty({
    description: 'An administrator reset this account: until the password is changed, every other route answers 403',
  })
  passwordChangeRequired: boolean;
  @ApiProperty({ type: [String] }) permissions: string[];
}
