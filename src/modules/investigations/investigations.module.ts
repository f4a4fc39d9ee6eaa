import { Module } from '@nestjs/common';
import { AccessModule } from '../../core/access/access.module';
import { CaseKeyReader } from '../cases/case-records/case-key.reader';
import { InvestigationAccess } from './investigation-access';
import { InvestigationsController } from './investigations.controller';
import { InvestigationsRepository } from './investigations.repository';
import { PerpetratorsService } from './perpetrators.service';
import { ProceedingsService } from './proceedings.service';

/** The investigation track of a case: perpetrators and criminal proceedings, for law enforcement. */
@Module({
  imports: [AccessModule],
  controllers: [InvestigationsController],
  providers: [PerpetratorsService, ProceedingsService, InvestigationAccess, InvestigationsRepository, CaseKeyReader],
})
export class InvestigationsModule {}
