import { Client } from 'pg';
import type { TestDatabase } from './test-cluster';

/**
 * What changes in the database may be told apart from what may not: a fingerprint of every table of
 * the schema, read as the superuser (no row-level security), so that a refused request can be shown
 * to have written nothing. Per table, its row count and a hash over the hashes of its rows (as JSON),
 * so a changed value is seen as well as a new or missing row.
 *
 * Left out, because a refused request changes them by design:
 * - the audit log (`audit_event`, `audit_chain`, `audit_seal`): a denied attempt is recorded, and the
 *   sealer works in the background. The caller checks the new events instead (`newAuditOutcomes`);
 * - the throttles (`login_throttle`, `duplicate_check_throttle`): they count refused attempts;
 * - `auth_session.last_seen_at`: any authenticated request, refused or not, keeps its session alive;
 * - `app_user.failed_login_count`: a wrong current password (a refused password change) counts toward
 *   the account's lock. The lock itself (`locked_at`, its sessions ended) is not left out.
 */
const LEFT_OUT_TABLES = new Set([
  'audit_event',
  'audit_chain',
  'audit_seal',
  'login_throttle',
  'duplicate_check_throttle',
]);
const LEFT_OUT_COLUMNS: Record<string, string[]> = { auth_session: ['last_seen_at'], app_user: ['failed_login_count'] };

export type Fingerprint = Map<string, string>;

/** Where a fingerprint keeps the audit log's last sequence number (not a table). */
const AUDIT_SEQ = '(audit seq)';

export const auditSeqOf = (print: Fingerprint): number => Number(print.get(AUDIT_SEQ) ?? 0);

export class TableFingerprints {
  private constructor(
    private readonly client: Client,
    private readonly statement: string,
  ) {}

  static async open(db: TestDatabase): Promise<TableFingerprints> {
    const client = new Client({ connectionString: db.superuserUrl });
    await client.connect();
    const tables = (
      await client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      )
    ).rows
      .map((r) => r.name)
      .filter((name) => !LEFT_OUT_TABLES.has(name));
    if (tables.length < 10) throw new Error(`only ${tables.length} tables found to fingerprint`);
    const parts = tables.map((name) => {
      const leftOut = (LEFT_OUT_COLUMNS[name] ?? []).map((c) => `'${c}'`).join(', ');
      const row = leftOut ? `to_jsonb(x) - ARRAY[${leftOut}]::text[]` : 'to_jsonb(x)';
      return `SELECT '${name}' AS name, count(*) || ':' || md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS print
              FROM (SELECT md5((${row})::text) AS h FROM "${name}" x) rows`;
    });
    parts.push(`SELECT '${AUDIT_SEQ}', coalesce(max(seq), 0)::text FROM audit_event`);
    return new TableFingerprints(client, parts.join('\nUNION ALL\n'));
  }

  /** The fingerprint of every table, and (in one statement) the audit log's last sequence number. */
  async take(): Promise<Fingerprint> {
    const rows = (await this.client.query<{ name: string; print: string }>(this.statement)).rows;
    return new Map(rows.map((r) => [r.name, r.print]));
  }

  /** The outcomes of the audit events written after `seq`. */
  async newAuditOutcomes(seq: number): Promise<string[]> {
    const rows = await this.client.query<{ outcome: string }>(
      'SELECT outcome FROM audit_event WHERE seq > $1 ORDER BY seq',
      [seq],
    );
    return rows.rows.map((r) => r.outcome);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** The tables whose fingerprint differs between `before` and `after`. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...after.keys()].filter((name) => name !== AUDIT_SEQ && before.get(name) !== after.get(name));
}
