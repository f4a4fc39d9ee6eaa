import { Role } from '../../core/access/role';
import type { OrganisationType } from './organisation-codes';

/**
 * What an organisation is in the NRM (DESIGN.md, "Who uses it"). A **service** organisation holds
 * cases: shelters, NGOs, health, legal and social services, police units. An **oversight** body never
 * does: the Commission's secretariat, the data-protection office, the system's operators. The database
 * holds the same rule (migration 1795835310000-OrganisationKinds); docs/architecture.md says where.
 */
export const ORGANISATION_KINDS = ['service', 'oversight'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * The kind of organisation each role works in: caseworkers, managers (the head of a shelter, NGO or
 * police unit) and investigators in a service organisation; commission members, auditors and
 * administrators in an oversight body, so that no one there can be given a case.
 */
export const KIND_OF_ROLE: Readonly<Record<Role, OrganisationKind>> = {
  [Role.Caseworker]: 'service',
  [Role.OrgManager]: 'service',
  [Role.Investigator]: 'service',
  [Role.Commission]: 'oversight',
  [Role.Auditor]: 'oversight',
  [Role.Admin]: 'oversight',
};

/**
 * The kind an organisation gets when it is created without one: a central-government body is taken
 * for an oversight body (the Commission and its secretariat are), every other type for a service
 * organisation. The guess errs on the side that cannot receive a case; a ministry's own service is
 * created with `kind: service`.
 */
export function defaultKindOf(type: OrganisationType): OrganisationKind {
  return type === 'CentralGovernmentOrganisation' ? 'oversight' : 'service';
}

/** Why `role` may not work in an organisation of `kind`, or null when it may. */
export function roleKindProblem(role: Role, kind: OrganisationKind): string | null {
  const wanted = KIND_OF_ROLE[role];
  if (wanted === kind) return null;
  return wanted === 'service'
    ? `The role ${role} belongs in a service organisation; this organisation is an oversight body`
    : `The role ${role} belongs in an oversight body; this organisation is a service organisation`;
}

/** The refusal for input `field` naming an oversight body where a case, or a part of one, would go. */
export function oversightNamed(field: string): string {
  return `${field} names an oversight body, which never holds or receives a case: name a service organisation`;
}
