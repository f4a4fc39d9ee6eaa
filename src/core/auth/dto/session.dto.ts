import { ApiProperty } from '@nestjs/swagger';
import type { OwnSession } from '../own-sessions';

/** One of the caller's open sessions. Never its token. */
export class SessionDto implements OwnSession {
  @ApiProperty({ description: "The session's id (not its token): DELETE /auth/sessions/:id ends it" }) id: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'When it was last used (to within half a minute)' }) lastSeenAt: string;
  @ApiProperty({ description: 'The browser and system, coarsely: "Firefox on Windows", or "other"' }) device: string;
  @ApiProperty({ description: 'Opened with a second factor' }) secondFactor: boolean;
  @ApiProperty({ description: 'The session of this request' }) current: boolean;
}

export class OtherSessionsEndedDto {
  @ApiProperty({ description: 'How many other sessions were ended' }) ended: number;
}
