import { Role, ROLES } from '../../core/access/role';
import { UsersService } from '../../modules/users';
import { parseOptions, UsageError } from '../args';
import { AuditAction } from '../../core/audit/audit-action';
import { CliContext } from '../cli-context';
import { recordCliAction } from './audit.commands';

export async function createUserCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, {
    strings: ['username', 'org', 'role'],
    flags: ['generate-password'],
    required: ['username', 'org', 'role'],
  });
  const role = requireRole(options.role as string);
  const password = options['generate-password'] ? undefined : await context.readSecret('Password for the new user: ');
  if (password !== undefined && password.length === 0)
    throw new UsageError('no password on standard input (or use --generate-password)');
  const services = await context.services();
  const created = await services
    .get(UsersService)
    .create({ username: options.username as string, organisationId: options.org as string, role, password });
  await recordCliAction(context, AuditAction.UserCreated, { targetUserId: created.id, role: created.role });
  context.out(`created user ${created.username} (${created.role})`);
  if (created.generatedPassword) context.out(`password (shown once): ${created.generatedPassword}`);
  context.out(created.id);
}

export async function listUsersCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, { strings: ['org'], flags: ['all'] });
  const services = await context.services();
  const users = await services
    .get(UsersService)
    .list({ organisationId: options.org as string | undefined, includeDisabled: options.all === true });
  for (const u of users) {
    const state = [u.disabled ? 'disabled' : '', u.locked ? 'locked' : '', u.mfaEnrolled ? 'mfa' : '']
      .filter(Boolean)
      .join(',');
    context.out(`${u.id}  ${u.role.padEnd(13)} ${u.username}${state ? `  [${state}]` : ''}`);
  }
}

export async function disableUserCommand(context: CliContext, argv: string[]): Promise<void> {
  await onUser(
    context,
    argv,
    async (users, id) => users.disable(id),
    'disabled; its sessions have ended',
    AuditAction.UserDisabled,
  );
}

export async function enableUserCommand(context: CliContext, argv: string[]): Promise<void> {
  await onUser(context, argv, async (users, id) => users.enable(id), 'enabled', AuditAction.UserEnabled);
}

export async function unlockUserCommand(context: CliContext, argv: string[]): Promise<void> {
  await onUser(context, argv, async (users, id) => users.unlock(id), 'unlocked', AuditAction.UserUnlocked);
}

export async function changeRoleCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, { strings: ['username', 'role'], required: ['username', 'role'] });
  const role = requireRole(options.role as string);
  const users = (await context.services()).get(UsersService);
  const user = await users.requireByUsername(options.username as string);
  await users.changeRole(user.id, role);
  await recordCliAction(context, AuditAction.UserRoleChanged, {
    targetUserId: user.id,
    fromRole: user.role,
    toRole: role,
  });
  context.out(`user ${user.username} now has role ${role}; its sessions have ended`);
}

async function onUser(
  context: CliContext,
  argv: string[],
  action: (users: UsersService, id: string) => Promise<unknown>,
  done: string,
  audited: AuditAction,
): Promise<void> {
  const options = parseOptions(argv, { strings: ['username'], required: ['username'] });
  const users = (await context.services()).get(UsersService);
  const user = await users.requireByUsername(options.username as string);
  await action(users, user.id);
  await recordCliAction(context, audited, { targetUserId: user.id });
  context.out(`user ${user.username} ${done}`);
}

function requireRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
  return value as Role;
}
