import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { User } from './entities/user.entity';
import { AuditAction, outcomeOfStatus } from '../audit/audit-action';
import { AuditWriter } from '../audit/audit.writer';
import { RequestContext } from '../database/request-context';
import { AuthenticatedUser } from '../access/authenticated-user';
import { ROLE_PERMISSIONS, SECOND_FACTOR_PERMISSIONS } from '../access/permission';
import { authConfig } from '../config/auth.config';
import { KeyPurpose, KeyRing } from '../crypto/key-ring';
import { SecretBox } from '../crypto/secret-box';
import { SODIUM } from '../crypto/sodium.provider';
import type { Sodium } from '../crypto/sodium.provider';
import { AccountLockout } from './account-lockout';
import { AuthErrorCode, AuthException } from './auth.exception';
import { ClientInfo } from './client-info';
import { FieldProblem } from '../http/error-body';
import { LoginDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { TotpEnrolmentDto } from './dto/totp.dto';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import { IssuedToken, SessionService } from './session.service';
import { base32Encode, matchTotp, otpauthUri } from './totp';
import { totpContext } from './totp-secret-rotation';

const INVALID = 'Invalid username or password';

/** The login's own fields, which an audit event may name; anything else sent is named `body`. */
const LOGIN_FIELDS = new Set(['username', 'password', 'totpCode']);

function loginFieldsAtFault(problems: FieldProblem[]): string[] {
  return [...new Set(problems.map((p) => (LOGIN_FIELDS.has(p.field) ? p.field : 'body')))].sort();
}

@Injectable()
export class AuthService {
  private readonly totpBox: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly requestContext: RequestContext,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly lockout: AccountLockout,
    private readonly audit: AuditWriter,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    @Inject(SODIUM) sodium: Sodium,
    keys: KeyRing,
  ) {
    this.totpBox = new SecretBox(sodium, keys, KeyPurpose.TotpSecret);
  }

  /**
   * Unknown usernames, wrong passwords, disabled and locked accounts all get the same 401 after the
   * same argon2 work, so neither the answer nor its timing tells which accounts exist.
   */
  async login(dto: LoginDto, client: ClientInfo): Promise<IssuedToken> {
    try {
      return await this.attemptLogin(dto, client);
    } catch (error) {
      // Refusals by the rate limits are counted in login_throttle, not written one by one: anyone can
      // send them, and each event would stay in the append-only log for good.
      if (error instanceof AuthException && error.code !== AuthErrorCode.TooManyAttempts) {
        await this.audit.append(this.dataSource.manager, {
          action: AuditAction.LoginFailed,
          outcome: 'denied',
          statusCode: error.status,
          requestId: client.requestId,
          clientAddress: client.address,
          detail: { reason: error.code },
        });
      }
      throw error;
    }
  }

  /**
   * A login refused by validation: counted against the address's rate limit (past it, the answer is
   * 429 and nothing is written, as for any login) and written as `login.failed` naming the fields.
   */
  async refuseMalformedLogin(problems: FieldProblem[], client: ClientInfo): Promise<void> {
    await this.throttle.countAddressAttempt(client.address);
    await this.audit.append(this.dataSource.manager, {
      action: AuditAction.LoginFailed,
      outcome: 'denied',
      statusCode: 400,
      requestId: client.requestId,
      clientAddress: client.address,
      detail: { reason: 'invalid_input', fields: loginFieldsAtFault(problems) },
    });
  }

  private async attemptLogin(dto: LoginDto, client: ClientInfo): Promise<IssuedToken> {
    const clientAddress = client.address;
    const username = dto.username.trim().toLowerCase();
    await this.throttle.countAddressAttempt(clientAddress);
    await this.throttle.reserveAttempt(username);

    const users = this.dataSource.getRepository(User);
    const user = await users.findOneBy({ username });
    const passwordOk = user
      ? await this.hasher.verify(user.passwordHash, dto.password)
      : await this.hasher.verifyNobody(dto.password);
    if (!user || !passwordOk || user.disabledAt || user.lockedAt) {
      await this.lockout.recordFailure(user && !passwordOk ? user.id : undefined, 'login', client);
      throw new AuthException(AuthErrorCode.InvalidCredentials, INVALID);
    }

    if (user.totpEnabledAt) await this.checkTotpAtLogin(user, dto.totpCode, client);

    if (this.hasher.needsRehash(user.passwordHash)) {
      await users.update({ id: user.id }, { passwordHash: await this.hasher.hash(dto.password) });
    }
    if (user.failedLoginCount > 0) await this.lockout.clearFailures(user.id);
    await this.throttle.clearFailures(username);
    return this.dataSource.transaction(async (manager) => {
      const issued = await this.sessions.issue(user, user.totpEnabledAt !== null, manager);
      await this.audit.append(manager, {
        action: AuditAction.LoginSucceeded,
        outcome: 'allowed',
        statusCode: 200,
        actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
        requestId: client.requestId,
        clientAddress: client.address,
        detail: { secondFactor: user.totpEnabledAt !== null },
      });
      return issued;
    });
  }

  async logout(user: AuthenticatedUser, client: ClientInfo): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.end(user.sessionId, 'logout', manager);
      await this.audit.append(manager, {
        action: AuditAction.Logout,
        outcome: 'allowed',
        statusCode: 204,
        actor: { userId: user.userId, organisationId: user.organisationId, role: user.role },
        requestId: client.requestId,
        clientAddress: client.address,
      });
    });
  }

  me(user: AuthenticatedUser): MeDto {
    return {
      id: user.userId,
      username: user.username,
      organisationId: user.organisationId,
      role: user.role,
      mfaEnrolled: user.mfaEnrolled,
      mfaRequired: this.config.requireMfa && ROLE_PERMISSIONS[user.role].some((p) => SECOND_FACTOR_PERMISSIONS.has(p)),
      secondFactor: user.secondFactor,
      passwordChangeRequired: user.passwordChangeRequired,
      permissions: [...ROLE_PERMISSIONS[user.role]],
    };
  }

  /** Starts TOTP enrolment: a fresh secret, kept encrypted as pending until a code confirms it. */
  async enrolTotp(caller: AuthenticatedUser): Promise<TotpEnrolmentDto> {
    const user = await this.requestContext.manager.getRepository(User).findOneByOrFail({ id: caller.userId });
    if (user.totpEnabledAt) {
      throw new AuthException(AuthErrorCode.TotpAlreadyEnabled, 'TOTP is already enabled for this account');
    }
    const secret = randomBytes(20);
    await this.requestContext.manager
      .getRepository(User)
      .update(
        { id: user.id },
        { totpPendingSecret: this.totpBox.seal(secret, totpContext(user.id, 'totp_pending_secret')) },
      );
    return { secret: base32Encode(secret), otpauthUri: otpauthUri(secret, user.username) };
  }

  async confirmTotp(caller: AuthenticatedUser, code: string): Promise<void> {
    await this.requestContext.manager.transaction(async (manager) => {
      const users = manager.getRepository(User);
      const user = await users.findOne({ where: { id: caller.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user?.totpPendingSecret) throw new AuthException(AuthErrorCode.TotpNotPending, 'Start TOTP enrolment first');
      const secret = this.totpBox.open(user.totpPendingSecret, totpContext(user.id, 'totp_pending_secret'));
      const step = matchTotp(secret, code, Date.now(), null);
      if (step === undefined)
        throw new AuthException(AuthErrorCode.TotpCodeMismatch, 'The code does not match', 'code');
      await users.update(
        { id: user.id },
        {
          totpSecret: this.totpBox.seal(secret, totpContext(user.id, 'totp_secret')),
          totpPendingSecret: null,
          totpEnabledAt: new Date(),
          totpLastStep: step,
        },
      );
    });
  }

  /**
   * Changes the caller's password. Whoever holds the session may try to guess the current one, so it is
   * held back exactly as a login is: the account's back-off before the check, its failure count and
   * lock after it (the counters are the login's own), and every refusal is audited. No connection is
   * held while argon2 works.
   */
  async changePassword(
    caller: AuthenticatedUser,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<void> {
    try {
      await this.attemptPasswordChange(caller, currentPassword, newPassword, client);
    } catch (error) {
      if (error instanceof AuthException) {
        await this.audit.append(this.dataSource.manager, {
          action: AuditAction.PasswordChanged,
          outcome: outcomeOfStatus(error.status),
          statusCode: error.status,
          actor: actorOf(caller),
          requestId: client.requestId,
          clientAddress: client.address,
          detail: { reason: error.code },
        });
      }
      throw error;
    }
  }

  private async attemptPasswordChange(
    caller: AuthenticatedUser,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<void> {
    // First, so that a weak new password costs no attempt and says nothing about the current one.
    const problem = passwordProblem(newPassword, [caller.username]);
    if (problem) throw new AuthException(AuthErrorCode.WeakPassword, `newPassword ${problem}`, 'newPassword');
    await this.throttle.reserveAttempt(caller.username);
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: caller.userId });
    if (user.lockedAt || user.disabledAt) {
      // Locked or disabled since this request's session check; its sessions have ended.
      throw new AuthException(AuthErrorCode.SessionEnded, 'Your session has ended; log in again');
    }
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      await this.lockout.recordFailure(user.id, 'password_change', client);
      throw new AuthException(AuthErrorCode.CurrentPasswordWrong, 'The current password is wrong', 'currentPassword');
    }
    const hash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(User)
        .update(
          { id: user.id },
          { passwordHash: hash, passwordChangedAt: new Date(), failedLoginCount: 0, passwordChangeRequired: false },
        );
      await this.sessions.endAllForUser(user.id, 'password changed', manager, caller.sessionId);
      await this.audit.append(manager, {
        action: AuditAction.PasswordChanged,
        outcome: 'allowed',
        statusCode: 204,
        actor: actorOf(caller),
        requestId: client.requestId,
        clientAddress: client.address,
      });
    });
    await this.throttle.clearFailures(caller.username);
  }

  /** Checks the second factor; a code is accepted once (its step is remembered under a row lock). */
  private async checkTotpAtLogin(user: User, code: string | undefined, client: ClientInfo): Promise<void> {
    if (!code)
      throw new AuthException(AuthErrorCode.TotpRequired, 'A TOTP code is required for this account', 'totpCode');
    const accepted = await this.dataSource.transaction(async (manager) => {
      const locked = await manager
        .getRepository(User)
        .findOneOrFail({ where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked.totpSecret) return false;
      const secret = this.totpBox.open(locked.totpSecret, totpContext(user.id, 'totp_secret'));
      const step = matchTotp(secret, code, Date.now(), locked.totpLastStep);
      if (step === undefined) return false;
      await manager.getRepository(User).update({ id: user.id }, { totpLastStep: step });
      return true;
    });
    if (!accepted) {
      await this.lockout.recordFailure(user.id, 'second_factor', client);
      throw new AuthException(AuthErrorCode.TotpInvalid, 'The TOTP code is wrong or was already used', 'totpCode');
    }
  }
}

function actorOf(user: AuthenticatedUser): { userId: string; organisationId: string; role: AuthenticatedUser['role'] } {
  return { userId: user.userId, organisationId: user.organisationId, role: user.role };
}
