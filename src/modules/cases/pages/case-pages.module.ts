import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../../organisations';
import { ReferralsModule } from '../../referrals';
import { CasesModule } from '../case-records';
import { PersonsModule } from '../persons';
import { StagesModule } from '../stages';
import { CasePagesController } from './case-pages.controller';

/**
 * The caseworker's case pages. They show what the cases, persons and stages modules answer (and the
 * referral deadlines behind a list), so they sit above all of them, in a folder of their own.
 */
@Module({
  imports: [CasesModule, PersonsModule, StagesModule, ReferralsModule, OrganisationsModule],
  controllers: [CasePagesController],
})
export class CasePagesModule {}
