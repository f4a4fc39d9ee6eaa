import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEDIA_TYPES } from './content/detect';
import type { MediaType } from './content/detect';
import { ATTACHMENT_KINDS } from './attachment-kinds';
import type { AttachmentKind } from './attachment-kinds';
import { Attachment } from './entities/attachment.entity';

/** An attachment as listed: codes, size, who and when, its name and description; never its content. */
export class AttachmentView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS }) kind: AttachmentKind;
  @ApiProperty({ enum: MEDIA_TYPES, description: 'The type found in the content, not the one declared' })
  mediaType: MediaType;
  @ApiProperty({ description: 'Bytes as stored (a JPEG or PNG without its metadata)' }) sizeBytes: number;
  @ApiProperty() fileName: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'The user who uploaded it' }) createdBy: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'For the owning organisation only: the organisations it is shared with',
  })
  sharedWith?: string[];
}

/** Built field by field: nothing else of the row (ciphertext, header) can be serialised. */
export function toAttachmentView(
  row: Attachment,
  opened: { fileName: string; description: string | null },
  sharedWith?: string[],
): AttachmentView {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    fileName: opened.fileName,
    description: opened.description,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    ...(sharedWith ? { sharedWith } : {}),
  };
}
