import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../database/request-context';

/**
 * The tables a user owns row by row (WebAuthn credentials and challenges, recovery codes) show a row
 * only to a transaction whose caller is its user (`panoh.user_id`, migration 1795835500000). This runs
 * work as that user: inside an audited request of the account's own routes, in the request's
 * transaction, whose caller the session set; otherwise (a sign-in, where the password has just been
 * proven and there is no session yet, or an own-account route that is not audited) in a transaction of
 * its own with the caller set. Only for work on the caller's own account: `userId` must be the session's
 * user or the account whose password was just checked.
 */
@Injectable()
export class OwnRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requestContext: RequestContext,
  ) {}

  run<T>(userId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.requestContext.inTransaction) return work(this.requestContext.manager);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('panoh.user_id', $1, true)`, [userId]);
      return work(manager);
    });
  }
}
