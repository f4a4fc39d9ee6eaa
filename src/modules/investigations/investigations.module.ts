import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Perpetrator } from './entities/perpetrator.entity';
import { Proceeding } from './entities/proceeding.entity';
import { CasesModule } from '../cases/case-records';
import { InvestigationsController } from './investigations.controller';
import { InvestigationsRepository } from './investigations.repository';
import { PerpetratorsService } from './perpetrators.service';
import { ProceedingsService } from './proceedings.service';
import { InvestigationsPagesController } from './pages/investigations.pages.controller';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const INVESTIGATION_ENTITIES = [Perpetrator, Proceeding];

/** The investigation track of a case: perpetrators and criminal proceedings, for law enforcement. */
@Module({
  imports: [TypeOrmModule.forFeature(INVESTIGATION_ENTITIES), CasesModule],
  controllers: [InvestigationsController, InvestigationsPagesController],
  providers: [PerpetratorsService, ProceedingsService, InvestigationsRepository],
})
export class InvestigationsModule {}
