import { Body, Controller, Get, HttpCode, Injectable, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, ApiHeader } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { AccessLogPageDto, AccessLogQueryDto } from '../../../core/audit/dto/audit-query.dto';
import { Audited } from '../../../core/audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../../../core/http/body-limit.decorator';
import { UuidParamPipe } from '../../../core/http/validation';
import type { CaseViewDto, ConsentView, ScreeningView } from './case-views';
import { CasePage, CasesService } from './cases.service';
import { ConsentsService } from './consents.service';
import { CaseListQueryDto, ChangeCaseOwnerDto, CreateCaseDto, UpdateCaseDto } from './dto/case.dto';
import { GiveConsentDto } from './dto/consent.dto';
import { RecordScreeningDto } from './dto/screening.dto';
import { ScreeningsService } from './screenings.service';
import { CASE_VIEW_DTOS, CASE_VIEW_SCHEMA, CasePageDto, ConsentViewDto, ScreeningViewDto } from './dto/case-view.dto';
import { Idempotent, IdempotentReplay } from '../../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();
const VIEW_NOTE = 'The case in the caller\'s view: "full", "referral" or "investigation" (see docs/api.md)';

/** A retried case opening answered again: the case as it is now, in the caller's view. */
@Injectable()
export class CaseReplay implements IdempotentReplay {
  constructor(private readonly cases: CasesService) {}

  replay(actor: AuthenticatedUser, _params: Record<string, string>, id: string): Promise<CaseViewDto> {
    return this.cases.get(actor, id);
  }
}

@ApiTags('cases')
@ApiExtraModels(...CASE_VIEW_DTOS)
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly consents: ConsentsService,
    private readonly screenings: ScreeningsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a case' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.CaseCreated)
  @Idempotent({ replay: CaseReplay })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key (24 h, per user) gets the first answer instead of a second record',
  })
  @ApiCreatedResponse({ schema: CASE_VIEW_SCHEMA, description: VIEW_NOTE })
  create(@Body() dto: CreateCaseDto, @CurrentUser() actor: AuthenticatedUser): Promise<CaseViewDto> {
    return this.cases.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the cases the caller may see' })
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.CaseListed)
  @ApiOkResponse({ type: CasePageDto, description: "A page of case summaries, each in the caller's view" })
  list(@Query() query: CaseListQueryDto, @CurrentUser() actor: AuthenticatedUser): Promise<CasePage> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: "Read a case in the caller's view" })
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.CaseViewed)
  @ApiOkResponse({ schema: CASE_VIEW_SCHEMA, description: VIEW_NOTE })
  get(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<CaseViewDto> {
    return this.cases.get(actor, id);
  }

  @Get(':id/access-log')
  @ApiOperation({ summary: 'Who has opened a case' })
  @RequirePermission(Permission.AccessLogRead)
  @Audited(AuditAction.CaseAccessLogViewed)
  @ApiOkResponse({
    type: AccessLogPageDto,
    description: 'Who has opened this case: every audit event that touched it, newest first',
  })
  accessLog(
    @Param('id', uuid) id: string,
    @Query() page: AccessLogQueryDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<AccessLogPageDto> {
    return this.cases.accessLog(actor, id, page);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a case' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.CaseUpdated)
  @ApiOkResponse({ schema: CASE_VIEW_SCHEMA, description: VIEW_NOTE })
  update(
    @Param('id', uuid) id: string,
    @Body() dto: UpdateCaseDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<CaseViewDto> {
    return this.cases.update(actor, id, dto);
  }

  @Put(':id/owner')
  @ApiOperation({ summary: 'Give a case another owner inside its organisation' })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.CaseAssign)
  @Audited(AuditAction.CaseOwnerChanged)
  @ApiOkResponse({ schema: CASE_VIEW_SCHEMA, description: 'The case, in the full view, with its new owner' })
  changeOwner(
    @Param('id', uuid) id: string,
    @Body() dto: ChangeCaseOwnerDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<CaseViewDto> {
    return this.cases.changeOwner(actor, id, dto);
  }

  @Post(':id/screenings')
  @ApiOperation({ summary: 'Record a screening against an indicator list' })
  @RequirePermission(Permission.CaseScreen)
  @Audited(AuditAction.ScreeningRecorded)
  @ApiCreatedResponse({
    type: ScreeningViewDto,
    description: 'The screening recorded, with the indicator list version',
  })
  recordScreening(
    @Param('id', uuid) id: string,
    @Body() dto: RecordScreeningDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ScreeningView> {
    return this.screenings.record(actor, id, dto);
  }

  @Post(':id/consents')
  @ApiOperation({ summary: "Record the person's consent to one purpose" })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.ConsentManage)
  @Audited(AuditAction.ConsentGiven)
  @ApiCreatedResponse({ type: ConsentViewDto, description: 'The consent recorded' })
  giveConsent(
    @Param('id', uuid) id: string,
    @Body() dto: GiveConsentDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ConsentView> {
    return this.consents.give(actor, id, dto);
  }

  @Post(':id/consents/:consentId/withdraw')
  @ApiOperation({ summary: 'Withdraw a consent; every share relying on it is revoked' })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.ConsentManage)
  @Audited(AuditAction.ConsentWithdrawn)
  @HttpCode(200)
  @ApiOkResponse({ type: ConsentViewDto, description: 'The consent, withdrawn; every share relying on it is revoked' })
  withdrawConsent(
    @Param('id', uuid) id: string,
    @Param('consentId', uuid) consentId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ConsentView> {
    return this.consents.withdraw(actor, id, consentId);
  }
}
