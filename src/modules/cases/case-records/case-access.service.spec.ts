import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { Role } from '../../../core/access/role';
import type { RequestContext } from '../../../core/database/request-context';
import { CaseAccess, DISABLE_CHECK_SETTING, OWNER_ONLY } from './case-access.service';
import type { CaseRepository } from './case.repository';
import type { CaseSealer } from './case-sealer';
import { CaseException } from './cases.exception';

const actor: AuthenticatedUser = {
  userId: 'u',
  username: 'caseworker.one',
  organisationId: '0b8a3c4e-0000-4000-8000-000000000001',
  role: Role.Caseworker,
  sessionId: 's',
  mfaEnrolled: false,
  secondFactor: false,
  passwordChangeRequired: false,
};

function accessWith(rows: unknown[]) {
  const steps: string[] = [];
  const query = jest.fn().mockImplementation(async () => {
    steps.push('decide');
    return rows;
  });
  const recordAccess = jest.fn();
  const context = { manager: { query }, recordAccess } as unknown as RequestContext;
  const cases = {
    lock: jest.fn(async (_id: string, mode: string) => void steps.push(`lock ${mode}`)),
    ownerAndKey: jest.fn(async () => {
      steps.push('key');
      return undefined as unknown;
    }),
    findWithKeys: jest.fn(async () => {
      steps.push('record');
      return [] as unknown[];
    }),
  };
  const sut = new CaseAccess(context, cases as unknown as CaseRepository, {} as CaseSealer);
  return { sut, query, recordAccess, cases, steps };
}

describe('CaseAccess', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('answers a case without a view as not found, and names the case for the audit event', async () => {
    const { sut, recordAccess } = accessWith([]);
    await expect(sut.requireView(actor, 'c1')).rejects.toBeInstanceOf(CaseException);
    await expect(sut.requireView(actor, 'c1')).rejects.toMatchObject({ status: 404 });
    expect(recordAccess).toHaveBeenCalledWith({ caseIds: ['c1'] });
  });

  it('returns the view the query decided', async () => {
    const { sut, query } = accessWith([{ id: 'c1', view: 'investigation', total: '1' }]);
    await expect(sut.requireView(actor, 'c1')).resolves.toBe('investigation');
    expect(query.mock.calls[0][1]).toEqual([actor.organisationId, Role.Caseworker, 'c1']);
    expect(query.mock.calls[0][0]).toContain('panoh_case_view(c.id, c.organisation_id, $1::uuid, $2::text)');
  });

  it('refuses the test-only switch outside tests', () => {
    process.env[DISABLE_CHECK_SETTING] = 'true';
    process.env.NODE_ENV = 'production';
    expect(() => accessWith([])).toThrow(/tests only/);
    process.env.NODE_ENV = 'development';
    expect(() => accessWith([])).toThrow(/tests only/);
  });

  it('numbers the filter parameters after the caller and pages last', async () => {
    const { sut, query } = accessWith([{ id: 'c1', view: 'full', total: '7' }]);
    const page = await sut.listVisible(
      actor,
      { stage: 'identified', registeredTo: '2026-12-31' },
      { limit: 5, offset: 10 },
    );
    expect(page).toEqual({ items: [{ id: 'c1', view: 'full' }], total: 7 });
    const [sql, params] = query.mock.calls[0] as [string, unknown[]];
    expect(params).toEqual([actor.organisationId, Role.Caseworker, 'identified', '2026-12-31', 5, 10]);
    expect(sql).toContain('c.stage = $3 AND c.registered_on <= $4');
    expect(sql).toContain('LIMIT $5 OFFSET $6');
  });

  describe('the entry point of every case part', () => {
    it('refuses a caller the part does not allow with its 403, before any lock or read', async () => {
      const { sut, steps } = accessWith([{ id: 'c1', view: 'referral', total: '1' }]);
      const need = { ...OWNER_ONLY, lock: 'update', read: 'record' } as const;
      await expect(sut.require(actor, 'c1', need)).rejects.toMatchObject({ status: 403, code: 'case_read_only' });
      expect(steps).toEqual(['decide']);
    });

    it('answers 404 without locking or reading when the caller has no view', async () => {
      const { sut, steps } = accessWith([]);
      await expect(sut.require(actor, 'c1', { lock: 'share', read: 'key' })).rejects.toMatchObject({ status: 404 });
      expect(steps).toEqual(['decide']);
    });

    it('decides, then locks, then reads, and answers 404 when the policies hide the case', async () => {
      const { sut, steps } = accessWith([{ id: 'c1', view: 'full', total: '1' }]);
      await expect(sut.require(actor, 'c1', { lock: 'share', read: 'key' })).rejects.toMatchObject({
        status: 404,
        code: 'case_not_found',
      });
      expect(steps).toEqual(['decide', 'lock share', 'key']);
      const { sut: again, steps: recordSteps } = accessWith([{ id: 'c1', view: 'full', total: '1' }]);
      await expect(again.require(actor, 'c1', { read: 'record' })).rejects.toMatchObject({ status: 404 });
      expect(recordSteps).toEqual(['decide', 'record']);
    });

    it("gives the part's rule the view and the caller", async () => {
      const { sut } = accessWith([{ id: 'c1', view: 'investigation', total: '1' }]);
      const may = jest.fn().mockReturnValue(true);
      await expect(sut.require(actor, 'c1', { may })).resolves.toEqual({ caseId: 'c1', view: 'investigation' });
      expect(may).toHaveBeenCalledWith('investigation', actor);
    });
  });
});
