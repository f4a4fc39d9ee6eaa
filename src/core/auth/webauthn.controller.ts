import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { CurrentUser } from '../access/current-user.decorator';
import { Permission } from '../access/permission';
import { RequirePermission } from '../access/route-permission.decorator';
import { AuditAction } from '../audit/audit-action';
import { Audited } from '../audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../http/body-limit.decorator';
import { UuidParamPipe } from '../http/validation';
import { clientOf } from './client-info';
import { RegisterCredentialDto, RegistrationOptionsDto, WebAuthnCredentialDto } from './dto/webauthn.dto';
import { WebAuthnService } from './webauthn.service';

const uuid = new UuidParamPipe();

/** The caller's own WebAuthn credentials (security keys, passkeys). */
@ApiTags('auth')
@Controller('auth/webauthn')
@BodyLimit(SMALL_BODY)
export class WebAuthnController {
  constructor(private readonly webauthn: WebAuthnService) {}

  @Post('registration/options')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.WebAuthnRegistrationStarted)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start registering a security key or passkey: options for navigator.credentials.create()',
    description: 'An account that has a second factor needs a session opened with it.',
  })
  @ApiOkResponse({ type: RegistrationOptionsDto })
  registrationOptions(@CurrentUser() user: AuthenticatedUser): Promise<RegistrationOptionsDto> {
    return this.webauthn.registrationOptions(user);
  }

  /** Audited by the service: the attempt uses up its challenge, and a refusal must say so. */
  @Post('credentials')
  @RequirePermission(Permission.AccountSelf)
  // An attestation object is larger than the few short fields SMALL_BODY is made for.
  @BodyLimit('16kb')
  @ApiOperation({ summary: 'Finish registering: the response of navigator.credentials.create(), and a label' })
  @ApiCreatedResponse({ type: WebAuthnCredentialDto })
  register(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: RegisterCredentialDto,
    @Req() request: Request,
  ): Promise<WebAuthnCredentialDto> {
    return this.webauthn.register(user, dto.label, dto.credential, clientOf(request));
  }

  @Get('credentials')
  @RequirePermission(Permission.AccountSelf)
  @ApiOperation({ summary: 'Your security keys and passkeys' })
  @ApiOkResponse({ type: [WebAuthnCredentialDto] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<WebAuthnCredentialDto[]> {
    return this.webauthn.list(user);
  }

  @Delete('credentials/:id')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.WebAuthnCredentialRemoved)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one of your security keys or passkeys' })
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string): Promise<void> {
    await this.webauthn.remove(user, id);
  }
}
