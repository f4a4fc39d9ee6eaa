import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Role, ROLES } from '../../../core/access/role';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

export class CreateUserDto {
  @ApiProperty({
    example: 'caseworker.khujand',
    description: '3–64 letters, digits, dot, dash or underscore; stored lower-case',
  })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3 to 64 letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  organisationId: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    format: 'password',
    description: 'Omit to have a strong password generated and returned once',
  })
  @IsOptional()
  @IsString()
  @Length(12, 128)
  password?: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class ListUsersQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  organisationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeDisabled?: boolean;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() disabled: boolean;
  @ApiProperty() locked: boolean;
  @ApiProperty({ description: 'Whether the account has a second factor: TOTP or a WebAuthn credential' })
  mfaEnrolled: boolean;
  @ApiProperty({ description: 'Reset by an administrator: the user must change the password before anything else' })
  passwordChangeRequired: boolean;
  @ApiProperty() createdAt: string;
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({ description: 'Present only when the password was generated; shown once' })
  generatedPassword?: string;
}

export class PasswordResetDto extends UserDto {
  @ApiProperty({ description: 'The new password, generated; shown once. It must be changed at the next sign-in.' })
  generatedPassword: string;
}
