import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../../core/database/request-context';
import type {
  PublishedTable,
  PublishedTimeliness,
  ReleaseDimension,
  ReleaseSummary,
  SnapshotRecord,
} from './release-contract';

/** What a release row holds besides its bytes: the signed body and the recoding its requests use. */
export interface StoredRelease {
  id: string;
  period: string;
  version: number;
  method: ReleaseSummary['method'];
  summary: Omit<ReleaseSummary, 'signature'>;
  tables: PublishedTable[];
  timeliness: PublishedTimeliness | null;
  recoding: Record<string, string[]>;
  signature: string;
}

export interface NewRelease extends StoredRelease {
  tablesCsv: string;
  ctdcCsv: string;
  records: readonly SnapshotRecord[];
}

export type RequestOutcome = 'published' | 'cyclic' | 'too-detailed' | 'unprotectable' | 'dp-mode';

interface ReleaseRow {
  id: string;
  period: string;
  version: number;
  method: ReleaseSummary['method'];
  body: {
    summary: Omit<ReleaseSummary, 'signature'>;
    tables: PublishedTable[];
    timeliness: PublishedTimeliness | null;
  };
  recoding: Record<string, string[]>;
  signature: string;
}

const RELEASE_COLUMNS = `id, period, version, method, body, recoding, signature`;

function toStored(row: ReleaseRow): StoredRelease {
  return {
    id: row.id,
    period: row.period,
    version: row.version,
    method: row.method,
    summary: row.body.summary,
    tables: row.body.tables,
    timeliness: row.body.timeliness,
    recoding: row.recoding,
    signature: row.signature,
  };
}

/**
 * The releases' SQL. Case data comes only through panoh_statistics_snapshot (an administrator
 * publishing); a release's records only through panoh_statistics_release_records. Releases, their
 * snapshots and their requests are only ever inserted (the database refuses any change).
 */
@Injectable()
export class ReleaseRepository {
  constructor(
    private readonly context: RequestContext,
    private readonly dataSource: DataSource,
  ) {}

  private get manager() {
    return this.context.manager;
  }

  async takeSnapshot(from: string, to: string): Promise<SnapshotRecord[]> {
    const rows: { record: SnapshotRecord }[] = await this.manager.query(
      `SELECT s AS record FROM panoh_statistics_snapshot($1::date, $2::date) AS s`,
      [from, to],
    );
    return rows.map((row) => row.record);
  }

  async records(releaseId: string): Promise<SnapshotRecord[]> {
    const rows: { records: SnapshotRecord[] | null }[] = await this.manager.query(
      `SELECT panoh_statistics_release_records($1::uuid) AS records`,
      [releaseId],
    );
    return rows[0]?.records ?? [];
  }

