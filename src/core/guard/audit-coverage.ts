import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { VICTIM_DATA_PERMISSIONS } from '../access/permission';
import type { Permission } from '../access/permission';
import { listRoutes, ProviderSource } from './route-inventory';

/**
 * Refuses to start an application in which a route reaching victim data declares no audit action:
 * such a route would read or write without a trace.
 */
@Injectable()
export class AuditCoverage implements OnApplicationBootstrap {
  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    const missing = unauditedVictimDataRoutes(this.moduleRef);
    if (missing.length) throw new Error(`routes reaching victim data without an audit action: ${missing.join(', ')}`);
  }
}

export function unauditedVictimDataRoutes(app: ProviderSource): string[] {
  return listRoutes(app)
    .filter((route) => VICTIM_DATA_PERMISSIONS.has(route.permission as Permission) && !route.audit)
    .map((route) => `${route.method} ${route.path}`);
}
