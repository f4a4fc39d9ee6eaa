import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../../../core/auth/auth.module';
import { NotificationsModule } from '../../notifications';
import { OrganisationsModule } from '../../organisations';
import { UsersModule } from '../../users';
import { PersonsModule } from '../persons';
import { CaseAccess } from './case-access.service';
import { CaseCodec } from './case-codec';
import { CaseHistory } from './case-history';
import { CaseOwners } from './case-owners';
import { CaseRepository } from './case.repository';
import { CaseSealer } from './case-sealer';
import { CaseReplay, CasesController } from './cases.controller';
import { CaseActionsPagesController } from './pages/case-actions.pages.controller';
import { CasesService } from './cases.service';
import { ConsentsService } from './consents.service';
import { Consent } from './entities/consent.entity';
import { Screening } from './entities/screening.entity';
import { StageChange } from './entities/stage-change.entity';
import { TraffickingEvent } from './entities/trafficking-event.entity';
import { TraffickingEventChange } from './entities/trafficking-event-change.entity';
import { EventChanges } from './event-changes';
import { VictimCase } from './entities/victim-case.entity';
import { ScreeningsService } from './screenings.service';
import { AccessLogPagesController } from './pages/access-log.pages.controller';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const CASE_ENTITIES = [VictimCase, Consent, Screening, TraffickingEvent, TraffickingEventChange, StageChange];

/**
 * Victim cases, the person's consents and the screenings on them, and the case's history. Who sees
 * which case, and in which view, is CaseAccess's decision: every part of a case goes through it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(CASE_ENTITIES),
    AuthModule,
    PersonsModule,
    NotificationsModule,
    OrganisationsModule,
    UsersModule,
  ],
  controllers: [CasesController, AccessLogPagesController, CaseActionsPagesController],
  providers: [
    CaseReplay,
    CaseAccess,
    CaseSealer,
    CaseHistory,
    CaseRepository,
    CaseCodec,
    EventChanges,
    CaseOwners,
    CasesService,
    ConsentsService,
    ScreeningsService,
  ],
  exports: [CaseAccess, CaseSealer, CaseHistory, CaseRepository, CasesService, EventChanges, CaseOwners],
})
export class CasesModule {}
