import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuthGuard } from '@nestjs/passport';
import { AuditAction } from '../audit/audit-action';
import { AuditWriter } from '../audit/audit.writer';
import { AUDIT_KEY } from '../audit/audited.decorator';
import { authConfig } from '../config/auth.config';
import { requestIdOf } from '../http/request-id.middleware';
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
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
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
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>();
    const user = request.user;
    if (!roleHasPermission(user.role, permission)) {
      await this.recordDenial(context, request, permission, 'role');
      throw new ForbiddenException('Your role does not allow this');
    }
    if (mustEnrolSecondFactorFirst(user, permission, this.auth.requireMfa)) {
      await this.recordDenial(context, request, permission, 'second_factor_not_enrolled');
      throw new ForbiddenException('Enrol a second factor (POST /auth/totp/enrol) before working with victim data');
    }
    return true;
  }

  /** A refusal by role is an event of its own: who tried which route's action. */
  private async recordDenial(
    context: ExecutionContext,
    request: Request & { user: AuthenticatedUser },
    permission: Permission,
    reason: string,
  ): Promise<void> {
    const attempted = this.reflector.getAllAndOverride<AuditAction | undefined>(AUDIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const { user } = request;
    await this.audit.append(this.dataSource.manager, {
      action: AuditAction.AccessDenied,
      outcome: 'denied',
      statusCode: 403,
      actor: { userId: user.userId, organisationId: user.organisationId, role: user.role },
      requestId: requestIdOf(request),
      clientAddress: request.ip,
      detail: { permission, reason, ...(attempted ? { attempted } : {}) },
    });
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
