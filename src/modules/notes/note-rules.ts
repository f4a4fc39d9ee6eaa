import type { CaseNeed, CaseView } from '../cases/case-records';
import { OWNER_ONLY } from '../cases/case-records';
import { NoteErrorCode, NoteException, noteRecordFailure } from './notes.exception';

/**
 * Who reads a case's notes, given the view CaseAccess gives the caller: the owner (`full`) every one;
 * an organisation in the `referral` view only the notes the owner shared with it; the `investigation`
 * view none, ever (403: the caller knows the case exists; the refusal says nothing of its notes).
 */
export const NOTE_READ = {
  may: (view: CaseView) => view !== 'investigation',
  refusal: () => new NoteException(NoteErrorCode.NotInView, 'Notes are not part of the investigation view'),
  read: 'key',
  failures: noteRecordFailure,
} as const satisfies CaseNeed;

/** Writing, editing, adding to and sharing notes: the owning organisation only (403 for a sharing one). */
export const NOTE_WRITE = { ...OWNER_ONLY, read: 'key', failures: noteRecordFailure } as const satisfies CaseNeed;

/** Whether `now` is still within the author's edit window of a note written at `createdAt`. */
export function withinEditWindow(createdAt: Date, now: Date, minutes: number): boolean {
  return now.getTime() - createdAt.getTime() <= minutes * 60_000;
}
