import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../access/role';

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() mfaEnrolled: boolean;
  @ApiProperty({ description: 'Whether this user must enrol TOTP before reaching victim data' }) mfaRequired: boolean;
  @ApiProperty({ type: [String] }) permissions: string[];
}
