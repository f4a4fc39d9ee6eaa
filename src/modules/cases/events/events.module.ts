import { Module } from '@nestjs/common';
import { CasesModule } from '../case-records';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { EventsPagesController } from './pages/events.pages.controller';

/** Trafficking events added, corrected and removed after a case is opened, with their history. */
@Module({
  imports: [CasesModule],
  controllers: [EventsController, EventsPagesController],
  providers: [EventsService, EventsRepository],
  exports: [EventsService],
})
export class EventsModule {}
