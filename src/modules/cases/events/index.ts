// The events module's public face: what other modules may use of it.
export { EventsModule } from './events.module';
export { EventsService } from './events.service';
export { eventMessages } from './pages/events.messages';
