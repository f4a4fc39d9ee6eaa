import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, QueryRunner } from 'typeorm';
import { auditConfig } from '../config/audit.config';
import { AuditChain, CANONICAL_EVENT_SQL, GENESIS } from './audit-chain';

const SEALER_LOCK = 0x70616e6f68; // one sealer at a time across every instance
const BATCH = 5000;

export interface SealResult {
  sealed: number;
  upToSeq: number;
  /** Why nothing was sealed, when nothing was. */
  waitingFor?: string;
}

/**
 * Chains audit events in sequence order and signs the head.
 *
 * Sequence order is not commit order: a transaction may hold sequence number 41 uncommitted while 42
 * is already visible. So the sealer first reads the last sequence number handed out (h), then notes
 * every transaction holding a write lock on audit_event, and waits until they have all ended. A writer
 * takes that lock before it draws its number and keeps it to its end, so any writer holding a number
 * up to h is among them; once they have ended, every event up to h is final and gaps are aborted
 * transactions that will never fill. Transactions of other databases on the same server do not count.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSealer.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: AuditChain,
    @Inject(auditConfig.KEY) private readonly config: ConfigType<typeof auditConfig>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sealIntervalSeconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.seal()
        .catch((error: unknown) => this.logger.warn(`sealing failed: ${error instanceof Error ? error.name : 'error'}`))
        .finally(() => (this.running = undefined));
    }, this.config.sealIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async seal(): Promise<SealResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [SEALER_LOCK]);
      if (!locked) return { sealed: 0, upToSeq: 0, waitingFor: 'another sealer' };
      try {
        return await this.sealLocked(runner);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [SEALER_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sealLocked(runner: QueryRunner): Promise<SealResult> {
    const last: Array<{ seq: string; hash: Buffer }> = await runner.query(
      `SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1`,
    );
    let upTo = last.length ? Number(last[0].seq) : 0;
    let previous = last.length ? last[0].hash : GENESIS;
    const horizon = await this.horizon(runner);
    if (horizon === undefined) return { sealed: 0, upToSeq: upTo, waitingFor: 'open transactions' };

    let sealed = 0;
    await runner.startTransaction();
    try {
      // Batches by range of sequence numbers, not LIMIT: an index range scan whatever the statistics say.
      for (let from = upTo; from < horizon; from += BATCH) {
        const rows: Array<{ seq: string; canonical: string }> = await runner.query(
          `SELECT seq, ${CANONICAL_EVENT_SQL} AS canonical FROM audit_event WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
          [from, Math.min(from + BATCH, horizon)],
        );
        if (rows.length === 0) continue;
        const hashes: Buffer[] = [];
        for (const row of rows) {
          previous = this.chain.link(previous, row.canonical);
          hashes.push(previous);
        }
        await runner.query(`INSERT INTO audit_chain (seq, hash) SELECT * FROM unnest($1::bigint[], $2::bytea[])`, [
          rows.map((r) => r.seq),
          hashes,
        ]);
        upTo = Number(rows[rows.length - 1].seq);
        sealed += rows.length;
      }
      if (sealed > 0) {
        const [{ count }] = await runner.query(`SELECT count(*)::bigint AS count FROM audit_chain`);
        const head = { upToSeq: upTo, eventCount: Number(count), headHash: previous, sealedAt: new Date() };
        await runner.query(
          `INSERT INTO audit_seal (up_to_seq, event_count, head_hash, sealed_at, public_key, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            head.upToSeq,
            head.eventCount,
            head.headHash,
            head.sealedAt,
            Buffer.from(this.chain.publicKey),
            this.chain.sign(head),
          ],
        );
      }
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
    return { sealed, upToSeq: upTo };
  }

  /** The highest sequence number below which no event can still appear, or undefined if not yet known. */
  private async horizon(runner: QueryRunner): Promise<number | undefined> {
    const [sequence] = await runner.query(`SELECT last_value, is_called FROM audit_event_seq`);
    if (!sequence.is_called) return 0;
    const handedOut = Number(sequence.last_value);
    // A writer locks audit_event (ROW EXCLUSIVE, until its transaction ends) before it draws its number,
    // so every transaction that may still commit a number up to `handedOut` holds that lock now.
    const [{ writers }] = await runner.query(
      `SELECT coalesce(array_agg(DISTINCT virtualtransaction), '{}') AS writers FROM pg_locks
       WHERE locktype = 'relation' AND granted AND mode = 'RowExclusiveLock'
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND relation = 'audit_event'::regclass`,
    );
    const deadline = Date.now() + this.config.sealWaitMs;
    for (;;) {
      const [{ open }] = await runner.query(
        `SELECT count(*)::int AS open FROM pg_locks WHERE locktype = 'virtualxid' AND virtualxid = ANY($1::text[])`,
        [writers],
      );
      if (open === 0) return handedOut;
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
