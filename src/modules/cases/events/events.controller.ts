import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../../core/http/validation';
import { AddEventDto, CorrectEventDto, RemoveEventDto } from './dto/event.dto';
import { EventChangeView, EventRecordView } from './event-views';
import { EventsService } from './events.service';

const uuid = new UuidParamPipe();

@ApiTags('events')
@Controller('cases/:id/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: "The case's trafficking events that stand, with their versions (the owning organisation)" })
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.EventsListed)
  @ApiOkResponse({ type: [EventRecordView] })
  list(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<EventRecordView[]> {
    return this.events.list(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a trafficking event learned after the case was opened' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.EventAdded)
  @ApiCreatedResponse({ type: EventRecordView })
  add(
    @Param('id', uuid) id: string,
    @Body() dto: AddEventDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<EventRecordView> {
    return this.events.add(actor, id, dto);
  }

  @Patch(':eventId')
  @ApiOperation({ summary: 'Correct a trafficking event' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.EventCorrected)
  @ApiOkResponse({ type: EventRecordView, description: 'The event corrected; 409 when `version` is stale' })
  correct(
    @Param('id', uuid) id: string,
    @Param('eventId', uuid) eventId: string,
    @Body() dto: CorrectEventDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<EventRecordView> {
    return this.events.correct(actor, id, eventId, dto);
  }

  @Post(':eventId/remove')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a trafficking event recorded in error, with a reason' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.EventRemoved)
  @ApiNoContentResponse({ description: 'Removed: in no view of the case any more, kept in its history' })
  async remove(
    @Param('id', uuid) id: string,
    @Param('eventId', uuid) eventId: string,
    @Body() dto: RemoveEventDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<void> {
    await this.events.remove(actor, id, eventId, dto);
  }

  @Get(':eventId/history')
  @ApiOperation({
    summary: "A trafficking event's history: each addition, correction and removal (the owning organisation)",
  })
  @RequirePermission(Permission.CaseHistoryRead)
  @Audited(AuditAction.EventHistoryViewed)
  @ApiOkResponse({ type: [EventChangeView], description: 'Oldest first' })
  async history(
    @Param('id', uuid) id: string,
    @Param('eventId', uuid) eventId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<{ items: EventChangeView[] }> {
    return { items: (await this.events.history(actor, id, eventId)).changes };
  }
}
