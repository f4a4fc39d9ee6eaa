import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuthGuard } from '@nestjs/passport';
import { AuditAction } from '../audit/audit-action';
import { AuditWriter } from '../audit/audit.writer';
import { AUDIT_KEY } from '../audit/audited.decorator';
import { authConfig } from '../config/auth.config';
import { RequestTransaction } from '../database/request-transaction';
import { requestIdOf } from '../http/request-id.middleware';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Permission, roleHasPermission, SECOND_FACTOR_PERMISSIONS } from '../access/permission';
import { PASSWORD_CHANGE_OPEN_KEY, PERMISSION_KEY, PUBLIC_KEY } from '../access/route-permission.decorator';
import { AuthErrorCode, AuthException } from '../auth/auth.exception';
import { FormTokenRefused } from '../auth/cookie-session.strategy';
import { appConfig } from '../config/app.config';
import { PAGE_KEY, PageRequest } from '../web/page';
import { signedOutContext } from '../web/page-context';

const BearerGuard = AuthGuard('bearer');
const SessionCookieGuard = AuthGuard('page-session');
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The global guard. Deny by default: a route must declare a permission or be marked public; the
 * bearer token (for a page: the session cookie) must name a live session; the session's role must
 * hold the permission. A page's form must carry its session's token (before sign-in: the pre-session
 * token), and a form refused for lacking it is audited as a denial.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  private readonly logger = new Logger(PermissionGuard.name);
  private readonly bearer = new BearerGuard();
  private readonly sessionCookie = new SessionCookieGuard();

  constructor(
    private readonly reflector: Reflector,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const page = this.reflector.getAllAndOverride<boolean>(PAGE_KEY, targets) === true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      if (page) await this.openSignedOutPage(context);
      return true;
    }

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      this.logger.error(
        `route ${context.getClass().name}.${context.getHandler().name} declares no permission; refused`,
      );
      throw new ForbiddenException('This route is not available');
    }

    const request = context.switchToHttp().getRequest<PageRequest & { user: AuthenticatedUser }>();
    // An audited route's transaction opens with the session lookup; the AuditInterceptor takes it. Not
    // for a route with guards of its own: they may use the pool (the duplicate check's throttle does),
    // and a request must never hold one connection while waiting for another.
    if (
      this.reflector.getAllAndOverride<AuditAction | undefined>(AUDIT_KEY, targets) &&
      !this.reflector.getAllAndMerge<unknown[]>(GUARDS_METADATA, targets).length
    ) {
      RequestTransaction.want(request);
    }
    try {
      // Throws 401 unless the token names a live session (and, for a page's form, 403 without its token).
      await (page ? this.sessionCookie : this.bearer).canActivate(context);
      const user = request.user;
      if (!roleHasPermission(user.role, permission)) {
        await RequestTransaction.discard(request); // first: the denial is written on another connection
        await this.recordDenial(context, request, user, permission, 'role');
        throw new ForbiddenException('Your role does not allow this');
      }
      if (user.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_OPEN_KEY, targets)) {
        await RequestTransaction.discard(request);
        await this.recordDenial(context, request, user, permission, 'password_change_required');
        throw new AuthException(
          AuthErrorCode.PasswordChangeRequired,
          'An administrator reset this account: change your password first (POST /auth/password)',
        );
      }
      if (mustEnrolSecondFactorFirst(user, permission, this.auth.requireMfa)) {
        await RequestTransaction.discard(request);
        await this.recordDenial(context, request, user, permission, 'second_factor_not_enrolled');
        throw new ForbiddenException(
          'This needs a session opened with a second factor: enrol TOTP (POST /auth/totp/enrol, /auth/totp/confirm) or a security key (POST /auth/webauthn/registration/options, /auth/webauthn/credentials), then sign in again with it',
        );
      }
      return true;
    } catch (error) {
      await RequestTransaction.discard(request);
      if (error instanceof FormTokenRefused && request.page?.user) {
        await this.recordDenial(context, request, request.page.user, permission, 'form_token');
      }
      throw error;
    }
  }

  /** A page open to anyone (sign-in): its context, and its form refused without the pre-session token. */
  private async openSignedOutPage(context: ExecutionContext): Promise<void> {
    const http = context.switchToHttp();
    const request = http.getRequest<PageRequest>();
    const { page, accepted } = signedOutContext(request, http.getResponse(), this.app.secureCookies);
    request.page = page;
    if (SAFE_METHODS.has(request.method) || accepted) return;
    await this.audit.append(this.dataSource.manager, {
      action: AuditAction.AccessDenied,
      outcome: 'denied',
      statusCode: 403,
      requestId: requestIdOf(request),
      clientAddress: request.ip,
      detail: { reason: 'form_token', route: String(request.route?.path ?? '') },
    });
    throw new FormTokenRefused();
  }

  /** A refusal by role is an event of its own: who tried which route's action. */
  private async recordDenial(
    context: ExecutionContext,
    request: Request,
    user: AuthenticatedUser,
    permission: Permission,
    reason: string,
  ): Promise<void> {
    const attempted = this.reflector.getAllAndOverride<AuditAction | undefined>(AUDIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
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

/**
 * With MFA required, routes reaching victim data or administering users need a session opened with a
 * second factor: a TOTP code, a WebAuthn assertion or a recovery code (each sets the session's
 * `second_factor`). Enrolling from a password-only session is not enough: the next sign-in must use
 * the factor, so a stolen password alone never opens these routes, even for an account not yet enrolled.
 */
export function mustEnrolSecondFactorFirst(
  user: Pick<AuthenticatedUser, 'secondFactor'>,
  permission: Permission,
  requireMfa: boolean,
  secondFactorPermissions: ReadonlySet<Permission> = SECOND_FACTOR_PERMISSIONS,
): boolean {
  return requireMfa && !user.secondFactor && secondFactorPermissions.has(permission);
}