  /** Serialises publishing: versions of one period are numbered one after another. */
  async lockPublishing(): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('panoh.statistics_release', 0))`);
  }

  /** Serialises requests: each is protected against every table published before it, and counted. */
  async lockRequests(): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('panoh.statistics_request', 0))`);
  }

  async latestOf(period: string): Promise<StoredRelease | undefined> {
    const rows: ReleaseRow[] = await this.manager.query(
      `SELECT ${RELEASE_COLUMNS} FROM statistics_release WHERE period = $1 ORDER BY version DESC LIMIT 1`,
      [period],
    );
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** The release published last (its snapshot is the latest), whatever its period. */
  async newest(): Promise<StoredRelease | undefined> {
    const rows: ReleaseRow[] = await this.manager.query(
      `SELECT ${RELEASE_COLUMNS} FROM statistics_release ORDER BY generated_at DESC, id LIMIT 1`,
    );
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  async list(): Promise<StoredRelease[]> {
    const rows: ReleaseRow[] = await this.manager.query(
      `SELECT ${RELEASE_COLUMNS} FROM statistics_release ORDER BY generated_at DESC, id`,
    );
    return rows.map(toStored);
  }

  async find(id: string): Promise<StoredRelease | undefined> {
    const rows: ReleaseRow[] = await this.manager.query(
      `SELECT ${RELEASE_COLUMNS} FROM statistics_release WHERE id = $1`,
      [id],
    );
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  async csv(id: string, which: 'tables' | 'ctdc'): Promise<string | undefined> {
    const rows: { csv: string }[] = await this.manager.query(
      `SELECT ${which === 'tables' ? 'tables_csv' : 'ctdc_csv'} AS csv FROM statistics_release WHERE id = $1`,
      [id],
    );
    return rows[0]?.csv;
  }

  async bytes(id: string): Promise<{ tablesCsv: string; ctdcCsv: string }> {
    const rows: { tables_csv: string; ctdc_csv: string }[] = await this.manager.query(
      `SELECT tables_csv, ctdc_csv FROM statistics_release WHERE id = $1`,
      [id],
    );
    return { tablesCsv: rows[0].tables_csv, ctdcCsv: rows[0].ctdc_csv };
  }

  async insert(release: NewRelease): Promise<void> {
    await this.manager.query(
      `INSERT INTO statistics_release (id, period, version, method, generated_at, published_by, body, recoding,
         tables_csv, ctdc_csv, signature, public_key)
       VALUES ($1, $2, $3, $4, $5, NULLIF(current_setting('panoh.user_id', true), '')::uuid, $6::jsonb, $7::jsonb,
         $8, $9, $10, $11)`,
      [
        release.id,
        release.period,
        release.version,
        release.method,
        release.summary.generatedAt,
        JSON.stringify({ summary: release.summary, tables: release.tables, timeliness: release.timeliness }),
        JSON.stringify(release.recoding),
        release.tablesCsv,
        release.ctdcCsv,
        release.signature,
        release.summary.publicKey,
      ],
    );
    await this.manager.query(`INSERT INTO statistics_release_snapshot (release_id, records) VALUES ($1, $2::jsonb)`, [
      release.id,
      JSON.stringify(release.records),
    ]);
  }

  /** The tables published on request from a release's snapshot, in the order they were answered. */
  async publishedRequests(releaseId: string): Promise<PublishedTable[]> {
    const rows: { published: PublishedTable }[] = await this.manager.query(
      `SELECT published FROM statistics_release_request WHERE release_id = $1 AND outcome = 'published'
       ORDER BY created_at, id`,
      [releaseId],
    );
    return rows.map((row) => row.published);
  }

  /** How many requests the caller's organisation made in `month`, refused ones included. */
  async requestsOf(month: string): Promise<number> {
    const rows: { n: number }[] = await this.manager.query(
      `SELECT count(*)::integer AS n FROM statistics_release_request
       WHERE organisation_id = panoh_caller_organisation() AND month = $1::date`,
      [month],
    );
    return rows[0].n;
  }

  /** Records an answered request as the caller, in the request's transaction. */
  async recordRequest(
    releaseId: string,
    month: string,
    dimensions: readonly ReleaseDimension[],
    outcome: RequestOutcome,
    published?: PublishedTable,
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO statistics_release_request (release_id, organisation_id, user_id, month, dimensions, outcome, published)
       VALUES ($1, panoh_caller_organisation(), NULLIF(current_setting('panoh.user_id', true), '')::uuid,
         $2::date, $3::text[], $4, $5::jsonb)`,
      [releaseId, month, dimensions, outcome, published ? JSON.stringify(published) : null],
    );
  }

  /**
   * Records a refused request in a transaction of its own, committed before the refusal is thrown
   * (which rolls the request's transaction back): a refusal counts against the month's limit too.
   * The caller is carried over from the request's transaction; the request's lock is still held, so
   * the next request counts this one.
   */
  async recordRefusal(
    releaseId: string,
    month: string,
    dimensions: readonly ReleaseDimension[],
    outcome: Exclude<RequestOutcome, 'published'>,
  ): Promise<void> {
    const [caller]: { user_id: string; organisation_id: string; role: string }[] = await this.manager.query(
      `SELECT current_setting('panoh.user_id', true) AS user_id,
              current_setting('panoh.organisation_id', true) AS organisation_id,
              current_setting('panoh.role', true) AS role`,
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT set_config('panoh.user_id', $1, true), set_config('panoh.organisation_id', $2, true),
                set_config('panoh.role', $3, true)`,
        [caller.user_id ?? '', caller.organisation_id ?? '', caller.role ?? ''],
      );
      await RequestContext.run({ manager }, () => this.recordRequest(releaseId, month, dimensions, outcome));
    });
  }
}
