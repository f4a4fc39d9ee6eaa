import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AuditAction } from '../audit/audit-action';
import { AuditWriter } from '../audit/audit.writer';
import { authConfig } from '../config/auth.config';
import { ClientInfo } from './client-info';
import { SessionService } from './session.service';

/** A user id no account has: the statement for a refusal without a known account matches no row. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/** Where a failed password check came from, for the audit event of a lock. */
export type FailedCheck = 'login' | 'second_factor' | 'password_change' | 'reconfirmation';

/**
 * Failed password (and second-factor) checks of a known account, wherever they happen: at login, when
 * a session holder changes its password, or gives it again before a grave act. At `PANOH_LOGIN_LOCK_AFTER` failures the account locks
 * until an administrator unlocks it: from that statement on the session check refuses its sessions
 * (panoh_session bars a locked user), and then they are ended and `account.locked` is written, so a
 * stolen session guessing the password ends itself.
 */
@Injectable()
export class AccountLockout {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditWriter,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /**
   * Counts a failed check of `userId`'s password or second factor, in one statement. Called with no
   * user for every other refused login (an unknown name, a disabled account), where it runs the same
   * statement on no row: a refusal costs the same round trip whether or not the account exists.
   * Only the failure that crosses the limit does more: it ends the sessions and writes the lock.
   */
  async recordFailure(userId: string | undefined, during: FailedCheck, client: ClientInfo): Promise<void> {
    // As a SELECT over the UPDATE, so that the driver hands back the rows themselves. `locked_at =
    // now()` holds only for the statement that set it: an earlier lock has an earlier time.
    const [counted]: Array<{ failed_login_count: number; just_locked: boolean }> = await this.dataSource.query(
      `WITH counted AS (
         UPDATE app_user SET failed_login_count = failed_login_count + 1,
           locked_at = CASE WHEN failed_login_count + 1 >= $2 AND locked_at IS NULL THEN now() ELSE locked_at END
         WHERE id = $1
         RETURNING failed_login_count, locked_at IS NOT DISTINCT FROM now() AS just_locked)
       SELECT * FROM counted`,
      [userId ?? NO_USER, this.config.lockAfterFailures],
    );
    if (!userId || !counted?.just_locked) return;
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.endAllForUser(userId, 'account locked', manager);
      await this.audit.append(manager, {
        action: AuditAction.AccountLocked,
        outcome: 'denied',
        requestId: client.requestId,
        clientAddress: client.address,
        detail: { targetUserId: userId, failures: counted.failed_login_count, during },
      });
    });
  }

  /** A right password: the count starts again. */
  async clearFailures(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE app_user SET failed_login_count = 0 WHERE id = $1 AND failed_login_count > 0`, [
      userId,
    ]);
  }
}
