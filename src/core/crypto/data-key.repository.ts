import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../database/request-context';
import { IntegrityError } from './crypto.errors';
import { DataKey } from './entities/data-key.entity';
import { Envelope } from './envelope';
import { KeyVersionUser } from './key-version-user';

/** A record's data key in clear, for the length of one operation. */
export interface OpenDataKey {
  id: string;
  version: number;
  plaintext: Buffer;
}

/**
 * The `data_key` table. Request-path work runs on the current request's manager (its transaction
 * when there is one); re-wrapping runs in transactions of its own, a batch at a time.
 */
@Injectable()
export class DataKeyRepository implements KeyVersionUser {
  readonly name = 'data keys';

  constructor(
    private readonly requestContext: RequestContext,
    private readonly dataSource: DataSource,
    private readonly envelope: Envelope,
  ) {}

  /** Creates a data key, stores it wrapped under the active KEK version and returns it in clear. */
  async create(): Promise<OpenDataKey> {
    const key = this.envelope.newDataKey();
    const id = randomUUID();
    await this.requestContext.manager
      .getRepository(DataKey)
      .insert({ id, version: 1, kekVersion: key.kekVersion, wrappedKey: key.wrapped });
    return { id, version: 1, plaintext: key.plaintext };
  }

  /** A data key read with its record (one query), in clear; IntegrityError when missing or altered. */
  unwrap(row: DataKey | null | undefined): OpenDataKey {
    if (!row) throw new IntegrityError('a record refers to a data key that does not exist');
    return {
      id: row.id,
      version: row.version,
      plaintext: this.envelope.unwrap({ wrapped: row.wrappedKey, kekVersion: row.kekVersion }),
    };
  }

  /** The wrapped data key `id`, or null (destroyed by an erasure). */
  async findById(id: string): Promise<DataKey | null> {
    return this.requestContext.manager.getRepository(DataKey).findOneBy({ id });
  }

  /** Destroys the wrapped data key: what it encrypted can no longer be read, by anyone. */
  async destroy(id: string): Promise<void> {
    await this.requestContext.manager.getRepository(DataKey).delete({ id });
  }

  async countByVersion(): Promise<Map<number, number>> {
    const rows: Array<{ kek_version: number; count: string }> = await this.dataSource.query(
      `SELECT kek_version, count(*) AS count FROM data_key GROUP BY kek_version ORDER BY kek_version`,
    );
    return new Map(rows.map((r) => [r.kek_version, Number(r.count)]));
  }

  async firstWrappedByVersion(): Promise<Map<number, Date>> {
    const rows: Array<{ kek_version: number; since: Date }> = await this.dataSource.query(
      `SELECT kek_version, min(coalesce(rewrapped_at, created_at)) AS since FROM data_key GROUP BY kek_version`,
    );
    return new Map(rows.map((r) => [r.kek_version, r.since]));
  }

  /**
   * Re-wraps a batch in one transaction. Rows another transaction holds (an erasure, another
   * rotation) are skipped, not waited for; the next batch or run picks them up.
   */
  async rewrapBatch(target: number, limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; kek_version: number; wrapped_key: Buffer }> = await manager.query(
        `SELECT id, kek_version, wrapped_key FROM data_key
         WHERE kek_version < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [target, limit],
      );
      for (const row of rows) {
        const rewrapped = this.envelope.rewrap({ wrapped: row.wrapped_key, kekVersion: row.kek_version }, target);
        await manager.query(
          `UPDATE data_key SET wrapped_key = $2, kek_version = $3, rewrapped_at = now() WHERE id = $1`,
          [row.id, rewrapped.wrapped, rewrapped.kekVersion],
        );
      }
      return rows.length;
    });
  }
}
