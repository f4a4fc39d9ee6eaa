import { Module } from '@nestjs/common';
import { AccessModule } from '../../../core/access/access.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { PersonsModule } from '../persons/persons.module';
import { CaseCodec } from './case-codec';
import { CaseKeyReader } from './case-key.reader';
import { CaseKeys } from './case-keys';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { ConsentsService } from './consents.service';
import { ScreeningsService } from './screenings.service';

/** Victim cases and the person's consents on them; who sees what is CaseAccess's decision. */
@Module({
  imports: [AccessModule, PersonsModule, NotificationsModule],
  controllers: [CasesController],
  providers: [CasesService, ConsentsService, ScreeningsService, CaseRepository, CaseCodec, CaseKeys, CaseKeyReader],
  exports: [CasesService, ConsentsService, CaseRepository, CaseKeys, CaseKeyReader],
})
export class CasesModule {}
