import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../src/core/access/authenticated-user';
import { setCaller } from '../../src/core/audit/audit.interceptor';
import { RequestContext } from '../../src/core/database/request-context';
import type { TestApp, TestUser } from './test-app';

/**
 * Runs `work` as a request of `user` would run: in one transaction of the service's role that first
 * sets the caller for row-level security, with that transaction as the request's manager. Rolled back
 * unless `commit`.
 */
export async function asCaller<T>(
  t: TestApp,
  user: TestUser | AuthenticatedUser,
  work: () => Promise<T>,
  options: { commit?: boolean } = {},
): Promise<T> {
  const runner = t.app.get(DataSource).createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await setCaller(runner, 'userId' in user ? user : callerOf(user));
    const result = await RequestContext.run({ manager: runner.manager }, work);
    if (options.commit) await runner.commitTransaction();
    return result;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

export function callerOf(user: TestUser): AuthenticatedUser {
  return {
    userId: user.id,
    username: user.username,
    organisationId: user.organisationId,
    role: user.role,
    sessionId: '00000000-0000-4000-8000-000000000000',
    mfaEnrolled: false,
    secondFactor: false,
    passwordChangeRequired: false,
  };
}
