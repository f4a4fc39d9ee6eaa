import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS } from '../notification.entity';
import type { NotificationKind } from '../notification.entity';
import type { NotificationPage, NotificationView } from '../notifications.service';

/** A notification names a kind and ids only: nothing about the case. */
export class NotificationViewDto implements NotificationView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ type: String, nullable: true }) referralId: string | null;
  @ApiProperty({ type: String, nullable: true }) caseId: string | null;
  @ApiProperty() createdAt: string;
}

export class NotificationPageDto implements NotificationPage {
  @ApiProperty({ type: [NotificationViewDto] }) items: NotificationViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
