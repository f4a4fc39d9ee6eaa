import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../../core/http/body-limit.decorator';
import { UuidParamPipe } from '../../core/http/validation';
import { PasswordResetDto, UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

const uuid = new UuidParamPipe();

/**
 * An organisation's manager over its own staff's accounts: the same resets as the administrator's
 * /users routes, with the same audit actions, limited to the manager's organisation. An account of
 * another organisation answers 404, as one that does not exist.
 */
@ApiTags('staff')
@Controller('staff')
@BodyLimit(SMALL_BODY)
export class StaffController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: "The accounts of the caller's organisation, disabled ones included" })
  @RequirePermission(Permission.StaffManage)
  @ApiOkResponse({ type: [UserDto] })
  list(@CurrentUser() actor: AuthenticatedUser): Promise<UserDto[]> {
    return this.users.list({ organisationId: actor.organisationId, includeDisabled: true });
  }

  @Get(':id')
  @ApiOperation({ summary: "One account of the caller's organisation (another's: 404)" })
  @RequirePermission(Permission.StaffManage)
  @ApiOkResponse({ type: UserDto })
  get(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<UserDto> {
    return this.users.get(id, { organisationId: actor.organisationId });
  }

  @Post(':id/password/reset')
  @ApiOperation({
    summary: "Reset the password of an account of the caller's organisation: a new one is shown once and must be changed at the next sign-in",
    description: "The user's sessions end; another organisation's account answers 404; one's own, 403.",
  })
  @RequirePermission(Permission.StaffManage)
  @Audited(AuditAction.UserPasswordReset)
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordResetDto })
  resetPassword(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<PasswordResetDto> {
    return this.users.resetPassword(id, actor.userId, { organisationId: actor.organisationId });
  }

  @Post(':id/second-factor/reset')
  @ApiOperation({
    summary:
      "Remove the second factors (TOTP, security keys, recovery codes) of an account of the caller's organisation and end its sessions",
    description:
      'The password must be changed at the next sign-in, then the factor enrolled again where the role requires one. Another organisation: 404.',
  })
  @RequirePermission(Permission.StaffManage)
  @Audited(AuditAction.UserSecondFactorReset)
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  resetSecondFactor(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<UserDto> {
    return this.users.resetSecondFactor(id, actor.userId, { organisationId: actor.organisationId });
  }
}
