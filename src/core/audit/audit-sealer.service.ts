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
 * is already visible. So the sealer first reads the last sequence number handed out (h), then takes a
 * snapshot and waits until every transaction in progress in it has ended. Each writer took its
 * transaction id before its sequence number (AuditWriter), so any writer holding a number up to h was
 * in that snapshot; once they have all ended, every event up to h is final and gaps are aborted
 * transactions that will never fill.
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
    const [{ snapshot }] = await runner.query(`SELECT pg_current_snapshot()::text AS snapshot`);
    const deadline = Date.now() + this.config.sealWaitMs;
    for (;;) {
      const [{ done }] = await runner.query(
        `SELECT coalesce(bool_and(pg_xact_status(x) IS DISTINCT FROM 'in progress'), true) AS done
         FROM pg_snapshot_xip($1::pg_snapshot) AS x`,
        [snapshot],
      );
      if (done) return handedOut;
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
