import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssistanceItem } from './entities/assistance-item.entity';
import { CasesModule } from '../cases/case-records';
import { OrganisationsModule } from '../organisations';
import { AssistanceController } from './assistance.controller';
import { AssistanceRepository } from './assistance.repository';
import { AssistanceService } from './assistance.service';
import { SupportPagesController } from './pages/support.pages.controller';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const ASSISTANCE_ENTITIES = [AssistanceItem];

/** Support plans: assistance items of a case, under the case's data key. */
@Module({
  imports: [TypeOrmModule.forFeature(ASSISTANCE_ENTITIES), CasesModule, OrganisationsModule],
  controllers: [AssistanceController, SupportPagesController],
  providers: [AssistanceService, AssistanceRepository],
})
export class AssistanceModule {}
