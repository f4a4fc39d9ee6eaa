import type { Role } from '../access/role';
import type { AuditAction, AuditOutcome } from './audit-action';

/** One audit event as written. Ids and codes only. */
export interface AuditEventInput {
  action: AuditAction;
  outcome: AuditOutcome;
  statusCode?: number;
  actor?: { userId: string; organisationId: string; role: Role };
  caseIds?: string[];
  personIds?: string[];
  /** The view returned (full, referral, investigation ...) */
  view?: string;
  /** The fields returned or changed (names, never values). */
  fields?: string[];
  requestId?: string;
  clientAddress?: string;
  /** Codes only: filters asked, reasons given as codes, counts. */
  detail?: Record<string, string | number | boolean | null | string[]>;
}

/**
 * What a request's services say about what they touched, gathered while the request runs and written
 * as the request's one event when it ends.
 */
export class AuditDraft {
  readonly caseIds = new Set<string>();
  readonly personIds = new Set<string>();
  readonly fields = new Set<string>();
  view?: string;
  detail: NonNullable<AuditEventInput['detail']> = {};

  touch(touched: {
    caseIds?: string[];
    personIds?: string[];
    view?: string;
    fields?: string[];
    detail?: AuditEventInput['detail'];
  }): void {
    touched.caseIds?.forEach((id) => this.caseIds.add(id));
    touched.personIds?.forEach((id) => this.personIds.add(id));
    touched.fields?.forEach((field) => this.fields.add(field));
    if (touched.view) this.view = touched.view;
    if (touched.detail) Object.assign(this.detail, touched.detail);
  }
}
