import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Referral } from './referral.entity';
import { CasesModule } from '../cases/case-records';
import { StagesModule } from '../cases/stages';
import { NotificationsModule } from '../notifications';
import { OrganisationsModule } from '../organisations';
import { ReferralReplay, ReferralsController } from './referrals.controller';
import { ReferralDeadlines } from './referral-deadlines';
import { ReferralRepository } from './referral.repository';
import { ReferralsService } from './referrals.service';
import { CaseReferralsService } from './case-referrals.service';
import { ReferralsPagesController } from './pages/referrals.pages.controller';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const REFERRAL_ENTITIES = [Referral];

/** Referrals between organisations' inboxes, consent-gated. */
@Module({
  imports: [
    TypeOrmModule.forFeature(REFERRAL_ENTITIES),
    CasesModule,
    StagesModule,
    NotificationsModule,
    OrganisationsModule,
  ],
  controllers: [ReferralsController, ReferralsPagesController],
  providers: [ReferralReplay, ReferralsService, CaseReferralsService, ReferralRepository, ReferralDeadlines],
  exports: [ReferralDeadlines],
})
export class ReferralsModule {}
