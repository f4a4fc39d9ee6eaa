import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { beginAs } from '../../core/audit/audit.interceptor';
import { RequestContext } from '../../core/database/request-context';

/**
 * Where the encrypted chunks of attachments live. The service only ever hands it ciphertext, so an
 * implementation needs no more trust than a disk: this PostgreSQL one, or later an object store
 * (one object per chunk, or per attachment with ranged reads) behind the same three methods.
 */
export abstract class AttachmentStore {
  /** Stores chunks 0…n−1 of attachment `attachmentId`, in the request's transaction. */
  abstract write(attachmentId: string, chunks: readonly Buffer[]): Promise<void>;

  /**
   * Chunks `from` … `from + count − 1` (fewer at the end), for `caller`, in a short transaction of
   * their own: a download goes on after its request's transaction, and its audit event, committed.
   */
  abstract read(caller: AuthenticatedUser, attachmentId: string, from: number, count: number): Promise<Buffer[]>;
}

/** Chunks per INSERT when writing: 16 of 64 KiB, about 1 MiB a statement. */
const WRITE_BATCH = 16;

/**
 * The chunks in `attachment_chunk` (bytea, one row each), under row-level security: a chunk is
 * visible exactly when its attachment is, so a read as a caller who may not see it finds nothing.
 */
@Injectable()
export class PostgresAttachmentStore extends AttachmentStore {
  constructor(
    private readonly requestContext: RequestContext,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async write(attachmentId: string, chunks: readonly Buffer[]): Promise<void> {
    for (let from = 0; from < chunks.length; from += WRITE_BATCH) {
      const batch = chunks.slice(from, from + WRITE_BATCH);
      const values = batch.map((_, i) => `($1, ${from + i}, $${i + 2})`).join(', ');
      await this.requestContext.manager.query(
        `INSERT INTO attachment_chunk (attachment_id, seq, content) VALUES ${values}`,
        [attachmentId, ...batch],
      );
    }
  }

  async read(caller: AuthenticatedUser, attachmentId: string, from: number, count: number): Promise<Buffer[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await beginAs(runner, caller);
      const rows: Array<{ content: Buffer }> = await runner.query(
        `SELECT content FROM attachment_chunk WHERE attachment_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq`,
        [attachmentId, from, from + count],
      );
      await runner.commitTransaction();
      return rows.map((r) => r.content);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }
}
