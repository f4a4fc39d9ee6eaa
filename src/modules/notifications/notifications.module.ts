import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationsPagesController } from './pages/notifications.pages.controller';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const NOTIFICATION_ENTITIES = [Notification];

/** In-service notifications to organisations. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  controllers: [NotificationsController, NotificationsPagesController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
