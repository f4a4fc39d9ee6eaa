import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { PageQueryDto } from '../../core/http/page-query.dto';
import { NotificationPage, NotificationsService } from './notifications.service';
import { NotificationPageDto } from './dto/notification.dto';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "List the organisation's notifications" })
  @RequirePermission(Permission.NotificationRead)
  @Audited(AuditAction.NotificationsListed)
  @ApiOkResponse({ type: NotificationPageDto, description: "The caller's organisation's notifications, newest first" })
  list(@Query() query: PageQueryDto, @CurrentUser() actor: AuthenticatedUser): Promise<NotificationPage> {
    return this.notifications.list(actor, { limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }
}
