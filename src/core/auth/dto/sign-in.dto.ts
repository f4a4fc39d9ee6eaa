import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { NestedObject } from '../../http/nested-input';
import { SingleLine } from '../../http/text-validation';
import { AuthenticationCredentialDto, AuthenticationOptionsDto } from './webauthn.dto';

export const SECOND_FACTOR_METHODS = ['totp', 'webauthn', 'recovery_code'] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

/** The first step of a sign-in: the password alone. */
export class PasswordStepDto {
  @ApiProperty({ example: 'caseworker.khujand' })
  @IsString()
  @Length(1, 64)
  @SingleLine()
  username: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 128)
  password: string;
}

/** The answer of the first step when the account has a second factor. */
export class PendingSignInDto {
  @ApiProperty({ description: 'Send it with the second factor to POST /auth/login/second-factor; good once' })
  pendingSignIn: string;

  @ApiProperty({ description: 'Five minutes from the password step' })
  expiresAt: string;

  @ApiProperty({ enum: SECOND_FACTOR_METHODS, isArray: true, description: 'What the account can sign in with' })
  methods: SecondFactorMethod[];

  @ApiPropertyOptional({
    type: AuthenticationOptionsDto,
    description:
      'For navigator.credentials.get(), when the account has WebAuthn credentials (they are in allowCredentials)',
  })
  webauthn?: AuthenticationOptionsDto;
}

/** The second step: the pending sign-in and exactly one second factor. */
export class SecondFactorDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'pendingSignIn is not a pending sign-in' })
  pendingSignIn: string;

  @ApiPropertyOptional({ example: '123456' })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  @Matches(/^\d{6}$/, { message: 'totpCode must be six digits' })
  totpCode?: string;

  @ApiPropertyOptional({ type: AuthenticationCredentialDto, description: 'What navigator.credentials.get() gave' })
  @IsOptional()
  @NestedObject(() => AuthenticationCredentialDto)
  webauthn?: AuthenticationCredentialDto;

  @ApiPropertyOptional({ example: 'K7QM-2XWD-9HJN-4RTV' })
  @IsOptional()
  @IsString()
  @Length(16, 24)
  @Matches(/^[A-Za-z0-9 -]+$/, { message: 'recoveryCode must be letters, digits, spaces and hyphens' })
  recoveryCode?: string;
}

export class RecoveryCodesDto {
  @ApiProperty({
    type: [String],
    description: 'Ten codes, each good once in place of the second factor; shown this once, never again',
  })
  codes: string[];
}
