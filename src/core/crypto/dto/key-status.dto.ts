import { ApiProperty } from '@nestjs/swagger';

export const KEY_VERSION_STATES = ['active', 'rotation_unfinished', 'unused', 'not_configured'] as const;
export type KeyVersionState = (typeof KEY_VERSION_STATES)[number];

export class KeyItemCountDto {
  @ApiProperty({ description: 'What is wrapped: data keys, TOTP secrets' }) name: string;
  @ApiProperty() count: number;
}

export class KeyVersionStatusDto {
  @ApiProperty() version: number;
  @ApiProperty({
    enum: KEY_VERSION_STATES,
    description:
      'active: new keys are wrapped under it; rotation_unfinished: an older version that still wraps items (run keys:rotate); ' +
      'unused: wraps nothing, may be retired once older backups expire; not_configured: items under a version the key file lacks (they cannot be read)',
  })
  state: KeyVersionState;
  @ApiProperty({ type: [KeyItemCountDto] }) items: KeyItemCountDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The earliest time one of its data keys was wrapped under it: in use at least since then',
  })
  inUseSince: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Whole days since inUseSince' })
  ageDays: number | null;
}

/** The key-encryption keys as an administrator sees them: versions, counts, ages. Never a key. */
export class KeyStatusDto {
  @ApiProperty() activeVersion: number;
  @ApiProperty({ enum: ['file', 'environment'] }) source: 'file' | 'environment';
  @ApiProperty({ description: 'The rotation policy: rotate the active version at least this often' })
  rotateEveryDays: number;
  @ApiProperty({ description: 'The active version is older than the policy allows: rotate (keys:rotate)' })
  rotationDue: boolean;
  @ApiProperty({ description: 'Items are still under an older version: run keys:rotate again' })
  rotationUnfinished: boolean;
  @ApiProperty({ type: [KeyVersionStatusDto] }) versions: KeyVersionStatusDto[];
}
