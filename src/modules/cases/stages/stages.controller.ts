import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../../core/http/validation';
import { ChangeStageDto } from './dto/change-stage.dto';
import { HistoryEntry, StageAnswer, StagesService } from './stages.service';
import { CaseHistoryDto, StageAnswerDto } from './dto/stage-answer.dto';

const uuid = new UuidParamPipe();

@ApiTags('cases')
@Controller('cases')
export class StagesController {
  constructor(private readonly stages: StagesService) {}

  @Post(':id/stage')
  @ApiOperation({ summary: 'Move a case to another NRM stage' })
  @RequirePermission(Permission.CaseStageChange)
  @Audited(AuditAction.CaseStageChanged)
  @HttpCode(200)
  @ApiOkResponse({
    type: StageAnswerDto,
    description: 'The case at its new stage, with the stages it may move to next',
  })
  change(
    @Param('id', uuid) id: string,
    @Body() dto: ChangeStageDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<StageAnswer> {
    return this.stages.change(actor, id, dto);
  }

  @Get(':id/history')
  @ApiOperation({ summary: "A case's history of stage, status and owner" })
  @RequirePermission(Permission.CaseHistoryRead)
  @Audited(AuditAction.CaseHistoryViewed)
  @ApiOkResponse({
    type: CaseHistoryDto,
    description: 'Every change of stage, status and owner, oldest first, with who, when and why',
  })
  history(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<{ items: HistoryEntry[] }> {
    return this.stages.history(actor, id);
  }
}
