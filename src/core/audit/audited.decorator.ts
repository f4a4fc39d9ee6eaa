import { SetMetadata } from '@nestjs/common';
import { AuditAction } from './audit-action';

export const AUDIT_KEY = 'panoh:audit';

/**
 * The audit action of a route. The route then runs in one database transaction with its event:
 * no event, no access. Every route whose permission reaches victim data must carry it.
 */
export const Audited = (action: AuditAction) => SetMetadata(AUDIT_KEY, action);
