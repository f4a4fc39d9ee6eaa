import { Role } from './role';

/** What a route may need. Values read `<resource>.<action>`. */
export enum Permission {
  /** Any logged-in user acting on its own account (me, logout, TOTP, password). */
  AccountSelf = 'account.self',
  OrganisationRead = 'organisation.read',
  OrganisationManage = 'organisation.manage',
  UserRead = 'user.read',
  UserManage = 'user.manage',
  /** The accounts of the caller's own organisation: list them, reset a password or a second factor (org_manager). */
  StaffManage = 'staff.manage',
  /** The organisation's own counts over its caseload, and the export of its own cases (org_manager). */
  ReportRead = 'report.read',
  /** The key-encryption keys' versions and what each wraps (never a key). */
  KeyRead = 'key.read',
  /** Search the audit log (auditor). */
  AuditRead = 'audit.read',
  /** Recompute the chain and check the signed heads (auditor). */
  AuditVerify = 'audit.verify',
  PersonRead = 'person.read',
  PersonWrite = 'person.write',
  PersonDuplicateCheck = 'person.duplicate_check',
  PersonErase = 'person.erase',
  /** Read a case in the view CaseAccess gives the caller (full, referral or investigation). */
  CaseRead = 'case.read',
  /** Open a case, change the case of the caller's own organisation. */
  CaseWrite = 'case.write',
  /** Record a screening against the indicator lists, on a case of the caller's own organisation. */
  CaseScreen = 'case.screen',
  /** Record, and withdraw, a person's consent on a case of the caller's own organisation. */
  ConsentManage = 'consent.manage',
  /** Give a case of the caller's own organisation another owner among its staff (org_manager). */
  CaseAssign = 'case.assign',
  /** Move a case of the caller's own organisation through the NRM stages (some moves: org_manager only). */
  CaseStageChange = 'case.stage',
  /** Every change of a case of the caller's own organisation, with who, when and why. */
  CaseHistoryRead = 'case.history',
  /** Refer a case of the caller's own organisation to another organisation; withdraw the referral. */
  ReferralSend = 'referral.send',
  /** The caller's organisation's referral inbox and outbox. */
  ReferralRead = 'referral.read',
  /** Accept or decline a referral in the caller's organisation's inbox (org_manager). */
  ReferralRespond = 'referral.respond',
  /** The caller's organisation's notifications (referrals, consents withdrawn). */
  NotificationRead = 'notification.read',
  /** The code lists with their labels: not victim data, for every staff role. */
  CodeListRead = 'code_list.read',
  /** Who has opened a file of the caller's organisation (org_manager). */
  AccessLogRead = 'access_log.read',
  /** The support plan of a case: all of it for the owner, an organisation's own items through a share. */
  AssistanceRead = 'assistance.read',
  /** Plan assistance items and record what was delivered (same reach as AssistanceRead). */
  AssistanceWrite = 'assistance.write',
  /** Perpetrators and criminal proceedings of a case: investigators with a live law-enforcement share, the owner's manager. */
  InvestigationRead = 'investigation.read',
  /** Record perpetrators and proceedings: investigators with a live law-enforcement share only. */
  InvestigationWrite = 'investigation.write',
  /** The tasks of a case of the caller's own organisation, and the caller's own tasks ("my work"). */
  TaskRead = 'task.read',
  /** Add a task to a case of the caller's own organisation, assign it, mark it done. */
  TaskWrite = 'task.write',
  /** The overdue tasks of the caller's whole organisation (org_manager). */
  TaskOverdueRead = 'task.overdue',
  /** Counts and NRM timeliness under disclosure control (commission). */
  StatisticsRead = 'statistics.read',
  /** The anonymised CTDC-layout dataset (commission). */
  StatisticsExport = 'statistics.export',
  /** Compute and publish the release of a closed period, or a new version of it (admin). */
  StatisticsPublish = 'statistics.publish',
}

/**
 * Permissions that reach victim data: their routes must be audited, and with PANOH_REQUIRE_MFA they
 * need a session opened with a second factor.
 */
