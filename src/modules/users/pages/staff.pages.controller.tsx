import { Body, Get, HttpCode, Param, Post, Query, Redirect } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../../core/http/validation';
import type { FormBody } from '../../../core/web/forms';
import { text } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { OrganisationsService } from '../../organisations';
import { UserErrorCode, UserException } from '../users.exception';
import { AccountScope, UsersService } from '../users.service';
import { PasswordShownOncePage, StaffListPage, UserPage, UserProps } from './users.page';
import { userMessages } from './users.messages';

const uuid = new UuidParamPipe();

/**
 * The manager's pages over its own organisation's accounts, over the service the API's /staff routes
 * call, with their permission and audit actions: the list, one account, and its two resets. Another
 * organisation's account answers 404 as the API does. A new password is shown once and kept nowhere.
 */
@PageController('staff')
export class StaffPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get()
  @RequirePermission(Permission.StaffManage)
  async list(@Page() page: PageContext, @CurrentUser() actor: AuthenticatedUser): Promise<Html> {
    const users = await this.users.list({ organisationId: actor.organisationId, includeDisabled: true });
    return <StaffListPage page={page} users={users} />;
  }

  @Get(':id')
  @RequirePermission(Permission.StaffManage)
  async show(
    @Page() page: PageContext,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<Html> {
    const notice = done === 'factor' ? userMessages.in(page.language)('done_factor') : undefined;
    return this.userPage(page, id, scopeOf(actor), { notice });
  }

  @Post(':id/password/reset')
  @RequirePermission(Permission.StaffManage)
  @Audited(AuditAction.UserPasswordReset)
  @HttpCode(200)
  async resetPassword(
    @Page() page: PageContext,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<Html> {
    await this.requireConfirmed(page, id, body, actor, 'password/reset');
    const { generatedPassword, ...user } = await this.refusalsShown(page, id, actor, () =>
      this.users.resetPassword(id, actor.userId, scopeOf(actor)),
    );
    return <PasswordShownOncePage page={page} user={user} password={generatedPassword} kind="reset" base="/ui/staff" />;
  }

  @Post(':id/second-factor/reset')
  @RequirePermission(Permission.StaffManage)
  @Audited(AuditAction.UserSecondFactorReset)
  @Redirect()
  async resetSecondFactor(
    @Page() page: PageContext,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<SeeOther> {
    await this.requireConfirmed(page, id, body, actor, 'second-factor/reset');
    await this.refusalsShown(page, id, actor, () => this.users.resetSecondFactor(id, actor.userId, scopeOf(actor)));
    return seeOther(`/ui/staff/${id}?done=factor`);
  }

  private async requireConfirmed(
    page: PageContext,
    id: string,
    body: FormBody,
    actor: AuthenticatedUser,
    action: string,
  ): Promise<void> {
    if (text(body, 'confirm') === 'yes') return;
    const errors = { [`confirm:/ui/staff/${id}/${action}`]: userMessages.in(page.language)('confirm_needed') };
    throw new PageRefusal(400, await this.userPage(page, id, scopeOf(actor), { errors }));
  }

  /** One's own account said on the page; any other refusal (404 for another organisation's) as the API's. */
  private async refusalsShown<T>(page: PageContext, id: string, actor: AuthenticatedUser, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof UserException && error.code === UserErrorCode.SelfLockout) {
        const refusal = userMessages.in(page.language)('self');
        throw new PageRefusal(error.status, await this.userPage(page, id, scopeOf(actor), { refusal }));
      }
      throw error;
    }
  }

  private async userPage(page: PageContext, id: string, scope: AccountScope, extra: Partial<UserProps>): Promise<Html> {
    const user = await this.users.get(id, scope);
    const organisation = await this.organisations.require(user.organisationId);
    return (
      <UserPage page={page} user={user} organisation={{ id: organisation.id, name: organisation.name }} roles={[]} staff {...extra} />
    );
  }
}

function scopeOf(actor: AuthenticatedUser): AccountScope {
  return { organisationId: actor.organisationId };
}
