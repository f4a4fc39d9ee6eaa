import { Get, Query } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext } from '../../../core/web/page';
import { Page, PageController } from '../../../core/web/page';
import { pageNumber } from '../../../core/web/pager';
import { NotificationsService } from '../notifications.service';
import { NotificationsPage } from './notifications.page';

const PAGE_SIZE = 25;

/** The organisation's notifications, over the service GET /notifications calls. */
@PageController('notifications')
export class NotificationsPagesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequirePermission(Permission.NotificationRead)
  @Audited(AuditAction.NotificationsListed)
  async list(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Query('page') pageQuery: unknown,
  ): Promise<Html> {
    const number = pageNumber(pageQuery);
    const found = await this.notifications.list(actor, { limit: PAGE_SIZE, offset: (number - 1) * PAGE_SIZE });
    return <NotificationsPage page={page} items={found.items} number={number} size={PAGE_SIZE} total={found.total} />;
  }
}
