import { Body, Get, HttpCode, Param, Post, Query, Redirect } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { Role, ROLES } from '../../../core/access/role';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../../core/http/validation';
import type { FormBody, FormErrors, FormValues } from '../../../core/web/forms';
import { text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { OrganisationsService, roleKindProblem } from '../../organisations';
import { ChangeRoleDto, CreateUserDto, ListUsersQueryDto } from '../dto/user.dto';
import { UserErrorCode, UserException } from '../users.exception';
import { UsersService } from '../users.service';
import { NewUserPage, PasswordShownOncePage, UserPage, UserProps, UsersListPage } from './users.page';
import { userMessages } from './users.messages';

const uuid = new UuidParamPipe();

/** What each action's success says on the account's page (`?done=`, a code). */
const DONE = {
  disabled: 'done_disabled',
  enabled: 'done_enabled',
  unlocked: 'done_unlocked',
  role: 'done_role',
  factor: 'done_factor',
} as const;

function one(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function defined(values: FormValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * The administrator's user accounts, over the UsersService the API's /users routes call: each form
 * has the permission and the audit action of its API route (POST /users, POST /users/:id/disable,
 * …/enable, …/unlock, PATCH …/role, POST …/password/reset, POST …/second-factor/reset). A generated
 * password is shown once, on the answer to the form that made it, and kept nowhere.
 */
@PageController('users')
export class UsersPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get()
  @RequirePermission(Permission.UserManage)
  async list(
    @Page() page: PageContext,
    @Query('organisationId') organisationId: unknown,
    @Query('includeDisabled') includeDisabled: unknown,
  ): Promise<Html> {
    const values = { organisationId: one(organisationId), includeDisabled: one(includeDisabled) };
    const organisations = await this.organisations.list();
    const form = await validateAs(ListUsersQueryDto, defined(values), page.language);
    if ('errors' in form) {
      throw new PageRefusal(
        400,
        <UsersListPage page={page} users={[]} organisations={organisations} values={values} errors={form.errors} />,
      );
    }
    const users = await this.users.list(form.value);
    return <UsersListPage page={page} users={users} organisations={organisations} values={values} />;
  }

  @Get('new')
  @RequirePermission(Permission.UserManage)
  async newUser(@Page() page: PageContext): Promise<Html> {
    return <NewUserPage page={page} organisations={await this.organisations.list()} roles={ROLES} />;
  }

  @Post('new')
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserCreated)
  @HttpCode(200)
  async create(@Page() page: PageContext, @Body() body: FormBody): Promise<Html> {
    const m = userMessages.in(page.language);
    const values = { username: text(body, 'username'), organisationId: text(body, 'organisationId'), role: text(body, 'role') };
    const refuse = async (status: number, errors: FormErrors) =>
      new PageRefusal(
        status,
        <NewUserPage page={page} organisations={await this.organisations.list()} roles={ROLES} values={values} errors={errors} />,
      );
    const form = await validateAs(
      CreateUserDto,
      { username: values.username ?? '', organisationId: values.organisationId ?? '', role: values.role ?? '' },
      page.language,
    );
    if ('errors' in form) throw await refuse(400, form.errors);
    try {
      const { generatedPassword, ...user } = await this.users.create({
        username: form.value.username,
        organisationId: form.value.organisationId,
        role: form.value.role,
      });
      return <PasswordShownOncePage page={page} user={user} password={generatedPassword as string} kind="created" />;
    } catch (error) {
      if (error instanceof UserException && error.code === UserErrorCode.UsernameTaken) {
        throw await refuse(error.status, { username: m('username_taken') });
      }
      if (error instanceof UserException && error.code === UserErrorCode.RoleDoesNotFitOrganisation) {
        throw await refuse(error.status, { role: m('role_not_fitting') });
      }
      throw error;
    }
  }

  @Get(':id')
  @RequirePermission(Permission.UserManage)
  async show(@Page() page: PageContext, @Param('id', uuid) id: string, @Query('done') done: unknown): Promise<Html> {
    const notice = typeof done === 'string' && done in DONE ? userMessages.in(page.language)(DONE[done as keyof typeof DONE]) : undefined;
    return this.userPage(page, id, { notice });
  }

  @Post(':id/disable')
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserDisabled)
  @Redirect()
  disable(
    @Page() page: PageContext,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<SeeOther> {
    return this.act(page, id, body, 'disable', 'disabled', () => this.users.disable(id, actor.userId));
  }

  @Post(':id/enable')
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserEnabled)
  @Redirect()
  enable(@Page() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody): Promise<SeeOther> {
    return this.act(page, id, body, undefined, 'enabled', () => this.users.enable(id));
  }

  @Post(':id/unlock')
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserUnlocked)
  @Redirect()
  unlock(@Page() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody): Promise<SeeOther> {
    return this.act(page, id, body, undefined, 'unlocked', () => this.users.unlock(id));
  }

  @Post(':id/role')
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserRoleChanged)
  @Redirect()
  async changeRole(
    @Page() page: PageContext,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<SeeOther> {
    const form = await validateAs(ChangeRoleDto, { role: text(body, 'role') ?? '' }, page.language);
    if ('errors' in form) throw new PageRefusal(400, await this.userPage(page, id, { errors: form.errors }));
    return this.act(page, id, body, 'role', 'role', () => this.users.changeRole(id, form.value.role, actor.userId));
  }

  @Post(':id/password/reset')
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserPasswordReset)
  @HttpCode(200)
  async resetPassword(
    @Page() page: PageContext,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<Html> {
    await this.requireConfirmed(page, id, body, 'password/reset');
    const { generatedPassword, ...user } = await this.refusalsShown(page, id, () => this.users.resetPassword(id, actor.userId));
    return <PasswordShownOncePage page={page} user={user} password={generatedPassword} kind="reset" />;
  }

  @Post(':id/second-factor/reset')
  @RequirePermission(Permission.UserManage)
  @Audited(AuditAction.UserSecondFactorReset)
  @Redirect()
  resetSecondFactor(
    @Page() page: PageContext,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<SeeOther> {
    return this.act(page, id, body, 'second-factor/reset', 'factor', () => this.users.resetSecondFactor(id, actor.userId));
  }

  /** An action on one account; a grave one (`confirmed` names its form) needs its box ticked. */
  private async act(
    page: PageContext,
    id: string,
    body: FormBody,
    confirmed: string | undefined,
    done: keyof typeof DONE,
    run: () => Promise<unknown>,
  ): Promise<SeeOther> {
    if (confirmed) await this.requireConfirmed(page, id, body, confirmed);
    await this.refusalsShown(page, id, run);
    return seeOther(`/ui/users/${id}?done=${done}`);
  }

  private async requireConfirmed(page: PageContext, id: string, body: FormBody, action: string): Promise<void> {
    if (text(body, 'confirm') === 'yes') return;
    const errors = { [`confirm:/ui/users/${id}/${action}`]: userMessages.in(page.language)('confirm_needed') };
    throw new PageRefusal(400, await this.userPage(page, id, { errors }));
  }

  /** The service's refusals said on the account's page: one's own account, a role that does not fit. */
  private async refusalsShown<T>(page: PageContext, id: string, run: () => Promise<T>): Promise<T> {
    const m = userMessages.in(page.language);
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof UserException)) throw error;
      if (error.code === UserErrorCode.SelfLockout) {
        throw new PageRefusal(error.status, await this.userPage(page, id, { refusal: m('self') }));
      }
      if (error.code === UserErrorCode.RoleDoesNotFitOrganisation) {
        throw new PageRefusal(error.status, await this.userPage(page, id, { errors: { role: m('role_not_fitting') } }));
      }
      throw error;
    }
  }

  private async userPage(page: PageContext, id: string, extra: Partial<UserProps>): Promise<Html> {
    const user = await this.users.get(id);
    const organisation = await this.organisations.require(user.organisationId);
    const roles = ROLES.filter((role: Role) => roleKindProblem(role, organisation.kind) === null);
    return (
      <UserPage page={page} user={user} organisation={{ id: organisation.id, name: organisation.name }} roles={roles} {...extra} />
    );
  }
}
