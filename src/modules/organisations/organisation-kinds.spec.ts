import { Role, ROLES } from '../../core/access/role';
import { ORGANISATION_TYPES } from './organisation-codes';
import { defaultKindOf, KIND_OF_ROLE, roleKindProblem } from './organisation-kinds';

describe('organisation kinds', () => {
  it('puts the roles that work cases in service organisations and the others in oversight bodies', () => {
    const service = ROLES.filter((role) => KIND_OF_ROLE[role] === 'service').sort();
    const oversight = ROLES.filter((role) => KIND_OF_ROLE[role] === 'oversight').sort();
    expect(service).toEqual([Role.Caseworker, Role.Investigator, Role.OrgManager].sort());
    expect(oversight).toEqual([Role.Admin, Role.Auditor, Role.Commission].sort());
  });

  it('takes only a central-government body for an oversight body when no kind is given', () => {
    for (const type of ORGANISATION_TYPES) {
      expect(defaultKindOf(type)).toBe(type === 'CentralGovernmentOrganisation' ? 'oversight' : 'service');
    }
  });

  it('says why a role does not fit an organisation, and nothing when it does', () => {
    expect(roleKindProblem(Role.OrgManager, 'service')).toBeNull();
    expect(roleKindProblem(Role.Commission, 'oversight')).toBeNull();
    expect(roleKindProblem(Role.OrgManager, 'oversight')).toMatch(/role org_manager belongs in a service organisation/);
    expect(roleKindProblem(Role.Admin, 'service')).toMatch(/role admin belongs in an oversight body/);
  });
});
