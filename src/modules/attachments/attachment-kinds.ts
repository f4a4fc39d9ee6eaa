/** What an attachment is, as the caseworker files it. */
export const ATTACHMENT_KINDS = ['identity_document', 'consent_form', 'photo', 'medical', 'legal', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
