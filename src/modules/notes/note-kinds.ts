/** What a note records: a contact (call, message), a counselling session, a visit, or something else. */
export const NOTE_KINDS = ['contact', 'counselling', 'visit', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
