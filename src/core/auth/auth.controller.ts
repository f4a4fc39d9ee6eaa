import { Body, Controller, Get, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { TotpConfirmDto, TotpEnrolmentDto } from './dto/totp.dto';
import { LoginInputInterceptor } from './login-input.interceptor';

@ApiTags('auth')
@Controller('auth')
@BodyLimit(SMALL_BODY)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseInterceptors(LoginInputInterceptor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username, password and, once enrolled, a TOTP code' })
  @ApiOkResponse({ type: TokenResponseDto })
  login(@Body() dto: LoginDto, @Req() request: Request): Promise<TokenResponseDto> {
    return this.auth.login(dto, clientOf(request));
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
  me(@CurrentUser() user: AuthenticatedUser): MeDto {
    return this.auth.me(user);
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
