import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../database/request-context';
import { AuditChain, CANONICAL_EVENT_SQL, GENESIS, SealedHead } from './audit-chain';

const BATCH = 10000;

export interface VerifyResult {
  intact: boolean;
  /** The last sequence number whose event, chain link and (if sealed by then) signed head all check out. */
  verifiedUpTo: number;
  eventsChecked: number;
  sealsChecked: number;
  /** Events newer than the last seal, not yet chained (normal for a few seconds). */
  unsealed: number;
  /** The first sequence number that does not match, when something does not. */
  firstBadSeq?: number;
  problem?: string;
}

/** A head kept outside the database (from `audit:heads`), to catch a truncated log and its seals. */
export interface ExternalHead {
  upToSeq: number;
  eventCount: number;
  headHash: string;
  sealedAt: string;
  signature: string;
}

interface EventRow {
  seq: number;
  canonical: string;
}

interface ChainRow {
  seq: number;
  hash: Buffer;
}

/**
 * Recomputes the chain from the events, in sequence order, and checks every stored link, every seal's
 * signature and head, and any heads kept outside. Names the first sequence number that does not match:
 * an event changed or moved (its link differs), deleted (a link without its event), slipped in among
 * sealed events (an event without a link below the last link), or cut off the end (a seal or an
 * external head beyond the last link).
 */
