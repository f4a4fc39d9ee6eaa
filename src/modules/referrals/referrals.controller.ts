import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../../core/http/body-limit.decorator';
import { UuidParamPipe } from '../../core/http/validation';
import { DeclineReferralDto, ReferralListQueryDto, SendReferralDto } from './dto/referral.dto';
import { ReferralPageDto, ReferralViewDto } from './dto/referral-view.dto';
import { ReferralsService } from './referrals.service';

const uuid = new UuidParamPipe();

@ApiTags('referrals')
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('cases/:id/referrals')
  @RequirePermission(Permission.ReferralSend)
  @Audited(AuditAction.ReferralSent)
  @ApiCreatedResponse({ description: "The referral, pending in the receiving organisation's inbox" })
  send(
    @Param('id', uuid) id: string,
    @Body() dto: SendReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ReferralViewDto> {
    return this.referrals.send(actor, id, dto);
  }

  @Get('referrals')
  @RequirePermission(Permission.ReferralRead)
  @Audited(AuditAction.ReferralListed)
  @ApiOkResponse({ description: "A page of the caller's organisation's inbox or outbox, newest first" })
  list(@Query() query: ReferralListQueryDto, @CurrentUser() actor: AuthenticatedUser): Promise<ReferralPageDto> {
    return this.referrals.list(actor, query);
  }

  @Get('referrals/:id')
  @RequirePermission(Permission.ReferralRead)
  @Audited(AuditAction.ReferralViewed)
  @ApiOkResponse({ description: 'The referral with its message (and reason, when declined)' })
  get(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<ReferralViewDto> {
    return this.referrals.get(actor, id);
  }

  @Post('referrals/:id/accept')
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.ReferralRespond)
  @Audited(AuditAction.ReferralAccepted)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Accepted: the share its purpose allows exists, or the case was transferred' })
  accept(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<ReferralViewDto> {
    return this.referrals.accept(actor, id);
  }

  @Post('referrals/:id/decline')
  @RequirePermission(Permission.ReferralRespond)
  @Audited(AuditAction.ReferralDeclined)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Declined, with the reason' })
  decline(
    @Param('id', uuid) id: string,
    @Body() dto: DeclineReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ReferralViewDto> {
    return this.referrals.decline(actor, id, dto);
  }

  @Post('referrals/:id/withdraw')
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.ReferralSend)
  @Audited(AuditAction.ReferralWithdrawn)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Withdrawn by the referring organisation' })
  withdraw(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<ReferralViewDto> {
    return this.referrals.withdraw(actor, id);
  }
}
