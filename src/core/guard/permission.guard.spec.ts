import { CanActivate, ExecutionContext, ForbiddenException, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditAction } from '../audit/audit-action';
import { AuditWriter } from '../audit/audit.writer';
import { Audited } from '../audit/audited.decorator';
import { RequestTransaction } from '../database/request-transaction';
import { parseAppConfig } from '../config/app.config';
import { parseAuthConfig } from '../config/auth.config';
import { AuthenticatedUser } from '../access/authenticated-user';
import { Permission } from '../access/permission';
import { mustEnrolSecondFactorFirst, PermissionGuard } from './permission.guard';
import { Public, RequirePermission } from '../access/route-permission.decorator';
import { Role } from '../access/role';

class OwnGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

class Routes {
  @Public() open() {}
  @RequirePermission(Permission.UserManage) manageUsers() {}
  @RequirePermission(Permission.AccountSelf) self() {}
  @RequirePermission(Permission.CaseRead) @Audited(AuditAction.CaseViewed) audited() {}
  @RequirePermission(Permission.CaseRead) @Audited(AuditAction.CaseViewed) @UseGuards(OwnGuard) guarded() {}
  undeclared() {}
}

function contextFor(
  handler: keyof Routes,
  user?: Partial<AuthenticatedUser>,
  request: object = { user, header: () => undefined, ip: '127.0.0.1' },
): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('PermissionGuard', () => {
  const append = jest.fn().mockResolvedValue(1);
  const guard = new PermissionGuard(
    new Reflector(),
    parseAuthConfig({ NODE_ENV: 'test' }),
    parseAppConfig({ NODE_ENV: 'test' }),
    { manager: {} } as unknown as DataSource,
    { append } as unknown as AuditWriter,
  );
  const bearer = jest.spyOn(
    (guard as unknown as { bearer: { canActivate: () => Promise<boolean> } }).bearer,
    'canActivate',
  );

  beforeEach(() => bearer.mockReset().mockResolvedValue(true));

  it("asks for an audited route's transaction with the session lookup, unless the route has guards of its own", async () => {
    const user = { role: Role.Caseworker };
    const audited = { user, header: () => undefined, ip: '127.0.0.1' };
    const guarded = { user, header: () => undefined, ip: '127.0.0.1' };
    const plain = { user: { role: Role.Admin }, header: () => undefined, ip: '127.0.0.1' };
    await expect(guard.canActivate(contextFor('audited', user, audited))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor('guarded', user, guarded))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor('manageUsers', plain.user, plain))).resolves.toBe(true);
    expect([audited, guarded, plain].map((r) => RequestTransaction.wanted(r))).toEqual([true, false, false]);
  });

  it('lets anyone call a public route without looking at a token', async () => {
    await expect(guard.canActivate(contextFor('open'))).resolves.toBe(true);
    expect(bearer).not.toHaveBeenCalled();
  });

  it('refuses a route that declares no permission, even to an administrator', async () => {
    await expect(guard.canActivate(contextFor('undeclared', { role: Role.Admin }))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('refuses a role that lacks the permission', async () => {
    await expect(guard.canActivate(contextFor('manageUsers', { role: Role.Caseworker }))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('allows a role that holds the permission', async () => {
    await expect(guard.canActivate(contextFor('manageUsers', { role: Role.Admin }))).resolves.toBe(true);
  });

  it('passes the authentication failure through', async () => {
    bearer.mockRejectedValue(new Error('401'));
    await expect(guard.canActivate(contextFor('self', { role: Role.Admin }))).rejects.toThrow('401');
  });
});

describe('mustEnrolSecondFactorFirst', () => {
  const guarded = new Set([Permission.OrganisationRead]);

  it('holds back a session opened without a second factor when MFA is required', () => {
    expect(mustEnrolSecondFactorFirst({ secondFactor: false }, Permission.OrganisationRead, true, guarded)).toBe(true);
  });

  it('lets a session opened with TOTP through, and any session when MFA is not required', () => {
    expect(mustEnrolSecondFactorFirst({ secondFactor: true }, Permission.OrganisationRead, true, guarded)).toBe(false);
    expect(mustEnrolSecondFactorFirst({ secondFactor: false }, Permission.OrganisationRead, false, guarded)).toBe(
      false,
    );
  });

  it('does not hold back routes outside the set, such as enrolling itself', () => {
    expect(mustEnrolSecondFactorFirst({ secondFactor: false }, Permission.AccountSelf, true, guarded)).toBe(false);
  });

  it('covers victim data and the administration of users and organisations by default', () => {
    for (const permission of [Permission.PersonRead, Permission.UserManage, Permission.OrganisationManage]) {
      expect(mustEnrolSecondFactorFirst({ secondFactor: false }, permission, true)).toBe(true);
    }
  });
});
