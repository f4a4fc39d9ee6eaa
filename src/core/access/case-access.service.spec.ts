import type { RequestContext } from '../database/request-context';
import type { AuthenticatedUser } from './authenticated-user';
import { CaseAccessException } from './case-access.exception';
import { CaseAccess, DISABLE_CHECK_SETTING } from './case-access.service';
import { Role } from './role';

const actor: AuthenticatedUser = {
  userId: 'u',
  username: 'caseworker.one',
  organisationId: '0b8a3c4e-0000-4000-8000-000000000001',
  role: Role.Caseworker,
  sessionId: 's',
  mfaEnrolled: false,
  secondFactor: false,
};

function accessWith(rows: unknown[]): { sut: CaseAccess; query: jest.Mock; recordAccess: jest.Mock } {
  const query = jest.fn().mockResolvedValue(rows);
  const recordAccess = jest.fn();
  const context = { manager: { query }, recordAccess } as unknown as RequestContext;
  return { sut: new CaseAccess(context), query, recordAccess };
}

describe('CaseAccess', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('answers a case without a view as not found, and names the case for the audit event', async () => {
    const { sut, recordAccess } = accessWith([]);
    await expect(sut.requireView(actor, 'c1')).rejects.toBeInstanceOf(CaseAccessException);
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
});
