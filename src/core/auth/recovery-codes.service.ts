import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../access/authenticated-user';
import { RequestContext } from '../database/request-context';
import { AuthErrorCode, AuthException } from './auth.exception';
import { OwnRecords } from './own-records';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-code';

/** One-time recovery codes: a set of ten per account, each good once in place of the second factor. */
@Injectable()
export class RecoveryCodes {
  constructor(
    private readonly requestContext: RequestContext,
    private readonly own: OwnRecords,
  ) {}

  /**
   * A new set for the caller, replacing any earlier one; the codes are returned this once. Only from a
   * session opened with a second factor: codes that stand in for it must not come from a password alone.
   */
  async generate(caller: AuthenticatedUser): Promise<string[]> {
    if (!caller.secondFactor) {
      throw new AuthException(
        AuthErrorCode.SecondFactorSessionRequired,
        'Recovery codes need a session opened with a second factor: sign in with it first',
      );
    }
    const codes = newRecoveryCodes();
    await this.own.run(caller.userId, async (manager) => {
      await manager.query(`DELETE FROM recovery_code WHERE user_id = $1`, [caller.userId]);
      await manager.query(`INSERT INTO recovery_code (user_id, code_hash) SELECT $1, unnest($2::bytea[])`, [
        caller.userId,
        codes.map((code) => hashRecoveryCode(caller.userId, normaliseRecoveryCode(code) as string)),
      ]);
    });
    this.requestContext.recordAccess({ detail: { recoveryCodes: codes.length } });
    return codes;
  }

  /** How many of the account's codes are still unused (`manager` with the account as caller). */
  async remaining(manager: EntityManager, userId: string): Promise<number> {
    const [row]: Array<{ remaining: number }> = await manager.query(
      `SELECT count(*)::int AS remaining FROM recovery_code WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return row.remaining;
  }

  /** Uses a code, once: true when it was one of the account's unused codes (`manager` as for remaining). */
  async consume(manager: EntityManager, userId: string, typed: string): Promise<boolean> {
    const code = normaliseRecoveryCode(typed);
    if (!code) return false;
    const used: Array<{ user_id: string }> = await manager.query(
      `WITH used AS (
         UPDATE recovery_code SET used_at = now()
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id)
       SELECT * FROM used`,
      [userId, hashRecoveryCode(userId, code)],
    );
    return used.length === 1;
  }
}
