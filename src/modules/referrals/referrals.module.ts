import { Module } from '@nestjs/common';
import { AccessModule } from '../../core/access/access.module';
import { CasesModule } from '../cases/case-records/cases.module';
import { StagesModule } from '../cases/stages/stages.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferralsController } from './referrals.controller';
import { ReferralRepository } from './referral.repository';
import { ReferralsService } from './referrals.service';

/** Referrals between organisations' inboxes, consent-gated. */
@Module({
  imports: [AccessModule, CasesModule, StagesModule, NotificationsModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralRepository],
})
export class ReferralsModule {}
