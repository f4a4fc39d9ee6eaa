import type { CaseNeed } from '../cases/case-records';
import type { AssistanceStatus } from '../cases/code-lists';
import { AssistanceErrorCode, AssistanceException, assistanceRecordFailure } from './assistance.exception';

/**
 * Who reaches a case's support plan, given the view CaseAccess gives the caller: the owner (`full`)
 * every item, an organisation with a referral share (`referral`) the items it provides; the
 * investigation view holds no support plan (403). The plan's notes live under the case's data key.
 */
export const ASSISTANCE_NEED = {
  may: (view) => view !== 'investigation',
  refusal: () =>
    new AssistanceException(AssistanceErrorCode.NotInView, 'The support plan is not part of the investigation view'),
  read: 'key',
  failures: assistanceRecordFailure,
} as const satisfies CaseNeed;

/** The dates and status of an item as they would be after a change. */
export interface ItemSchedule {
  status: AssistanceStatus;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

/**
 * What an item's status says about its dates: `planned` has no actual dates yet; `in_progress` has
 * begun and not ended; `delivered` has begun and ended; `cancelled` keeps whatever happened before.
 * An end is never before its start. Throws a 400 naming the field at fault.
 */
export function checkSchedule(item: ItemSchedule): void {
  const refuse = (field: keyof ItemSchedule, message: string): never => {
    throw new AssistanceException(AssistanceErrorCode.Inconsistent, message, field);
  };
  if (item.plannedStart && item.plannedEnd && item.plannedEnd < item.plannedStart) {
    refuse('plannedEnd', 'plannedEnd must not be before plannedStart');
  }
  if (item.actualEnd && !item.actualStart) refuse('actualStart', 'An item that ended needs actualStart');
  if (item.actualStart && item.actualEnd && item.actualEnd < item.actualStart) {
    refuse('actualEnd', 'actualEnd must not be before actualStart');
  }
  switch (item.status) {
    case 'planned':
      if (item.actualStart) refuse('status', 'An item that has started is in_progress or delivered, not planned');
      break;
    case 'in_progress':
      if (!item.actualStart) refuse('actualStart', 'An item in progress needs actualStart');
      if (item.actualEnd) refuse('status', 'An item that ended is delivered or cancelled, not in_progress');
      break;
    case 'delivered':
      if (!item.actualEnd) refuse('actualEnd', 'A delivered item needs actualStart and actualEnd');
      break;
    case 'cancelled':
      break;
  }
}
