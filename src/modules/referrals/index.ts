export { ReferralsModule } from './referrals.module';
export { REFERRAL_ENTITIES } from './referrals.module';
export { ReferralDeadlines } from './referral-deadlines';
