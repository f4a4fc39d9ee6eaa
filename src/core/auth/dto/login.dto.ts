import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { SingleLine } from '../../http/text-validation';

export class LoginDto {
  @ApiProperty({ example: 'caseworker.khujand' })
  @IsString()
  @Length(1, 64)
  @SingleLine()
  username: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiPropertyOptional({ example: '123456', description: 'Required once TOTP is enrolled' })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  @Matches(/^\d{6}$/, { message: 'totpCode must be six digits' })
  totpCode?: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Opaque bearer token; send as Authorization: Bearer <token>' })
  accessToken: string;

  @ApiProperty({ description: 'The latest moment the session can last; 15 idle minutes end it sooner' })
  expiresAt: string;

  @ApiProperty()
  idleTimeoutSeconds: number;
}
