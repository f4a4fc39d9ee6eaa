import { Injectable } from '@nestjs/common';
import { escapeLiteral } from 'pg';
import { EntityManager, QueryRunner } from 'typeorm';
import { ROLES } from '../access/role';
import { isOutermost, markCommitted } from '../database/request-transaction';
import { AUDIT_ACTIONS } from './audit-action';
import { AuditEventInput } from './audit-event';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOMES = ['allowed', 'denied', 'failed'];

/**
 * Appends audit events, in the caller's transaction. The INSERT locks audit_event before it draws the
 * sequence number, which is what the sealer's horizon relies on (see AuditSealer). The transaction id
 * is stored with the event, for forensics.
 */
@Injectable()
export class AuditWriter {
  async append(manager: EntityManager, event: AuditEventInput): Promise<number> {
    const rows: Array<{ seq: string }> = await manager.query(
      `WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
       INSERT INTO audit_event (seq, xid, actor_user_id, actor_organisation_id, actor_role, action, outcome, status_code,
                                case_ids, person_ids, view, fields, request_id, client_address, detail)
       SELECT nextval('audit_event_seq'), tx.xid, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM tx
       RETURNING seq`,
      [
        event.actor?.userId ?? null,
        event.actor?.organisationId ?? null,
        event.actor?.role ?? null,
        event.action,
        event.outcome,
        event.statusCode ?? null,
        event.caseIds ?? [],
        event.personIds ?? [],
        event.view ?? null,
        event.fields?.length ? event.fields : null,
        event.requestId ?? null,
        event.clientAddress ?? null,
        event.detail && Object.keys(event.detail).length ? JSON.stringify(event.detail) : null,
      ],
    );
    return Number(rows[0].seq);
  }

  /**
   * Appends the event and commits the runner's transaction in one round trip: `INSERT …; COMMIT` as
   * one simple-protocol query. Such a query takes no parameters, so the values are written into it:
   * ids are checked to be UUIDs, the role, action and outcome to be ones the catalogue knows, the
   * status to be an HTTP status, and every other value (view, field names, request id, address,
   * detail as JSON) is quoted by the driver's escapeLiteral. Should either statement fail, nothing is
   * committed and the caller rolls back, as after a failed append. The INSERT is the same as append's.
   */
  async appendAndCommit(runner: QueryRunner, event: AuditEventInput): Promise<void> {
    if (!isOutermost(runner)) {
      // Not the outermost transaction of a runner as TypeORM leaves it: the long way.
      await this.append(runner.manager, event);
      await runner.commitTransaction();
      return;
    }
    await runner.query(
      `WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
       INSERT INTO audit_event (seq, xid, actor_user_id, actor_organisation_id, actor_role, action, outcome, status_code,
                                case_ids, person_ids, view, fields, request_id, client_address, detail)
       SELECT nextval('audit_event_seq'), tx.xid, ${literals(event).join(', ')} FROM tx;
       COMMIT`,
    );
    markCommitted(runner);
  }
}

/** The event's values as SQL literals, in the order of the INSERT's columns; refuses what it cannot vouch for. */
function literals(event: AuditEventInput): string[] {
  const uuid = (value: string | undefined): string => {
    if (value === undefined) return 'NULL';
    if (!UUID.test(value)) throw new Error('audit event: an id is not a UUID');
    return `'${value}'`;
  };
  const known = (value: string | undefined, allowed: readonly string[]): string => {
    if (value === undefined) return 'NULL';
    if (!allowed.includes(value)) throw new Error('audit event: an unknown code');
    return `'${value}'`;
  };
  const text = (value: string | undefined | null): string =>
    value === undefined || value === null ? 'NULL' : escapeLiteral(value);
  const uuids = (values: string[] | undefined): string => `ARRAY[${(values ?? []).map(uuid).join(', ')}]::uuid[]`;
  const status = event.statusCode;
  if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
    throw new Error('audit event: not an HTTP status');
  }
  return [
    uuid(event.actor?.userId),
    uuid(event.actor?.organisationId),
    known(event.actor?.role, ROLES),
    known(event.action, AUDIT_ACTIONS),
    known(event.outcome, OUTCOMES),
    status === undefined ? 'NULL' : String(status),
    uuids(event.caseIds),
    uuids(event.personIds),
    text(event.view),
    event.fields?.length ? `ARRAY[${event.fields.map(text).join(', ')}]::text[]` : 'NULL',
    text(event.requestId),
    text(event.clientAddress),
    event.detail && Object.keys(event.detail).length ? `${text(JSON.stringify(event.detail))}::jsonb` : 'NULL',
  ];
}
