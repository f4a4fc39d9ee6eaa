import { Module } from '@nestjs/common';
import { AccessModule } from '../../core/access/access.module';
import { RecordSealer } from '../../core/crypto/record-sealer';
import { CaseKeyReader } from '../cases/case-records/case-key.reader';
import { AssistanceController } from './assistance.controller';
import { AssistanceRepository } from './assistance.repository';
import { AssistanceService } from './assistance.service';

/** Support plans: assistance items of a case, under the case's data key. */
@Module({
  imports: [AccessModule],
  controllers: [AssistanceController],
  providers: [AssistanceService, AssistanceRepository, CaseKeyReader, RecordSealer],
})
export class AssistanceModule {}
