import { ExecutionContext, ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { parseAuthConfig } from '../config/auth.config';
import { AuthenticatedUser } from './authenticated-user';
import { Permission } from './permission';
import { mustEnrolSecondFactorFirst, PermissionGuard } from './permission.guard';
import { Public, RequirePermission } from './route-permission.decorator';
import { Role } from './role';

class Routes {
  @Public() open() {}
  @RequirePermission(Permission.UserManage) manageUsers() {}
  @RequirePermission(Permission.AccountSelf) self() {}
  undeclared() {}
}

function contextFor(handler: keyof Routes, user?: Partial<AuthenticatedUser>): ExecutionContext {
  const request = { user, header: () => undefined, ip: '127.0.0.1' };
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
    { manager: {} } as unknown as DataSource,
    { append } as unknown as AuditWriter,
  );
  const bearer = jest.spyOn(
    (guard as unknown as { bearer: { canActivate: () => Promise<boolean> } }).bearer,
    'canActivate',
  );

  beforeEach(() => bearer.mockReset().mockResolvedValue(true));

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
