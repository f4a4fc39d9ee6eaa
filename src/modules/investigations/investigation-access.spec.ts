import { CASE_VIEWS } from '../cases/case-records';
import { Role, ROLES } from '../../core/access/role';
import { mayReachInvestigation } from './investigation-access';

describe('who reaches the investigation records of a case it sees', () => {
  it('lets investigators in the investigation view read and write, and the owner manager read only', () => {
    const allowed: string[] = [];
    for (const role of ROLES)
      for (const view of CASE_VIEWS)
        for (const use of ['read', 'write'] as const)
          if (mayReachInvestigation(role, view, use)) allowed.push(`${role} ${view} ${use}`);
    expect(allowed.sort()).toEqual([
      'investigator investigation read',
      'investigator investigation write',
      'org_manager full read',
    ]);
  });

  it('refuses an investigator who somehow had another view, and the owner caseworker', () => {
    expect(mayReachInvestigation(Role.Investigator, 'full', 'read')).toBe(false);
    expect(mayReachInvestigation(Role.Investigator, 'referral', 'read')).toBe(false);
    expect(mayReachInvestigation(Role.Caseworker, 'full', 'read')).toBe(false);
    expect(mayReachInvestigation(Role.OrgManager, 'investigation', 'read')).toBe(false);
  });
});
