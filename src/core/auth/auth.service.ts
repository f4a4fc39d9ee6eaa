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
import type { FailedCheck } from './account-lockout';
import { AuthErrorCode, AuthException } from './auth.exception';
import { ClientInfo } from './client-info';
import { FieldProblem } from '../http/error-body';
import { LoginDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { TotpEnrolmentDto } from './dto/totp.dto';
import { PendingSignInDto, SecondFactorMethod } from './dto/sign-in.dto';
import { LoginThrottleService } from './login-throttle.service';
import { OwnRecords } from './own-records';
import { PendingSignIns } from './pending-sign-ins';
import { RecoveryCodes } from './recovery-codes.service';
import { ProvenFactor, SecondFactorCheck, SecondFactorProof } from './second-factor-check';
import { WebAuthnService } from './webauthn.service';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import type { Reconfirmation } from './password-reconfirmation';
import { IssuedToken, SessionService } from './session.service';
import { base32Encode, matchTotp, otpauthUri } from './totp';
import { totpContext } from './totp-secret-rotation';

const INVALID = 'Invalid username or password';

/** Why a grave act was refused for its password, as its audit event and answer say. */
const RECONFIRMATION_REFUSALS: Record<Exclude<Reconfirmation, 'confirmed'>, { code: AuthErrorCode; message: string }> = {
  absent: { code: AuthErrorCode.CurrentPasswordWrong, message: 'The act needs your password again' },
  wrong: { code: AuthErrorCode.CurrentPasswordWrong, message: 'The current password is wrong' },
  held_back: { code: AuthErrorCode.TooManyAttempts, message: 'Too many wrong passwords; wait before trying again' },
  ended: { code: AuthErrorCode.SessionEnded, message: 'Your session has ended; log in again' },
};

/** The sign-in's own fields, which an audit event may name; anything else sent is named `body`. */
const LOGIN_FIELDS = new Set(['username', 'password', 'totpCode', 'pendingSignIn', 'webauthn', 'recoveryCode']);

/**
 * What the password step of a sign-in gives: a session at once when the account has no second factor,
 * or a pending sign-in that the second step (`finishSignIn`) completes.
 */
export type SignInStep =
  { kind: 'signed_in'; session: IssuedToken } | { kind: 'second_factor'; pending: PendingSignInDto };

export type { SecondFactorProof } from './second-factor-check';

function loginFieldsAtFault(problems: FieldProblem[]): string[] {
  // A nested field (`webauthn.response.signature`) is named by the sign-in field that holds it.
  const fieldOf = (path: string) => path.split(/[.[]/)[0];
  return [...new Set(problems.map((p) => (LOGIN_FIELDS.has(fieldOf(p.field)) ? fieldOf(p.field) : 'body')))].sort();
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
    private readonly own: OwnRecords,
    private readonly pendingSignIns: PendingSignIns,
    private readonly factors: SecondFactorCheck,
    private readonly webauthn: WebAuthnService,
    private readonly recoveryCodes: RecoveryCodes,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    @Inject(SODIUM) sodium: Sodium,
    keys: KeyRing,
  ) {
    this.totpBox = new SecretBox(sodium, keys, KeyPurpose.TotpSecret);
  }

  /**
   * The one-request login (username, password and, once TOTP is enrolled, its code). Unknown usernames,
   * wrong passwords, disabled and locked accounts all get the same 401 after the same argon2 work, so
   * neither the answer nor its timing tells which accounts exist.
   */
  login(dto: LoginDto, client: ClientInfo): Promise<IssuedToken> {
    return this.refusalsAudited(client, {}, () => this.attemptLogin(dto, client));
  }

  /**
   * The first step of a two-step sign-in: the password, checked exactly as `login` checks it (the same
   * throttle, back-off, lock and `login.failed`). An account without a second factor gets its session
   * at once; any other gets a pending sign-in, good once for five minutes, naming the methods it can
   * finish with, and WebAuthn options when it has a credential.
   */
  beginSignIn(username: string, password: string, client: ClientInfo): Promise<SignInStep> {
    return this.refusalsAudited(client, {}, () => this.attemptPasswordStep(username, password, client));
  }

  /**
   * The second step: the pending sign-in and one second factor. The pending sign-in is used up by this
   * attempt whatever its outcome (a wrong factor means starting again with the password, which meets
   * the back-off); a wrong factor counts towards the account's lock as a wrong TOTP code at login does.
   */
  finishSignIn(pendingToken: string, proof: SecondFactorProof, client: ClientInfo): Promise<IssuedToken> {
    return this.refusalsAudited(client, { step: 'second_factor', method: proof.method }, () =>
      this.attemptSecondFactor(pendingToken, proof, client),
    );
  }

  /**
   * Refusals by the rate limits are counted in login_throttle, not written one by one: anyone can send
   * them, and each event would stay in the append-only log for good. Every other refusal is written.
   */
  private async refusalsAudited<T>(
    client: ClientInfo,
    detail: Record<string, string>,
    attempt: () => Promise<T>,
  ): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof AuthException && error.code !== AuthErrorCode.TooManyAttempts) {
        await this.audit.append(this.dataSource.manager, {
          action: AuditAction.LoginFailed,
          outcome: 'denied',
          statusCode: error.status,
          requestId: client.requestId,
          clientAddress: client.address,
          detail: { reason: error.code, ...detail },
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
    const user = await this.checkPassword(dto.username, dto.password, client);
    if (user.totpEnabledAt) {
      await this.checkTotpAtLogin(user, dto.totpCode, client);
    } else if (user.webauthnCredentials > 0) {
      // Counted as a login without its TOTP code is: the reservation stays until a sign-in succeeds.
      throw new AuthException(
        AuthErrorCode.SecondFactorRequired,
        'This account signs in with a security key: use POST /auth/login/password, then POST /auth/login/second-factor',
      );
    }
    await this.rehashIfDue(user, dto.password);
    return this.openSession(user, user.totpEnabledAt ? { method: 'totp', detail: {} } : undefined, client);
  }

  private async attemptPasswordStep(username: string, password: string, client: ClientInfo): Promise<SignInStep> {
    const user = await this.checkPassword(username, password, client);
    await this.rehashIfDue(user, password);
    if (!user.totpEnabledAt && user.webauthnCredentials === 0) {
      return { kind: 'signed_in', session: await this.openSession(user, undefined, client) };
    }
    const { webauthn, recoveryCodes } = await this.own.run(user.id, async (manager) => ({
      webauthn: user.webauthnCredentials > 0 ? await this.webauthn.authenticationOptions(manager, user.id) : undefined,
      recoveryCodes: await this.recoveryCodes.remaining(manager, user.id),
    }));
    const methods: SecondFactorMethod[] = [
      ...(user.totpEnabledAt ? (['totp'] as const) : []),
      ...(webauthn ? (['webauthn'] as const) : []),
      ...(recoveryCodes > 0 ? (['recovery_code'] as const) : []),
    ];
    const pending = await this.dataSource.transaction(async (manager) => {
      const issued = await this.pendingSignIns.issue(manager, user.id, webauthn?.challenge ?? null);
      await this.audit.append(manager, {
        action: AuditAction.LoginPending,
        outcome: 'allowed',
        statusCode: 200,
        actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
        requestId: client.requestId,
        clientAddress: client.address,
        detail: { methods },
      });
      return issued;
    });
    return {
      kind: 'second_factor',
      pending: {
        pendingSignIn: pending.token,
        expiresAt: pending.expiresAt.toISOString(),
        methods,
        ...(webauthn ? { webauthn } : {}),
      },
    };
  }

  private async attemptSecondFactor(
    pendingToken: string,
    proof: SecondFactorProof,
    client: ClientInfo,
  ): Promise<IssuedToken> {
    await this.throttle.countAddressAttempt(client.address);
    const pending = await this.pendingSignIns.take(pendingToken);
    if (!pending) {
      throw new AuthException(
        AuthErrorCode.SignInExpired,
        'This sign-in has expired or was used already: start again with the password',
        'pendingSignIn',
      );
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ id: pending.userId });
    // Disabled or locked since the password step.
    if (!user || user.disabledAt || user.lockedAt) throw new AuthException(AuthErrorCode.InvalidCredentials, INVALID);
    const proven = await this.factors.prove(user, pending, proof);
    if (!proven) {
      await this.lockout.recordFailure(user.id, 'second_factor', client);
      throw FACTOR_REFUSALS[proof.method]();
    }
    return this.openSession(user, proven, client);
  }

  /**
   * The password check every sign-in starts with: the address's rate limit, the username's back-off
   * (the attempt is counted as a failure until a sign-in succeeds), argon2 work whether or not the
   * account exists, and the account's failure count on a wrong password.
   */
  private async checkPassword(username: string, password: string, client: ClientInfo): Promise<User> {
    const name = username.trim().toLowerCase();
    await this.throttle.countAddressAttempt(client.address);
    await this.throttle.reserveAttempt(name);
    const user = await this.dataSource.getRepository(User).findOneBy({ username: name });
    const passwordOk = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyNobody(password);
    if (!user || !passwordOk || user.disabledAt || user.lockedAt) {
      await this.lockout.recordFailure(user && !passwordOk ? user.id : undefined, 'login', client);
      throw new AuthException(AuthErrorCode.InvalidCredentials, INVALID);
    }
    return user;
  }

  private async rehashIfDue(user: User, password: string): Promise<void> {
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.dataSource
        .getRepository(User)
        .update({ id: user.id }, { passwordHash: await this.hasher.hash(password) });
    }
  }

  /** A sign-in that succeeded: the failure counts start again, and the session opens with its event. */
  private async openSession(user: User, factor: ProvenFactor | undefined, client: ClientInfo): Promise<IssuedToken> {
    if (user.failedLoginCount > 0) await this.lockout.clearFailures(user.id);
    await this.throttle.clearFailures(user.username);
    return this.dataSource.transaction(async (manager) => {
      const issued = await this.sessions.issue(user, factor !== undefined, manager, client.device);
      await this.audit.append(manager, {
        action: AuditAction.LoginSucceeded,
        outcome: 'allowed',
        statusCode: 200,
        actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
        requestId: client.requestId,
        clientAddress: client.address,
        detail: { secondFactor: factor !== undefined, ...(factor ? { method: factor.method, ...factor.detail } : {}) },
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

  async me(user: AuthenticatedUser): Promise<MeDto> {
    const { webauthnCredentials, recoveryCodesRemaining } = await this.own.run(user.userId, async (manager) => {
      const [row]: Array<{ webauthn_credentials: number }> = await manager.query(
        `SELECT webauthn_credentials FROM app_user WHERE id = $1`,
        [user.userId],
      );
      return {
        webauthnCredentials: row?.webauthn_credentials ?? 0,
        recoveryCodesRemaining: await this.recoveryCodes.remaining(manager, user.userId),
      };
    });
    return {
      id: user.userId,
      username: user.username,
      organisationId: user.organisationId,
      role: user.role,
      mfaEnrolled: user.mfaEnrolled,
      mfaRequired: this.config.requireMfa && ROLE_PERMISSIONS[user.role].some((p) => SECOND_FACTOR_PERMISSIONS.has(p)),
      secondFactor: user.secondFactor,
      webauthnCredentials,
      recoveryCodesRemaining,
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
    const user = await this.checkOwnPassword(caller, currentPassword, client, 'password_change', 'currentPassword');
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

  /**
   * Asks the caller for its password again before a grave act (erasing a person). Held back and counted
   * exactly as the current password at a password change: the account's back-off before the check, its
   * failure count and lock after it. Called before the act's transaction opens (a route guard does), so
   * that a wrong password stays counted although the act is refused and rolled back; the refusal is
   * written as the act's own event, with the reason that `requireReconfirmed` gives it.
   */
  async reconfirmPassword(caller: AuthenticatedUser, password: string, client: ClientInfo): Promise<void> {
    const user = await this.checkOwnPassword(caller, password, client, 'reconfirmation', 'password');
    if (user.failedLoginCount > 0) await this.lockout.clearFailures(user.id);
    await this.throttle.clearFailures(caller.username);
  }

  /**
   * In the act's request: goes on only if the password was confirmed, otherwise records why in the
   * act's audit event and refuses (400 naming `password`, 429 while held back, 401 once the session ended).
   */
  requireReconfirmed(outcome: Reconfirmation): void {
    if (outcome === 'confirmed') return;
    const refusal = RECONFIRMATION_REFUSALS[outcome];
    this.requestContext.recordAccess({ detail: { reason: refusal.code } });
    throw new AuthException(refusal.code, refusal.message, 'password');
  }

  /**
   * The caller's own password, checked with the account's back-off first and, when wrong, counted
   * towards its lock (`during` says where, for the lock's event).
   */
  private async checkOwnPassword(
    caller: AuthenticatedUser,
    password: string,
    client: ClientInfo,
    during: FailedCheck,
    field: string,
  ): Promise<User> {
    await this.throttle.reserveAttempt(caller.username);
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: caller.userId });
    if (user.lockedAt || user.disabledAt) {
      // Locked or disabled since this request's session check; its sessions have ended.
      throw new AuthException(AuthErrorCode.SessionEnded, 'Your session has ended; log in again');
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      await this.lockout.recordFailure(user.id, during, client);
      throw new AuthException(AuthErrorCode.CurrentPasswordWrong, 'The current password is wrong', field);
    }
    return user;
  }

  /** Checks the second factor; a code is accepted once (its step is remembered under a row lock). */
  /** Checks the TOTP code of a one-request login; a code is accepted once. */
  private async checkTotpAtLogin(user: User, code: string | undefined, client: ClientInfo): Promise<void> {
    if (!code)
      throw new AuthException(AuthErrorCode.TotpRequired, 'A TOTP code is required for this account', 'totpCode');
    if (!(await this.factors.totp(user.id, code))) {
      await this.lockout.recordFailure(user.id, 'second_factor', client);
      throw FACTOR_REFUSALS.totp();
    }
  }
}

/** The refusal of a second factor that did not hold, naming the field it came in. */
const FACTOR_REFUSALS: Record<SecondFactorMethod, () => AuthException> = {
  totp: () => new AuthException(AuthErrorCode.TotpInvalid, 'The TOTP code is wrong or was already used', 'totpCode'),
  webauthn: () =>
    new AuthException(AuthErrorCode.WebAuthnInvalid, 'The security key did not confirm this sign-in', 'webauthn'),
  recovery_code: () =>
    new AuthException(
      AuthErrorCode.RecoveryCodeInvalid,
      'The recovery code is wrong or was already used',
      'recoveryCode',
    ),
};

function actorOf(user: AuthenticatedUser): { userId: string; organisationId: string; role: AuthenticatedUser['role'] } {
  return { userId: user.userId, organisationId: user.organisationId, role: user.role };
}
