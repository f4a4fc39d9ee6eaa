import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches } from 'class-validator';
import { NestedObject } from '../../http/nested-input';
import { SingleLineText } from '../../http/text-validation';

/**
 * The JSON a browser gives for a credential (PublicKeyCredential.toJSON()), field by field: binary
 * values in base64url, bounded so that no field can hold more than the body limit allows anyway.
 */
const base64url = (max: number) => new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`);
const B64 = 'must be base64url';

export const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
export const ATTACHMENTS = ['platform', 'cross-platform'] as const;

export class CredentialPropertiesDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() rk?: boolean;
}

export class ClientExtensionResultsDto {
  @ApiPropertyOptional({ type: CredentialPropertiesDto })
  @IsOptional()
  @NestedObject(() => CredentialPropertiesDto)
  credProps?: CredentialPropertiesDto;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() appid?: boolean;
}

export class AttestationResponseDto {
  @ApiProperty() @IsString() @Matches(base64url(4096), { message: `clientDataJSON ${B64}` }) clientDataJSON: string;
  @ApiProperty()
  @IsString()
  @Matches(base64url(8192), { message: `attestationObject ${B64}` })
  attestationObject: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(base64url(4096), { message: `authenticatorData ${B64}` })
  authenticatorData?: string;

  @ApiPropertyOptional({ enum: TRANSPORTS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TRANSPORTS.length)
  @IsIn(TRANSPORTS, { each: true })
  transports?: string[];

  @ApiPropertyOptional() @IsOptional() @IsInt() publicKeyAlgorithm?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(base64url(2048), { message: `publicKey ${B64}` })
  publicKey?: string;
}

export class AssertionResponseDto {
  @ApiProperty() @IsString() @Matches(base64url(4096), { message: `clientDataJSON ${B64}` }) clientDataJSON: string;
  @ApiProperty()
  @IsString()
  @Matches(base64url(2048), { message: `authenticatorData ${B64}` })
  authenticatorData: string;
  @ApiProperty() @IsString() @Matches(base64url(1024), { message: `signature ${B64}` }) signature: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(base64url(128), { message: `userHandle ${B64}` })
  userHandle?: string;
}

/** What navigator.credentials.create() gave, as JSON. */
export class RegistrationCredentialDto {
  @ApiProperty() @IsString() @Matches(base64url(1366), { message: `id ${B64}` }) id: string;
  @ApiProperty() @IsString() @Matches(base64url(1366), { message: `rawId ${B64}` }) rawId: string;
  @ApiProperty({ enum: ['public-key'] }) @IsIn(['public-key']) type: 'public-key';

  @ApiProperty({ type: AttestationResponseDto })
  @NestedObject(() => AttestationResponseDto)
  response: AttestationResponseDto;

  @ApiPropertyOptional({ enum: ATTACHMENTS })
  @IsOptional()
  @IsIn(ATTACHMENTS)
  authenticatorAttachment?: (typeof ATTACHMENTS)[number];

  @ApiProperty({ type: ClientExtensionResultsDto })
  @NestedObject(() => ClientExtensionResultsDto)
  clientExtensionResults: ClientExtensionResultsDto;
}

/** What navigator.credentials.get() gave, as JSON. */
export class AuthenticationCredentialDto {
  @ApiProperty() @IsString() @Matches(base64url(1366), { message: `id ${B64}` }) id: string;
  @ApiProperty() @IsString() @Matches(base64url(1366), { message: `rawId ${B64}` }) rawId: string;
  @ApiProperty({ enum: ['public-key'] }) @IsIn(['public-key']) type: 'public-key';

  @ApiProperty({ type: AssertionResponseDto })
  @NestedObject(() => AssertionResponseDto)
  response: AssertionResponseDto;

  @ApiPropertyOptional({ enum: ATTACHMENTS })
  @IsOptional()
  @IsIn(ATTACHMENTS)
  authenticatorAttachment?: (typeof ATTACHMENTS)[number];

  @ApiProperty({ type: ClientExtensionResultsDto })
  @NestedObject(() => ClientExtensionResultsDto)
  clientExtensionResults: ClientExtensionResultsDto;
}

export class RegisterCredentialDto {
  @ApiProperty({ example: 'Blue security key', description: 'A name to tell this credential apart from the others' })
  @SingleLineText(1, 64)
  label: string;

  @ApiProperty({ type: RegistrationCredentialDto })
  @NestedObject(() => RegistrationCredentialDto)
  credential: RegistrationCredentialDto;
}

/** A credential as its user sees it in the list: never its key. */
export class WebAuthnCredentialDto {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: TRANSPORTS, isArray: true }) transports: string[];
  @ApiProperty({ description: 'Whether the authenticator backs it up (a passkey synced between devices)' })
  backedUp: boolean;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) lastUsedAt: string | null;
}

/**
 * Options for navigator.credentials.create(), as PublicKeyCredential.parseCreationOptionsFromJSON()
 * reads them (the WebAuthn Level 3 JSON form).
 */
export class RegistrationOptionsDto {
  @ApiProperty({ description: 'base64url; good once, for a few minutes' }) challenge: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'id and name of the relying party' })
  rp: object;
  @ApiProperty({ type: 'object', additionalProperties: true }) user: object;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  pubKeyCredParams: object[];
  @ApiPropertyOptional() timeout?: number;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: "The account's credentials, so that an authenticator does not register twice",
  })
  excludeCredentials?: object[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  authenticatorSelection?: object;
  @ApiPropertyOptional() attestation?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) extensions?: object;
}

/** Options for navigator.credentials.get(), as PublicKeyCredential.parseRequestOptionsFromJSON() reads them. */
export class AuthenticationOptionsDto {
  @ApiProperty({ description: 'base64url; good once, with its pending sign-in' }) challenge: string;
  @ApiPropertyOptional() timeout?: number;
  @ApiPropertyOptional() rpId?: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: "The account's credentials",
  })
  allowCredentials?: object[];
  @ApiPropertyOptional() userVerification?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) extensions?: object;
}
