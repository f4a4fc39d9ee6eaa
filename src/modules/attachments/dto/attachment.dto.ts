import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { FreeText } from '../../../core/http/text-validation';
import { ATTACHMENT_KINDS } from '../attachment-kinds';
import type { AttachmentKind } from '../attachment-kinds';

/** The text fields of the multipart upload; the file itself is the part named `file`. */
export class UploadAttachmentDto {
  @ApiProperty({ enum: ATTACHMENT_KINDS })
  @IsIn(ATTACHMENT_KINDS)
  kind: AttachmentKind;

  @ApiPropertyOptional({ description: 'Encrypted under the case key; at most 1000 characters' })
  @IsOptional()
  @FreeText(1, 1000)
  description?: string;
}

export class ShareAttachmentDto {
  @ApiProperty({ description: 'An organisation that sees the case through a live share (referral or law enforcement)' })
  @IsUUID()
  organisationId: string;
}
