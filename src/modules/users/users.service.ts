import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { RequestContext } from '../../core/database/request-context';
import { Role } from '../../core/access/role';
import { LoginThrottleService } from '../../core/auth/login-throttle.service';
import { PasswordHasher } from '../../core/auth/password-hasher';
import { passwordProblem } from '../../core/auth/password-policy';
import { SessionService } from '../../core/auth/session.service';
import { OrganisationKind, roleKindProblem } from '../organisations';
import { OrganisationsService } from '../organisations';
import { CreatedUserDto, PasswordResetDto, UserDto } from './dto/user.dto';
import { User } from '../../core/auth/entities/user.entity';
import { generatePassword } from './generate-password';
import { UserErrorCode, UserException } from './users.exception';

/**
 * Whose accounts a caller may act on: an administrator any; an organisation's manager only those of
 * its own organisation (any other answers 404, as an id that does not exist).
 */
export type AccountScope = { organisationId: string } | 'any';

export interface NewUser {
  username: string;
  organisationId: string;
  role: Role;
  /** When absent, a strong password is generated and returned once. */
  password?: string;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly requestContext: RequestContext,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly organisations: OrganisationsService,
  ) {}

  async create(input: NewUser): Promise<CreatedUserDto> {
    const username = input.username.trim().toLowerCase();
    const organisation = await this.organisations.require(input.organisationId);
    requireRoleFits(input.role, organisation.kind);
    const generated = input.password === undefined ? generatePassword() : undefined;
    const password = input.password ?? (generated as string);
    const problem = passwordProblem(password, [username]);
    if (problem) throw new UserException(UserErrorCode.WeakPassword, `password ${problem}`, 'password');
    const repository = this.requestContext.manager.getRepository(User);
    if (await repository.existsBy({ username })) {
      throw new UserException(UserErrorCode.UsernameTaken, 'This username is taken', 'username');
    }
    const user = await repository.save(
      repository.create({
        id: randomUUID(),
        username,
        organisationId: input.organisationId,
        role: input.role,
        passwordHash: await this.hasher.hash(password),
        passwordChangedAt: new Date(),
        failedLoginCount: 0,
      }),
    );
    this.requestContext.recordAccess({
      detail: { targetUserId: user.id, role: user.role, organisationId: user.organisationId },
    });
    return { ...toUserDto(user), ...(generated ? { generatedPassword: generated } : {}) };
  }

  async list(filter: { organisationId?: string; includeDisabled?: boolean }): Promise<UserDto[]> {
    const rows = await this.requestContext.manager.getRepository(User).find({
      where: {
        ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
        ...(filter.includeDisabled ? {} : { disabledAt: IsNull() }),
      },
      order: { username: 'ASC' },
    });
    return rows.map(toUserDto);
  }

  /** Disables the account and ends all its sessions in the same transaction. */
  async disable(id: string, actorUserId?: string): Promise<UserDto> {
    if (id === actorUserId) throw new UserException(UserErrorCode.SelfLockout, 'You cannot disable your own account');
    return this.requestContext.manager.transaction(async (manager) => {
      const users = manager.getRepository(User);
      const user = await this.requireUser(users.manager, id);
      if (!user.disabledAt) await users.update({ id }, { disabledAt: new Date() });
      await this.sessions.endAllForUser(id, 'user disabled', manager);
      return toUserDto({ ...user, disabledAt: user.disabledAt ?? new Date() });
    });
  }

  async enable(id: string): Promise<UserDto> {
    const users = this.requestContext.manager.getRepository(User);
    const user = await this.requireUser(users.manager, id);
    await users.update({ id }, { disabledAt: null });
    return toUserDto({ ...user, disabledAt: null });
  }

  /** Changes the role and ends all the user's sessions, so no token keeps the old role's rights. */
  async changeRole(id: string, role: Role, actorUserId?: string): Promise<UserDto> {
    if (id === actorUserId) throw new UserException(UserErrorCode.SelfLockout, 'You cannot change your own role');
    return this.requestContext.manager.transaction(async (manager) => {
      const users = manager.getRepository(User);
      const user = await this.requireUser(users.manager, id);
      requireRoleFits(role, (await this.organisations.require(user.organisationId)).kind);
      await users.update({ id }, { role });
      this.requestContext.recordAccess({ detail: { fromRole: user.role, toRole: role } });
      await this.sessions.endAllForUser(id, 'role changed', manager);
      return toUserDto({ ...user, role });
    });
  }

  async unlock(id: string): Promise<UserDto> {
    const users = this.requestContext.manager.getRepository(User);
    const user = await this.requireUser(users.manager, id);
    await users.update({ id }, { lockedAt: null, failedLoginCount: 0 });
    await this.throttle.clearFailures(user.username);
    return toUserDto({ ...user, lockedAt: null, failedLoginCount: 0 });
  }

  async get(id: string, scope: AccountScope = 'any'): Promise<UserDto> {
    return toUserDto(await this.requireUser(this.requestContext.manager, id, scope));
  }

  /**
   * For a person who forgot their password: a new one, generated and returned once, which they must
   * change at their next sign-in; their sessions end. Never one's own (that is a password change).
   */
  async resetPassword(id: string, actorUserId?: string, scope: AccountScope = 'any'): Promise<PasswordResetDto> {
    if (id === actorUserId) throw new UserException(UserErrorCode.SelfLockout, 'You cannot reset your own password');
    return this.requestContext.manager.transaction(async (manager) => {
      const user = await this.requireUser(manager, id, scope);
      const password = generatePassword();
      const changes = {
        passwordHash: await this.hasher.hash(password),
        passwordChangedAt: new Date(),
        passwordChangeRequired: true,
      };
      await manager.getRepository(User).update({ id }, changes);
      await this.sessions.endAllForUser(id, 'password reset', manager);
      return { ...toUserDto({ ...user, ...changes }), generatedPassword: password };
    });
  }

  /**
   * For a person who lost their second factor: removes their TOTP, every WebAuthn credential and every
   * recovery code (panoh_reset_second_factor, the one way past the row-level security that keeps those
   * rows to their own user), and ends their sessions. At the next sign-in, with the password alone,
   * they must change the password before anything else (whoever took the factor may know it too), then
   * enrol again. Never one's own: that would undo one's own protection with a session that may be stolen.
   */
  async resetSecondFactor(id: string, actorUserId?: string, scope: AccountScope = 'any'): Promise<UserDto> {
    if (id === actorUserId) {
      throw new UserException(UserErrorCode.SelfLockout, 'You cannot reset your own second factor');
    }
    return this.requestContext.manager.transaction(async (manager) => {
      const user = await this.requireUser(manager, id, scope);
      const [removed]: Array<{ credentials: number; recovery_codes: number; totp: boolean }> = await manager.query(
        `SELECT * FROM panoh_reset_second_factor($1)`,
        [id],
      );
      await manager.getRepository(User).update({ id }, { passwordChangeRequired: true });
      await this.sessions.endAllForUser(id, 'second factor reset', manager);
      this.requestContext.recordAccess({
        detail: { totp: removed.totp, webauthnCredentials: removed.credentials, recoveryCodes: removed.recovery_codes },
      });
      return toUserDto({ ...user, totpEnabledAt: null, webauthnCredentials: 0, passwordChangeRequired: true });
    });
  }

  async requireByUsername(username: string): Promise<User> {
    const user = await this.requestContext.manager
      .getRepository(User)
      .findOneBy({ username: username.trim().toLowerCase() });
    if (!user) throw new UserException(UserErrorCode.NotFound, 'No such user', 'username');
    return user;
  }

  /**
   * The user, row-locked when `manager` is inside a transaction; 404 when it does not exist or lies
   * outside `scope` (a manager never learns whether another organisation's account exists).
   */
  private async requireUser(manager: EntityManager, id: string, scope: AccountScope = 'any'): Promise<User> {
    this.requestContext.recordAccess({ detail: { targetUserId: id } });
    const inTransaction = manager.queryRunner?.isTransactionActive ?? false;
    const where = scope === 'any' ? { id } : { id, organisationId: scope.organisationId };
    const user = await manager
      .getRepository(User)
      .findOne({ where, ...(inTransaction ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user) throw new UserException(UserErrorCode.NotFound, 'No such user', 'id');
    return user;
  }
}

/** 400 naming `role` when it may not work in an organisation of this kind (the database refuses it too). */
function requireRoleFits(role: Role, kind: OrganisationKind): void {
  const problem = roleKindProblem(role, kind);
  if (problem) throw new UserException(UserErrorCode.RoleDoesNotFitOrganisation, problem, 'role');
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    organisationId: user.organisationId,
    role: user.role,
    disabled: user.disabledAt !== null,
    locked: user.lockedAt !== null,
    mfaEnrolled: user.totpEnabledAt !== null || user.webauthnCredentials > 0,
    passwordChangeRequired: user.passwordChangeRequired,
    createdAt: user.createdAt.toISOString(),
  };
}
