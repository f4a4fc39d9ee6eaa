import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { CurrentUser } from '../access/current-user.decorator';
import { Permission } from '../access/permission';
import { OpenDuringPasswordChange, Public, RequirePermission } from '../access/route-permission.decorator';
import { AuthService } from './auth.service';
import { AuditAction } from '../audit/audit-action';
import { Audited } from '../audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../http/body-limit.decorator';
import { clientOf } from './client-info';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto, TokenResponseDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { PasswordStepDto, PendingSignInDto, RecoveryCodesDto, SecondFactorDto } from './dto/sign-in.dto';
import { InputValidationException, UuidParamPipe } from '../http/validation';
import { OtherSessionsEndedDto, SessionDto } from './dto/session.dto';
import { OwnSessions } from './own-sessions';
import type { SecondFactorProof } from './second-factor-check';
import { RecoveryCodes } from './recovery-codes.service';
import { TotpConfirmDto, TotpEnrolmentDto } from './dto/totp.dto';
import { LoginInputInterceptor } from './login-input.interceptor';

@ApiTags('auth')
@Controller('auth')
@BodyLimit(SMALL_BODY)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly recoveryCodes: RecoveryCodes,
    private readonly ownSessions: OwnSessions,
  ) {}

  @Post('login')
  @Public()
  @UseInterceptors(LoginInputInterceptor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username, password and, once enrolled, a TOTP code' })
  @ApiOkResponse({ type: TokenResponseDto })
  login(@Body() dto: LoginDto, @Req() request: Request): Promise<TokenResponseDto> {
    return this.auth.login(dto, clientOf(request));
  }

  @Post('login/password')
  @Public()
  @UseInterceptors(LoginInputInterceptor)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in, step one: the password',
    description:
      'Checked exactly as POST /auth/login checks it. An account without a second factor gets its session here; any other gets a pending sign-in (good once, for five minutes) to finish at POST /auth/login/second-factor.',
  })
  @ApiExtraModels(TokenResponseDto, PendingSignInDto)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(TokenResponseDto) }, { $ref: getSchemaPath(PendingSignInDto) }] },
  })
  async passwordStep(
    @Body() dto: PasswordStepDto,
    @Req() request: Request,
  ): Promise<TokenResponseDto | PendingSignInDto> {
    const step = await this.auth.beginSignIn(dto.username, dto.password, clientOf(request));
    return step.kind === 'signed_in' ? step.session : step.pending;
  }

  @Post('login/second-factor')
  @Public()
  @UseInterceptors(LoginInputInterceptor)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in, step two: one second factor (a TOTP code, a security key or a recovery code)',
    description:
      'The pending sign-in is used up by this attempt, right or wrong; a wrong factor counts towards the lock as a wrong TOTP code does at login.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  secondFactor(@Body() dto: SecondFactorDto, @Req() request: Request): Promise<TokenResponseDto> {
    return this.auth.finishSignIn(dto.pendingSignIn, proofOf(dto), clientOf(request));
  }

  @Post('logout')
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session at once' })
  async logout(@CurrentUser() user: AuthenticatedUser, @Req() request: Request): Promise<void> {
    await this.auth.logout(user, clientOf(request));
  }

  @Get('me')
  @ApiOperation({ summary: 'Who the caller is: user, organisation, role and permissions' })
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeDto> {
    return this.auth.me(user);
  }

  @Get('sessions')
  @ApiOperation({
    summary: "Your open sessions: when each was opened and last used, from what (coarsely), and which is this one",
    description: 'Never a token. A session ended, or past its idle or absolute limit, is not listed.',
  })
  @RequirePermission(Permission.AccountSelf)
  @ApiOkResponse({ type: [SessionDto] })
  sessions(@CurrentUser() user: AuthenticatedUser): Promise<SessionDto[]> {
    return this.ownSessions.list(user);
  }

  @Delete('sessions/:id')
  @ApiOperation({
    summary: 'End one of your open sessions (this one too, as a logout)',
    description: 'A session that is not yours, or has ended, answers 404.',
  })
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.SessionEnded)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ended at once' })
  async endSession(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParamPipe()) id: string): Promise<void> {
    await this.ownSessions.end(user, id);
  }

  @Post('sessions/end-others')
  @ApiOperation({ summary: 'End every one of your open sessions but this one' })
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.OtherSessionsEnded)
  @HttpCode(200)
  @ApiOkResponse({ type: OtherSessionsEndedDto })
  async endOtherSessions(@CurrentUser() user: AuthenticatedUser): Promise<OtherSessionsEndedDto> {
    return { ended: await this.ownSessions.endOthers(user) };
  }

  @Post('totp/enrol')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.TotpEnrolmentStarted)
  @HttpCode(200)
  @ApiOperation({ summary: 'Start TOTP enrolment; the secret is shown once' })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  enrolTotp(@CurrentUser() user: AuthenticatedUser): Promise<TotpEnrolmentDto> {
    return this.auth.enrolTotp(user);
  }

  @Post('totp/confirm')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.TotpEnabled)
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm TOTP enrolment with a current code; from then on every login needs a code' })
  async confirmTotp(@CurrentUser() user: AuthenticatedUser, @Body() dto: TotpConfirmDto): Promise<void> {
    await this.auth.confirmTotp(user, dto.code);
  }

  @Post('recovery-codes')
  @RequirePermission(Permission.AccountSelf)
  @Audited(AuditAction.RecoveryCodesGenerated)
  @ApiOperation({
    summary: 'Generate ten recovery codes, replacing any earlier ones; shown once',
    description: 'Needs a session opened with a second factor. Each code works once at POST /auth/login/second-factor.',
  })
  @ApiCreatedResponse({ type: RecoveryCodesDto })
  async generateRecoveryCodes(@CurrentUser() user: AuthenticatedUser): Promise<RecoveryCodesDto> {
    return { codes: await this.recoveryCodes.generate(user) };
  }

  /** Audited by the service, as login is: a refused attempt's counters must outlive its answer. */
  @Post('password')
  @RequirePermission(Permission.AccountSelf)
  @OpenDuringPasswordChange()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your password; your other sessions end',
    description:
      'Wrong current passwords count towards the same back-off (429 with Retry-After) and lock as failed logins; a lock ends every session of the account.',
  })
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<void> {
    await this.auth.changePassword(user, dto.currentPassword, dto.newPassword, clientOf(request));
  }
}

/** The one second factor the body holds; none or more than one is bad input, counted as a login's is. */
function proofOf(dto: SecondFactorDto): SecondFactorProof {
  const offered = [dto.totpCode, dto.webauthn, dto.recoveryCode].filter((value) => value !== undefined);
  if (offered.length !== 1) {
    throw new InputValidationException([
      { field: 'body', problem: 'must hold exactly one of totpCode, webauthn and recoveryCode' },
    ]);
  }
  if (dto.totpCode !== undefined) return { method: 'totp', code: dto.totpCode };
  if (dto.recoveryCode !== undefined) return { method: 'recovery_code', code: dto.recoveryCode };
  return { method: 'webauthn', credential: dto.webauthn as NonNullable<SecondFactorDto['webauthn']> };
}