@Injectable()
export class AuditVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: AuditChain,
    private readonly requestContext: RequestContext,
  ) {}

  /** The result, also said in the request's audit event (intact, up to where) when there is one. */
  async verify(externalHeads: ExternalHead[] = []): Promise<VerifyResult> {
    const result = await this.check(externalHeads);
    this.requestContext.recordAccess({ detail: { intact: result.intact, verifiedUpTo: result.verifiedUpTo } });
    return result;
  }

  private async check(externalHeads: ExternalHead[]): Promise<VerifyResult> {
    const seals = await this.loadSeals();
    const expectedHeads = new Map<number, SealedHead[]>();
    for (const seal of seals) pushTo(expectedHeads, seal.head.upToSeq, seal.head);
    for (const head of externalHeads) {
      pushTo(expectedHeads, head.upToSeq, {
        upToSeq: head.upToSeq,
        eventCount: head.eventCount,
        headHash: Buffer.from(head.headHash, 'hex'),
        sealedAt: new Date(head.sealedAt),
      });
    }
    const result: VerifyResult = { intact: true, verifiedUpTo: 0, eventsChecked: 0, sealsChecked: 0, unsealed: 0 };
    const fail = (seq: number, problem: string): VerifyResult => ({
      ...result,
      intact: false,
      firstBadSeq: seq,
      problem,
    });

    for (const seal of seals) {
      if (!this.chain.verifySignature(seal.head, seal.signature))
        return fail(seal.head.upToSeq, 'a seal signature does not verify');
    }
    for (const head of externalHeads) {
      const asHead = expectedHeads.get(head.upToSeq)?.find((h) => h.headHash.toString('hex') === head.headHash);
      if (!asHead || !this.chain.verifySignature(asHead, Buffer.from(head.signature, 'base64'))) {
        return fail(head.upToSeq, 'a head kept outside does not carry a valid signature');
      }
    }

    const bounds = await this.bounds();
    const lastLinked = bounds.lastLinked;
    const events = this.stream<EventRow>(
      'audit_event',
      `SELECT seq, ${CANONICAL_EVENT_SQL} AS canonical FROM audit_event WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
      bounds,
      (row) => ({ seq: Number(row.seq), canonical: row.canonical as string }),
    );
    const links = this.stream<ChainRow>(
      'audit_chain',
      `SELECT seq, hash FROM audit_chain WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
      bounds,
      (row) => ({ seq: Number(row.seq), hash: row.hash as Buffer }),
    );

    // Heads in sequence order: a head the walk goes past without meeting its event marks events that
    // were sealed and are gone, even when newer events were chained on top of what remained.
    const headSeqs = [...expectedHeads.keys()].sort((a, b) => a - b);
    let nextHead = 0;
    const passedUnmet = (seq: number): number | undefined => {
      while (nextHead < headSeqs.length && headSeqs[nextHead] < seq) {
        if (headSeqs[nextHead] !== result.verifiedUpTo) return headSeqs[nextHead];
        nextHead++;
      }
      return undefined;
    };
    let previous: Buffer = GENESIS;
    let linkCount = 0;
    let event = await events.next();
    let link = await links.next();
    while (event || link) {
      if (link && (!event || link.seq < event.seq))
        return fail(link.seq, 'the event of this sequence number is missing');
      if (event && (!link || event.seq < link.seq)) {
        if (event.seq < lastLinked) return fail(event.seq, 'this event was added among sealed events');
        result.unsealed++;
        event = await events.next();
        continue;
      }
      // Both present, same sequence number.
      const current = event as EventRow;
      const unmet = passedUnmet(current.seq);
      if (unmet !== undefined) return fail(result.verifiedUpTo + 1, `events up to ${unmet} were sealed but are gone`);
      const stored = (link as ChainRow).hash;
      const computed = this.chain.link(previous, current.canonical);
      if (!computed.equals(stored))
        return fail(current.seq, 'this event does not match its sealed hash (changed, replaced or moved)');
      previous = computed;
      linkCount++;
      for (const head of expectedHeads.get(current.seq) ?? []) {
        if (!head.headHash.equals(computed) || head.eventCount !== linkCount) {
          return fail(current.seq, 'a signed head does not match the chain at this sequence number');
        }
        result.sealsChecked++;
      }
      result.verifiedUpTo = current.seq;
      result.eventsChecked++;
      event = await events.next();
      link = await links.next();
    }
    const unmet = passedUnmet(Number.MAX_SAFE_INTEGER);
    if (unmet !== undefined) return fail(result.verifiedUpTo + 1, `events up to ${unmet} were sealed but are gone`);
    return result;
  }

  /** The lowest and highest sequence numbers in either table, and the last one chained. */
  private async bounds(): Promise<{ low: number; high: number; lastLinked: number }> {
    const [row] = await this.dataSource.query(
      `SELECT least((SELECT min(seq) FROM audit_event), (SELECT min(seq) FROM audit_chain)) AS low,
              greatest((SELECT max(seq) FROM audit_event), (SELECT max(seq) FROM audit_chain)) AS high,
              (SELECT max(seq) FROM audit_chain) AS last_linked`,
    );
    return { low: Number(row.low ?? 1), high: Number(row.high ?? 0), lastLinked: Number(row.last_linked ?? 0) };
  }

  private async loadSeals(): Promise<Array<{ head: SealedHead; signature: Buffer }>> {
    const rows: Array<{
      up_to_seq: string;
      event_count: string;
      head_hash: Buffer;
      sealed_at: Date;
      signature: Buffer;
    }> = await this.dataSource.query(
      `SELECT up_to_seq, event_count, head_hash, sealed_at, signature FROM audit_seal ORDER BY id`,
    );
    return rows.map((row) => ({
      head: {
        upToSeq: Number(row.up_to_seq),
        eventCount: Number(row.event_count),
        headHash: row.head_hash,
        sealedAt: row.sealed_at,
      },
      signature: row.signature,
    }));
  }

  /**
   * Reads a table in sequence order, one range of sequence numbers at a time (an index range scan,
   * whatever the table's statistics say).
   */
  private stream<T extends { seq: number }>(
    table: 'audit_event' | 'audit_chain',
    sql: string,
    bounds: { low: number; high: number },
    map: (row: Record<string, unknown>) => T,
  ): { next(): Promise<T | undefined> } {
    let buffer: T[] = [];
    let index = 0;
    let after = bounds.low - 1;
    // The next range is fetched while the current one is being checked.
    const fetchNext = async (): Promise<T[]> => {
      while (after < bounds.high) {
        const upper = Math.min(after + BATCH, bounds.high);
        const rows: Array<Record<string, unknown>> = await this.dataSource.query(sql, [after, upper]);
        after = upper;
        if (rows.length) return rows.map(map);
        // Skip a stretch without rows in one step (a gap, or numbers far from the rest).
        const [next] = await this.dataSource.query(`SELECT min(seq) AS seq FROM ${table} WHERE seq > $1`, [after]);
        after = next.seq === null ? bounds.high : Number(next.seq) - 1;
      }
      return [];
    };
    let pending = fetchNext();
    pending.catch(() => undefined); // a check that stops early leaves one fetch unread
    return {
      next: async () => {
        if (index === buffer.length) {
          buffer = await pending;
          index = 0;
          if (buffer.length === 0) return undefined;
          pending = fetchNext();
          pending.catch(() => undefined);
        }
        return buffer[index++];
      },
    };
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