export const VICTIM_DATA_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  Permission.PersonRead,
  Permission.PersonWrite,
  Permission.PersonDuplicateCheck,
  Permission.PersonErase,
  Permission.AccessLogRead,
  Permission.CaseRead,
  Permission.CaseWrite,
  Permission.CaseAssign,
  Permission.CaseScreen,
  Permission.ConsentManage,
  Permission.StatisticsRead,
  Permission.StatisticsExport,
  Permission.StatisticsPublish,
  Permission.ReportRead,
  Permission.CaseStageChange,
  Permission.CaseHistoryRead,
  Permission.ReferralSend,
  Permission.ReferralRead,
  Permission.ReferralRespond,
  Permission.NotificationRead,
  Permission.AssistanceRead,
  Permission.AssistanceWrite,
  Permission.InvestigationRead,
  Permission.InvestigationWrite,
  Permission.TaskRead,
  Permission.TaskWrite,
  Permission.TaskOverdueRead,
]);

/**
 * With PANOH_REQUIRE_MFA, these need a session opened with a second factor: victim data, and the
 * administration of users and organisations (whoever creates users could otherwise create a way in).
 */
export const SECOND_FACTOR_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  ...VICTIM_DATA_PERMISSIONS,
  Permission.UserManage,
  Permission.StaffManage,
  Permission.OrganisationManage,
]);

/**
 * Who may do what. Deny by default: a permission not listed for a role is refused.
 * `admin` manages organisations, users and keys and has no permission to read case content
 * (separation of duties); `commission` reaches statistics only; `auditor` the audit log only.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.Caseworker]: [
    Permission.AccountSelf,
    Permission.CodeListRead,
    Permission.OrganisationRead,
    Permission.PersonRead,
    Permission.PersonWrite,
    Permission.PersonDuplicateCheck,
    Permission.CaseRead,
    Permission.CaseWrite,
    Permission.CaseScreen,
    Permission.ConsentManage,
    Permission.CaseStageChange,
    Permission.CaseHistoryRead,
    Permission.ReferralSend,
    Permission.ReferralRead,
    Permission.NotificationRead,
    Permission.AssistanceRead,
    Permission.AssistanceWrite,
    Permission.TaskRead,
    Permission.TaskWrite,
  ],
  [Role.OrgManager]: [
    Permission.AccountSelf,
    Permission.CodeListRead,
    Permission.OrganisationRead,
    Permission.PersonRead,
    Permission.PersonWrite,
    Permission.PersonDuplicateCheck,
    Permission.PersonErase,
    Permission.AccessLogRead,
    Permission.CaseRead,
    Permission.CaseWrite,
    Permission.CaseAssign,
    Permission.CaseScreen,
    Permission.ConsentManage,
    Permission.CaseStageChange,
    Permission.CaseHistoryRead,
    Permission.ReferralSend,
    Permission.ReferralRead,
    Permission.ReferralRespond,
    Permission.NotificationRead,
    Permission.AssistanceRead,
    Permission.AssistanceWrite,
    // Reads (never writes) the investigation records of the organisation's own cases.
    Permission.InvestigationRead,
    Permission.TaskRead,
    Permission.TaskWrite,
    Permission.TaskOverdueRead,
    Permission.StaffManage,
    Permission.ReportRead,
  ],
  // Reads only the investigation view of cases shared with its unit (CaseAccess decides), and sees its
  // unit's referral inbox; its unit's manager accepts or declines.
  [Role.Investigator]: [
    Permission.AccountSelf,
    Permission.CodeListRead,
    Permission.OrganisationRead,
    Permission.CaseRead,
    Permission.ReferralRead,
    Permission.NotificationRead,
    Permission.InvestigationRead,
    Permission.InvestigationWrite,
  ],
  // The commission reads statistics coded with these lists, so it needs their labels.
  [Role.Commission]: [
    Permission.AccountSelf,
    Permission.CodeListRead,
    Permission.StatisticsRead,
    Permission.StatisticsExport,
  ],
  [Role.Auditor]: [Permission.AccountSelf, Permission.CodeListRead, Permission.AuditRead, Permission.AuditVerify],
  [Role.Admin]: [
    Permission.AccountSelf,
    Permission.CodeListRead,
    Permission.OrganisationRead,
    Permission.OrganisationManage,
    Permission.UserRead,
    Permission.UserManage,
    Permission.KeyRead,
    // Starts the computation of a release; the release is protected aggregates only, no row.
    Permission.StatisticsPublish,
  ],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}
