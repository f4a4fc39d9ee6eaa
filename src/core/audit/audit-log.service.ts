import { Injectable } from '@nestjs/common';
import { RequestContext } from '../database/request-context';
import { AuditAction } from './audit-action';
import {
  AccessLogEntryDto,
  AccessLogPageDto,
  AuditEventDto,
  AuditHeadDto,
  AuditHeadsPageDto,
  AuditHeadsQueryDto,
  AuditPageDto,
  AuditQueryDto,
} from './dto/audit-query.dto';

interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_role: string | null;
  action: string;
  outcome: string;
  status_code: number | null;
  case_ids: string[];
  person_ids: string[];
  view: string | null;
  fields: string[] | null;
  request_id: string | null;
  client_address: string | null;
  detail: Record<string, unknown> | null;
}

interface SealRow {
  id: string;
  up_to_seq: string;
  event_count: string;
  head_hash: Buffer;
  sealed_at: Date;
  public_key: Buffer;
  signature: Buffer;
}

/** Reads the audit log: the auditor's search, and an organisation's "who opened this file". */
@Injectable()
export class AuditLogService {
  constructor(private readonly requestContext: RequestContext) {}

  async search(query: AuditQueryDto): Promise<AuditPageDto> {
    const conditions: string[] = ['seq > $1'];
    const params: unknown[] = [query.afterSeq ?? 0];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (query.caseId) add('case_ids @> ARRAY[?::uuid]', query.caseId);
    if (query.personId) add('person_ids @> ARRAY[?::uuid]', query.personId);
    if (query.actorUserId) add('actor_user_id = ?', query.actorUserId);
    if (query.action) add('action = ?', query.action);
    if (query.outcome) add('outcome = ?', query.outcome);
    if (query.from) add('occurred_at >= ?', query.from);
    if (query.to) add('occurred_at < ?', query.to);
    const limit = query.limit ?? 100;
    const rows: AuditRow[] = await this.requestContext.manager.query(
      `SELECT * FROM audit_event WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit).map(toAuditEventDto);
    this.requestContext.recordAccess({ detail: { returned: page.length, filters: Object.keys(query).sort() } });
    return { events: page, ...(rows.length > limit ? { nextAfterSeq: page[page.length - 1].seq } : {}) };
  }

  /**
   * The signed heads, oldest first, in pages: what to keep outside the database (docs/audit.md), in
   * the form `audit:verify --heads` reads back. Public keys and signatures only, no secret.
   */
  async heads(query: AuditHeadsQueryDto): Promise<AuditHeadsPageDto> {
    const limit = query.limit ?? 100;
    const rows: SealRow[] = await this.requestContext.manager.query(
      `SELECT id, up_to_seq, event_count, head_hash, sealed_at, public_key, signature
       FROM audit_seal WHERE id > $1 ORDER BY id LIMIT ${limit + 1}`,
      [query.afterId ?? 0],
    );
    const heads = rows.slice(0, limit).map(toAuditHeadDto);
    this.requestContext.recordAccess({ detail: { returned: heads.length } });
    return { heads, ...(rows.length > limit ? { nextAfterId: heads[heads.length - 1].id } : {}) };
  }

  /**
   * Who has opened one file, newest first, as the owning organisation's manager may see it: the
   * organisation's own staff by name (user id), others by organisation and role only; no request ids,
   * addresses, other records' ids or details. A duplicate check run elsewhere shows without its
   * organisation, since saying which organisation ran it would say who else may hold the person.
   */
  async accessLog(
    subject: { personId?: string; caseId?: string; caseIds?: readonly string[] },
    viewerOrganisationId: string,
    page: { beforeSeq?: number; limit?: number; from?: string; to?: string },
  ): Promise<AccessLogPageDto> {
    const limit = page.limit ?? 100;
    // One case, one person, or every case of an organisation (its ids, as the caller's view gives them).
    const [match, ids] = subject.caseIds
      ? ['case_ids && $1::uuid[]', [...subject.caseIds]]
      : subject.caseId
        ? ['case_ids @> $1::uuid[]', [subject.caseId]]
        : ['person_ids @> $1::uuid[]', [subject.personId as string]];
    if (ids.length === 0) {
      this.requestContext.recordAccess({ detail: { returned: 0 } });
      return { events: [] };
    }
    // Names resolved here, so the log reads without a second look-up: the reader's own staff by
    // username, another organisation by its name (never its staff's names).
    const rows: Array<AuditRow & NamedActor> = await this.requestContext.manager.query(
      `SELECT e.*,
              (SELECT u.username FROM app_user u
                WHERE u.id = e.actor_user_id AND e.actor_organisation_id = $5) AS actor_username,
              (SELECT o.name FROM organisation o WHERE o.id = e.actor_organisation_id) AS actor_organisation_name
       FROM (SELECT * FROM audit_event WHERE ${match} AND seq < $2
               AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at < $4)
             ORDER BY seq DESC LIMIT ${limit + 1}) e
       ORDER BY e.seq DESC`,
      [ids, page.beforeSeq ?? Number.MAX_SAFE_INTEGER, page.from ?? null, page.to ?? null, viewerOrganisationId],
    );
    // An event may name cases of other organisations too (a list): only the asked-about ones are said.
    const asked = new Set(ids);
    const events = rows.slice(0, limit).map((row) => toAccessLogEntry(row, viewerOrganisationId, asked));
    this.requestContext.recordAccess({ detail: { returned: events.length } });
    return { events, ...(rows.length > limit ? { nextBeforeSeq: events[events.length - 1].seq } : {}) };
  }
}

interface NamedActor {
  actor_username: string | null;
  actor_organisation_name: string | null;
}

function toAccessLogEntry(
  row: AuditRow & NamedActor,
  viewerOrganisationId: string,
  asked: ReadonlySet<string>,
): AccessLogEntryDto {
  const own = row.actor_organisation_id === viewerOrganisationId;
  const hideOrganisation = !own && row.action === AuditAction.PersonDuplicateChecked;
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: own ? row.actor_user_id : null,
    actorUsername: own ? row.actor_username : null,
    actorOrganisationId: hideOrganisation ? null : row.actor_organisation_id,
    actorOrganisationName: own || hideOrganisation ? null : row.actor_organisation_name,
    actorRole: row.actor_role,
    action: row.action,
    outcome: row.outcome,
    statusCode: row.status_code,
    view: row.view,
    fields: row.fields,
    caseIds: (row.case_ids ?? []).filter((id) => asked.has(id)),
  };
}

export function toAuditEventDto(row: AuditRow): AuditEventDto {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorOrganisationId: row.actor_organisation_id,
    actorRole: row.actor_role,
    action: row.action,
    outcome: row.outcome,
    statusCode: row.status_code,
    caseIds: row.case_ids,
    personIds: row.person_ids,
    view: row.view,
    fields: row.fields,
    requestId: row.request_id,
    clientAddress: row.client_address,
    detail: row.detail,
  };
}

export function toAuditHeadDto(row: SealRow): AuditHeadDto {
  return {
    id: Number(row.id),
    upToSeq: Number(row.up_to_seq),
    eventCount: Number(row.event_count),
    headHash: row.head_hash.toString('hex'),
    sealedAt: row.sealed_at.toISOString(),
    publicKey: row.public_key.toString('base64'),
    signature: row.signature.toString('base64'),
  };
}

/** A head as one JSON line of `audit:heads`, which `audit:verify --heads` reads. */
export function headLine(head: AuditHeadDto): string {
  const { upToSeq, eventCount, headHash, sealedAt, publicKey, signature } = head;
  return JSON.stringify({ upToSeq, eventCount, headHash, sealedAt, publicKey, signature });
}
