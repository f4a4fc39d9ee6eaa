import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { Role } from '../../core/access/role';
import type { RequestContext } from '../../core/database/request-context';
import type { CaseRepository, CasesService } from '../cases/case-records';
import type { ReportsRepository } from './reports.repository';
import type { OverdueTasks } from '../tasks';
import { ReportsService } from './reports.service';

const actor = { userId: 'u1', organisationId: 'org-1', role: Role.OrgManager } as AuthenticatedUser;

function serviceWith(overdue: OverdueTasks) {
  const repository = {
    casesBy: jest.fn(async (column: string) => (column === 'stage' ? [{ code: 'identified', count: 2 }, { code: 'reflection', count: 1 }] : [])),
    servicesDelivered: jest.fn(async () => []),
    referrals: jest.fn(async () => []),
  };
  const context = { recordAccess: jest.fn() };
  const sut = new ReportsService(
    repository as unknown as ReportsRepository,
    {} as CasesService,
    {} as CaseRepository,
    context as unknown as RequestContext,
    overdue,
  );
  return { sut, repository };
}

describe('ReportsService.caseload', () => {
  it("asks the task list for the caller's own organisation's overdue count, as its manager", async () => {
    const overdueCount = jest.fn(async () => 4);
    const { sut, repository } = serviceWith({ overdueCount });
    expect(await sut.caseload(actor)).toEqual(expect.objectContaining({ cases: 3, overdueTasks: 4 }));
    expect(overdueCount).toHaveBeenCalledWith('org-1', actor);
    expect(repository.casesBy).toHaveBeenCalledWith('stage', 'org-1');
  });
});
