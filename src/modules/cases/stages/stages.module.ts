import { Module } from '@nestjs/common';
import { AccessModule } from '../../../core/access/access.module';
import { CasesModule } from '../case-records/cases.module';
import { StagesController } from './stages.controller';
import { StagesService } from './stages.service';

/** The NRM stages of a case and its history. */
@Module({
  imports: [AccessModule, CasesModule],
  controllers: [StagesController],
  providers: [StagesService],
  exports: [StagesService],
})
export class StagesModule {}
