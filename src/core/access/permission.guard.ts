import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { authConfig } from '../config/auth.config';
import type { AuthenticatedUser } from './authenticated-user';
import { Permission, roleHasPermission, ROLES_REACHING_VICTIM_DATA, VICTIM_DATA_PERMISSIONS } from './permission';
import { PERMISSION_KEY, PUBLIC_KEY } from './route-permission.decorator';

const BearerGuard = AuthGuard('bearer');

/**
 * The global guard. Deny by default: a route must declare a permission or be marked public; the
 * bearer token must name a live session; the session's role must hold the permission.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  private readonly logger = new Logger(PermissionGuard.name);
  private readonly bearer = new BearerGuard();

  constructor(
    private readonly reflector: Reflector,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      this.logger.error(
        `route ${context.getClass().name}.${context.getHandler().name} declares no permission; refused`,
      );
      throw new ForbiddenException('This route is not available');
    }

    await this.bearer.canActivate(context); // throws 401 unless the token names a live session
    const user = context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
    if (!roleHasPermission(user.role, permission)) {
      throw new ForbiddenException('Your role does not allow this');
    }
    if (mustEnrolSecondFactorFirst(user, permission, this.auth.requireMfa)) {
      throw new ForbiddenException('Enrol a second factor (POST /auth/totp/enrol) before working with victim data');
    }
    return true;
  }
}

/** With MFA required, a user whose role reaches victim data may not use such routes before enrolling TOTP. */
export function mustEnrolSecondFactorFirst(
  user: Pick<AuthenticatedUser, 'role' | 'mfaEnrolled'>,
  permission: Permission,
  requireMfa: boolean,
  victimDataPermissions: ReadonlySet<Permission> = VICTIM_DATA_PERMISSIONS,
): boolean {
  return (
    requireMfa &&
    !user.mfaEnrolled &&
    ROLES_REACHING_VICTIM_DATA.has(user.role) &&
    victimDataPermissions.has(permission)
  );
}
