import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEventInput } from './audit-event';

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
}
