import { Column, Entity } from 'typeorm';
import { CaseOwnedRow } from '../../cases/case-records';
import type { MediaType } from '../content/detect';
import type { AttachmentKind } from '../attachment-kinds';

/**
 * A file of a case. Codes in clear (kind, the type found in its content, size); its name and
 * description as ciphertext under the attachment key; its content in chunks (AttachmentStore).
 */
@Entity('attachment')
export class Attachment extends CaseOwnedRow {
  @Column('text')
  kind: AttachmentKind;

  @Column('text', { name: 'media_type' })
  mediaType: MediaType;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('integer', { name: 'chunk_count' })
  chunkCount: number;

  /** Format, data key versions, key commitment and the secretstream header (docs/crypto.md). */
  @Column('bytea', { name: 'content_header' })
  contentHeader: Buffer;

  @Column('bytea', { name: 'file_name' })
  fileName: Buffer;

  @Column('bytea', { nullable: true })
  description: Buffer | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
