import { Module } from '@nestjs/common';
import { AccessModule } from '../../core/access/access.module';
import { CaseKeyReader } from '../cases/case-records/case-key.reader';
import { AssistanceController } from './assistance.controller';
import { AssistanceRepository } from './assistance.repository';
import { AssistanceService } from './assistance.service';

/** Support plans: assistance items of a case, under the case's data key. */
@Module({
  imports: [AccessModule],
  controllers: [AssistanceController],
  providers: [AssistanceService, AssistanceRepository, CaseKeyReader],
})
export class AssistanceModule {}
