import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditCoverage } from './audit-coverage';
import { PermissionGuard } from './permission.guard';

/**
 * What every route declares, enforced: the deny-by-default guard on every request, and the start-up
 * check that every route reaching victim data is audited.
 */
@Module({
  providers: [{ provide: APP_GUARD, useClass: PermissionGuard }, AuditCoverage],
})
export class GuardModule {}
