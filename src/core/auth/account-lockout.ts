import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AuditAction } from '../audit/audit-action';
import { AuditWriter } from '../audit/audit.writer';
import { authConfig } from '../config/auth.config';
import { ClientInfo } from './client-info';
import { SessionService } from './session.service';

/** Where a failed password check came from, for the audit event of a lock. */
export type FailedCheck = 'login' | 'second_factor' | 'password_change';

/**
 * Failed password (and second-factor) checks of a known account, wherever they happen: at login or
 * when a session holder changes its password. At `PANOH_LOGIN_LOCK_AFTER` failures the account locks
 * until an administrator unlocks it; in the same transaction its sessions end and `account.locked` is
 * written, so a stolen session guessing the password ends itself.
 */
@Injectable()
export class AccountLockout {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditWriter,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async recordFailure(userId: string, during: FailedCheck, client: ClientInfo): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query(`SELECT locked_at FROM app_user WHERE id = $1 FOR UPDATE`, [userId]);
      if (!before) return;
      // As a SELECT over the UPDATE, so that the driver hands back the rows themselves.
      const [after]: Array<{ failed_login_count: number; locked: boolean }> = await manager.query(
        `WITH counted AS (
           UPDATE app_user SET failed_login_count = failed_login_count + 1,
             locked_at = CASE WHEN failed_login_count + 1 >= $2 AND locked_at IS NULL THEN now() ELSE locked_at END
           WHERE id = $1
           RETURNING failed_login_count, locked_at IS NOT NULL AS locked)
         SELECT * FROM counted`,
        [userId, this.config.lockAfterFailures],
      );
      if (before.locked_at !== null || !after.locked) return;
      await this.sessions.endAllForUser(userId, 'account locked', manager);
      await this.audit.append(manager, {
        action: AuditAction.AccountLocked,
        outcome: 'denied',
        requestId: client.requestId,
        clientAddress: client.address,
        detail: { targetUserId: userId, failures: after.failed_login_count, during },
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
