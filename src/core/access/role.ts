/** The roles of DESIGN.md. A user has exactly one, within one organisation. */
export enum Role {
  Caseworker = 'caseworker',
  OrgManager = 'org_manager',
  Investigator = 'investigator',
  Commission = 'commission',
  Auditor = 'auditor',
  Admin = 'admin',
}

export const ROLES: readonly Role[] = Object.values(Role);
