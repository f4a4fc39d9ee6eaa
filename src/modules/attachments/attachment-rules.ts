import type { CaseNeed } from '../cases/case-records';
import { OWNER_ONLY } from '../cases/case-records';
import { attachmentRecordFailure } from './attachments.exception';

/**
 * Who reaches a case's attachments, given the view CaseAccess gives the caller: the owner (`full`)
 * every one; any other view (a referral share, or law enforcement in the investigation view) only the
 * attachments the owner shared with the caller's organisation — none unless it did.
 */
export const ATTACHMENT_READ = { read: 'key', failures: attachmentRecordFailure } as const satisfies CaseNeed;

/** Adding, sharing and deleting attachments: the owning organisation only (403 for a sharing one). */
export const ATTACHMENT_WRITE = {
  ...OWNER_ONLY,
  read: 'key',
  failures: attachmentRecordFailure,
} as const satisfies CaseNeed;
