/**
 * The catalogue of audited actions. An event names ids and codes only, never personal data.
 * Values read `<subject>.<what happened>`.
 */
export enum AuditAction {
  CaseViewed = 'case.viewed',
  CaseListed = 'case.listed',
  CaseCreated = 'case.created',
  CaseUpdated = 'case.updated',
  CaseSearched = 'case.searched',
  CaseErased = 'case.erased',
  CaseAccessLogViewed = 'case.access_log_viewed',
  CaseStageChanged = 'case.stage_changed',
  CaseHistoryViewed = 'case.history_viewed',
  CaseOwnerChanged = 'case.owner_changed',
  PersonCreated = 'person.created',
  PersonViewed = 'person.viewed',
  PersonUpdated = 'person.updated',
  PersonErased = 'person.erased',
  PersonDuplicateChecked = 'person.duplicate_checked',
  PersonAccessLogViewed = 'person.access_log_viewed',
  ScreeningRecorded = 'screening.recorded',
  ConsentGiven = 'consent.given',
  ConsentWithdrawn = 'consent.withdrawn',
  AssistanceListed = 'assistance.listed',
  AssistanceItemAdded = 'assistance.item_added',
  AssistanceItemUpdated = 'assistance.item_updated',
  EventsListed = 'event.listed',
  EventAdded = 'event.added',
  EventCorrected = 'event.corrected',
  EventRemoved = 'event.removed',
  EventHistoryViewed = 'event.history_viewed',
  AttachmentsListed = 'attachment.listed',
  AttachmentAdded = 'attachment.added',
  AttachmentDownloaded = 'attachment.downloaded',
  AttachmentShared = 'attachment.shared',
  AttachmentUnshared = 'attachment.unshared',
  AttachmentDeleted = 'attachment.deleted',
  TasksListed = 'task.listed',
  TaskAdded = 'task.added',
  TaskUpdated = 'task.updated',
  MyTasksListed = 'task.mine_listed',
  OverdueTasksListed = 'task.overdue_listed',
  NotesListed = 'note.listed',
  NoteAdded = 'note.added',
  NoteEdited = 'note.edited',
  NoteAddendumAdded = 'note.addendum_added',
  NoteShared = 'note.shared',
  NoteUnshared = 'note.unshared',
  PerpetratorsListed = 'investigation.perpetrators_listed',
  PerpetratorAdded = 'investigation.perpetrator_added',
  PerpetratorUpdated = 'investigation.perpetrator_updated',
  ProceedingsListed = 'investigation.proceedings_listed',
  ProceedingAdded = 'investigation.proceeding_added',
  ProceedingUpdated = 'investigation.proceeding_updated',
  ReferralSent = 'referral.sent',
  ReferralAccepted = 'referral.accepted',
  ReferralDeclined = 'referral.declined',
  ReferralWithdrawn = 'referral.withdrawn',
  ReferralListed = 'referral.listed',
  ReferralViewed = 'referral.viewed',
  NotificationsListed = 'notification.listed',
  ExportDownloaded = 'export.downloaded',
  /** The organisation's own counts over its caseload (its manager). */
  ReportViewed = 'report.viewed',
  StatisticsQueried = 'statistics.queried',
  /** A release (its tables, CSV or charts) read by the Commission. */
  StatisticsReleaseRead = 'statistics.release_read',
  /** A release, or a new version of one, computed from a new snapshot and published. */
  StatisticsReleasePublished = 'statistics.release_published',
  /** A table outside the catalogue requested against the latest snapshot (published or refused). */
  StatisticsRequested = 'statistics.requested',
  AccessDenied = 'access.denied',
  LoginSucceeded = 'login.succeeded',
  LoginFailed = 'login.failed',
  /** The password step of a sign-in succeeded; the second factor is still to come. */
  LoginPending = 'login.second_factor_pending',
  Logout = 'logout',
  PasswordChanged = 'account.password_changed',
  AccountLocked = 'account.locked',
  TotpEnrolmentStarted = 'account.totp_enrolment_started',
  TotpEnabled = 'account.totp_enabled',
  WebAuthnRegistrationStarted = 'account.webauthn_registration_started',
  WebAuthnCredentialAdded = 'account.webauthn_credential_added',
  WebAuthnCredentialRemoved = 'account.webauthn_credential_removed',
  RecoveryCodesGenerated = 'account.recovery_codes_generated',
  /** One of the caller's own sessions ended by the caller (from its list of open sessions). */
  SessionEnded = 'account.session_ended',
  /** Every other open session of the caller ended by the caller. */
  OtherSessionsEnded = 'account.other_sessions_ended',
  KeyRotated = 'key.rotated',
  OrganisationCreated = 'organisation.created',
  UserCreated = 'user.created',
  UserDisabled = 'user.disabled',
  UserEnabled = 'user.enabled',
  UserUnlocked = 'user.unlocked',
  UserRoleChanged = 'user.role_changed',
  UserPasswordReset = 'user.password_reset',
  UserSecondFactorReset = 'user.second_factor_reset',
  AuditLogRead = 'audit.read',
  AuditLogVerified = 'audit.verified',
  AuditHeadsRead = 'audit.heads_read',
}

export const AUDIT_ACTIONS: readonly AuditAction[] = Object.values(AuditAction);

/** allowed: the access happened; denied: refused (403, 404, 410); failed: bad input or an error. */
export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export function outcomeOfStatus(status: number): AuditOutcome {
  if (status < 400) return 'allowed';
  if (status === 401 || status === 403 || status === 404 || status === 410) return 'denied';
  return 'failed';
}
