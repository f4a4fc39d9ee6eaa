import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../../organisations';
import { CasesModule } from '../case-records';
import { StagesController } from './stages.controller';
import { StagePagesController } from './pages/stage.pages.controller';
import { StagesService } from './stages.service';

/** The NRM stages of a case; its history is kept by the cases module (CaseHistory). */
@Module({
  imports: [CasesModule, OrganisationsModule],
  controllers: [StagesController, StagePagesController],
  providers: [StagesService],
  exports: [StagesService],
})
export class StagesModule {}
