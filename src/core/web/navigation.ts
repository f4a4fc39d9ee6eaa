import { Permission, roleHasPermission } from '../access/permission';
import { Role } from '../access/role';
import type { CommonMessage } from './messages';

export interface NavigationEntry {
  path: string;
  label: CommonMessage;
  permission: Permission;
}

/** The menu: each entry shows to the roles whose permission opens its page. */
export const NAVIGATION: readonly NavigationEntry[] = [
  { path: '/ui/cases', label: 'nav_cases', permission: Permission.CaseRead },
  { path: '/ui/search', label: 'nav_search', permission: Permission.CaseRead },
  { path: '/ui/cases/new', label: 'nav_new_case', permission: Permission.CaseWrite },
  { path: '/ui/tasks', label: 'nav_tasks', permission: Permission.TaskRead },
  { path: '/ui/referrals', label: 'nav_referrals', permission: Permission.ReferralRead },
  { path: '/ui/notifications', label: 'nav_notifications', permission: Permission.NotificationRead },
  { path: '/ui/access-log', label: 'nav_access_log', permission: Permission.AccessLogRead },
  { path: '/ui/reports', label: 'nav_reports', permission: Permission.ReportRead },
  { path: '/ui/staff', label: 'nav_staff', permission: Permission.StaffManage },
  { path: '/ui/statistics', label: 'nav_statistics', permission: Permission.StatisticsRead },
  { path: '/ui/audit', label: 'nav_audit', permission: Permission.AuditRead },
  { path: '/ui/organisations', label: 'nav_organisations', permission: Permission.OrganisationManage },
  { path: '/ui/users', label: 'nav_users', permission: Permission.UserManage },
  { path: '/ui/keys', label: 'nav_keys', permission: Permission.KeyRead },
  { path: '/ui/statistics/publish', label: 'nav_publish_statistics', permission: Permission.StatisticsPublish },
  { path: '/ui/account', label: 'nav_account', permission: Permission.AccountSelf },
];

export function navigationFor(role: Role): NavigationEntry[] {
  return NAVIGATION.filter((entry) => roleHasPermission(role, entry.permission));
}

/** Where a role starts after signing in: the first page of its menu. */
export function homeOf(role: Role): string {
  return navigationFor(role)[0]?.path ?? '/ui/account';
}
