export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export { NOTIFICATION_ENTITIES } from './notifications.module';
