import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../core/http/validation';
import { CreatePerpetratorDto, UpdatePerpetratorDto } from './dto/perpetrator.dto';
import { CreateProceedingDto, UpdateProceedingDto } from './dto/proceeding.dto';
import { PerpetratorView, ProceedingView } from './investigation-views';
import { PerpetratorsService } from './perpetrators.service';
import { ProceedingsService } from './proceedings.service';

const uuid = new UuidParamPipe();
const WHO = "Investigators with a live law-enforcement share; the owning organisation's manager reads";

@ApiTags('investigation')
@Controller('cases/:id/investigation')
export class InvestigationsController {
  constructor(
    private readonly perpetrators: PerpetratorsService,
    private readonly proceedings: ProceedingsService,
  ) {}

  @Get('perpetrators')
  @ApiOperation({ summary: 'List the perpetrators recorded on a case' })
  @RequirePermission(Permission.InvestigationRead)
  @Audited(AuditAction.PerpetratorsListed)
  @ApiOkResponse({ type: [PerpetratorView], description: WHO })
  listPerpetrators(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<PerpetratorView[]> {
    return this.perpetrators.list(actor, id);
  }

  @Post('perpetrators')
  @ApiOperation({ summary: 'Record a perpetrator' })
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.PerpetratorAdded)
  @ApiCreatedResponse({ type: PerpetratorView })
  addPerpetrator(
    @Param('id', uuid) id: string,
    @Body() dto: CreatePerpetratorDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<PerpetratorView> {
    return this.perpetrators.add(actor, id, dto);
  }

  @Patch('perpetrators/:perpetratorId')
  @ApiOperation({ summary: "Change a perpetrator's record" })
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.PerpetratorUpdated)
  @ApiOkResponse({ type: PerpetratorView, description: '409 when `version` is stale' })
  updatePerpetrator(
    @Param('id', uuid) id: string,
    @Param('perpetratorId', uuid) perpetratorId: string,
    @Body() dto: UpdatePerpetratorDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<PerpetratorView> {
    return this.perpetrators.update(actor, id, perpetratorId, dto);
  }

  @Get('proceedings')
  @ApiOperation({ summary: 'List the steps of criminal proceedings on a case' })
  @RequirePermission(Permission.InvestigationRead)
  @Audited(AuditAction.ProceedingsListed)
  @ApiOkResponse({ type: [ProceedingView], description: WHO })
  listProceedings(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<ProceedingView[]> {
    return this.proceedings.list(actor, id);
  }

  @Post('proceedings')
  @ApiOperation({ summary: 'Record a step of criminal proceedings' })
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.ProceedingAdded)
  @ApiCreatedResponse({ type: ProceedingView })
  addProceeding(
    @Param('id', uuid) id: string,
    @Body() dto: CreateProceedingDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ProceedingView> {
    return this.proceedings.add(actor, id, dto);
  }

  @Patch('proceedings/:proceedingId')
  @ApiOperation({ summary: 'Change a step of criminal proceedings' })
  @RequirePermission(Permission.InvestigationWrite)
  @Audited(AuditAction.ProceedingUpdated)
  @ApiOkResponse({ type: ProceedingView, description: '409 when `version` is stale' })
  updateProceeding(
    @Param('id', uuid) id: string,
    @Param('proceedingId', uuid) proceedingId: string,
    @Body() dto: UpdateProceedingDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ProceedingView> {
    return this.proceedings.update(actor, id, proceedingId, dto);
  }
}
