import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../../core/http/body-limit.decorator';
import { ChangeRoleDto, CreatedUserDto, CreateUserDto, ListUsersQueryDto, PasswordResetDto, UserDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { UuidParamPipe } from '../../core/http/validation';

const uuid = new UuidParamPipe();

@ApiTags('users')
@Controller('users')
@BodyLimit(SMALL_BODY)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user account' })
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserCreated)
  @ApiCreatedResponse({ type: CreatedUserDto })
  create(@Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the user accounts' })
  @RequirePermission(Permission.UserRead)
  @ApiOkResponse({ type: [UserDto] })
  list(@Query() query: ListUsersQueryDto): Promise<UserDto[]> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user account' })
  @RequirePermission(Permission.UserRead)
  @ApiOkResponse({ type: UserDto })
  get(@Param('id', uuid) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post(':id/disable')
  @ApiOperation({ summary: 'Disable a user account' })
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserDisabled)
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  disable(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<UserDto> {
    return this.users.disable(id, actor.userId);
  }

  @Post(':id/enable')
  @ApiOperation({ summary: 'Enable a disabled user account' })
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserEnabled)
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  enable(@Param('id', uuid) id: string): Promise<UserDto> {
    return this.users.enable(id);
  }

  @Post(':id/unlock')
  @ApiOperation({ summary: 'Unlock an account locked after failed logins' })
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserUnlocked)
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  unlock(@Param('id', uuid) id: string): Promise<UserDto> {
    return this.users.unlock(id);
  }

  @Post(':id/password/reset')
  @ApiOperation({
    summary: "Reset a user's password: a new one is generated and shown once; it must be changed at the next sign-in",
    description: "The user's sessions end; until the user changes the password, every route but the change answers 403.",
  })
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserPasswordReset)
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordResetDto })
  resetPassword(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<PasswordResetDto> {
    return this.users.resetPassword(id, actor.userId);
  }

  @Post(':id/second-factor/reset')
  @ApiOperation({
    summary:
      "Reset a user's second factors (TOTP, security keys, recovery codes) and end their sessions; the password must be changed at the next sign-in",
    description: 'For a person who lost them; they sign in with the password, change it, and enrol again.',
  })
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserSecondFactorReset)
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  resetSecondFactor(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<UserDto> {
    return this.users.resetSecondFactor(id, actor.userId);
  }

  @Patch(':id/role')
  @ApiOperation({ summary: "Change a user's role" })
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserRoleChanged)
  @ApiOkResponse({ type: UserDto })
  changeRole(
    @Param('id', uuid) id: string,
    @Body() dto: ChangeRoleDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<UserDto> {
    return this.users.changeRole(id, dto.role, actor.userId);
  }
}
