import { Body, Controller, Get, HttpCode, Injectable, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiHeader } from '@nestjs/swagger';
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
import { Idempotent, IdempotentReplay } from '../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();

/** A retried referral answered again: the referral as it is now. */
@Injectable()
export class ReferralReplay implements IdempotentReplay {
  constructor(private readonly referrals: ReferralsService) {}

  replay(actor: AuthenticatedUser, _params: Record<string, string>, id: string): Promise<ReferralViewDto> {
    return this.referrals.get(actor, id);
  }
}

@ApiTags('referrals')
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('cases/:id/referrals')
  @ApiOperation({ summary: "Refer a case to another organisation's inbox" })
  @RequirePermission(Permission.ReferralSend)
  @Audited(AuditAction.ReferralSent)
  @Idempotent({ replay: ReferralReplay })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key (24 h, per user) gets the first answer instead of a second record',
  })
  @ApiCreatedResponse({
    type: ReferralViewDto,
    description: "The referral, pending in the receiving organisation's inbox",
  })
  send(
    @Param('id', uuid) id: string,
    @Body() dto: SendReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ReferralViewDto> {
    return this.referrals.send(actor, id, dto);
  }

  @Get('referrals')
  @ApiOperation({ summary: "List the organisation's inbox or outbox" })
  @RequirePermission(Permission.ReferralRead)
  @Audited(AuditAction.ReferralListed)
  @ApiOkResponse({
    type: ReferralPageDto,
    description: "A page of the caller's organisation's inbox or outbox, newest first",
  })
  list(@Query() query: ReferralListQueryDto, @CurrentUser() actor: AuthenticatedUser): Promise<ReferralPageDto> {
    return this.referrals.list(actor, query);
  }

  @Get('referrals/:id')
  @ApiOperation({ summary: 'Read a referral with its texts' })
  @RequirePermission(Permission.ReferralRead)
  @Audited(AuditAction.ReferralViewed)
  @ApiOkResponse({ type: ReferralViewDto, description: 'The referral with its message (and reason, when declined)' })
  get(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<ReferralViewDto> {
    return this.referrals.get(actor, id);
  }

  @Post('referrals/:id/accept')
  @ApiOperation({ summary: 'Accept a referral' })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.ReferralRespond)
  @Audited(AuditAction.ReferralAccepted)
  @HttpCode(200)
  @ApiOkResponse({
    type: ReferralViewDto,
    description: 'Accepted: the share its purpose allows exists, or the case was transferred',
  })
  accept(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<ReferralViewDto> {
    return this.referrals.accept(actor, id);
  }

  @Post('referrals/:id/decline')
  @ApiOperation({ summary: 'Decline a referral, with a reason' })
  @RequirePermission(Permission.ReferralRespond)
  @Audited(AuditAction.ReferralDeclined)
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralViewDto, description: 'Declined, with the reason' })
  decline(
    @Param('id', uuid) id: string,
    @Body() dto: DeclineReferralDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ReferralViewDto> {
    return this.referrals.decline(actor, id, dto);
  }

  @Post('referrals/:id/withdraw')
  @ApiOperation({ summary: 'Withdraw a pending referral' })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.ReferralSend)
  @Audited(AuditAction.ReferralWithdrawn)
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralViewDto, description: 'Withdrawn by the referring organisation' })
  withdraw(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<ReferralViewDto> {
    return this.referrals.withdraw(actor, id);
  }
}
