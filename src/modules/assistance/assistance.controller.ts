import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../core/http/validation';
import { AssistanceService } from './assistance.service';
import { AssistanceItemView } from './assistance-views';
import { CreateAssistanceItemDto, UpdateAssistanceItemDto } from './dto/assistance.dto';

const uuid = new UuidParamPipe();

@ApiTags('assistance')
@Controller('cases/:id/assistance')
export class AssistanceController {
  constructor(private readonly assistance: AssistanceService) {}

  @Get()
  @ApiOperation({ summary: "Read a case's support plan" })
  @RequirePermission(Permission.AssistanceRead)
  @Audited(AuditAction.AssistanceListed)
  @ApiOkResponse({
    type: [AssistanceItemView],
    description: 'The support plan: every item for the owner, the items it provides for a sharing organisation',
  })
  list(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<AssistanceItemView[]> {
    return this.assistance.list(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add an item to the support plan' })
  @RequirePermission(Permission.AssistanceWrite)
  @Audited(AuditAction.AssistanceItemAdded)
  @ApiCreatedResponse({ type: AssistanceItemView })
  add(
    @Param('id', uuid) id: string,
    @Body() dto: CreateAssistanceItemDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<AssistanceItemView> {
    return this.assistance.add(actor, id, dto);
  }

  @Patch(':itemId')
  @ApiOperation({ summary: 'Change an item of the support plan' })
  @RequirePermission(Permission.AssistanceWrite)
  @Audited(AuditAction.AssistanceItemUpdated)
  @ApiOkResponse({ type: AssistanceItemView, description: 'The item changed; 409 when `version` is stale' })
  update(
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Body() dto: UpdateAssistanceItemDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<AssistanceItemView> {
    return this.assistance.update(actor, id, itemId, dto);
  }
}
