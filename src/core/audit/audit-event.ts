import type { Role } from '../access/role';
import type { AccessDetail, AccessRecorder, AccessTouched } from '../database/request-context';
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
  detail?: AccessDetail;
}

/**
 * What a request's services say about what they touched, gathered while the request runs and written
 * as the request's one event when it ends.
 */
export class AuditDraft implements AccessRecorder {
  readonly caseIds = new Set<string>();
  readonly personIds = new Set<string>();
  readonly fields = new Set<string>();
  view?: string;
  detail: AccessDetail = {};

  touch(touched: AccessTouched): void {
    touched.caseIds?.forEach((id) => this.caseIds.add(id));
    touched.personIds?.forEach((id) => this.personIds.add(id));
    touched.fields?.forEach((field) => this.fields.add(field));
    if (touched.view) this.view = touched.view;
    if (touched.detail) Object.assign(this.detail, touched.detail);
  }
}
