import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AUDIT_KEY } from '../audit/audited.decorator';
import { BODY_LIMIT_KEY } from '../http/body-limit.decorator';
import { PERMISSION_KEY, PUBLIC_KEY } from '../access/route-permission.decorator';

export interface RouteEntry {
  method: string;
  path: string;
  /** The permission the route needs, `public`, or undefined when it declares nothing (a defect). */
  permission: string | undefined;
  /** The audit action it declares, if any. */
  audit: string | undefined;
  /** The body limit it declares (BodyLimit), if any; else it reads the service's default. */
  bodyLimit: string | undefined;
  controller: string;
  handler: string;
}

/** Anything that can hand out the application's providers: the app, or a ModuleRef. */
export interface ProviderSource {
  get<T>(type: abstract new (...args: never[]) => T, options: { strict: false }): T;
}

/**
 * Every HTTP route of the application with what it declares, read from the same metadata the guard
 * reads. The route snapshot and the authorization matrix are built from it.
 */
export function listRoutes(app: ProviderSource): RouteEntry[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = app.get(MetadataScanner, { strict: false });
  const reflector = app.get(Reflector, { strict: false });
  const routes: RouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const base = normalise(Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined);
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const subPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (subPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, metatype]);
      const permission = reflector.getAllAndOverride<string>(PERMISSION_KEY, [handler, metatype]);
      routes.push({
        method,
        path: `/${[base, normalise(subPath)].filter(Boolean).join('/')}`,
        permission: isPublic ? 'public' : permission,
        audit: reflector.getAllAndOverride<string>(AUDIT_KEY, [handler, metatype]),
        bodyLimit: reflector.getAllAndOverride<string>(BODY_LIMIT_KEY, [handler, metatype]),
        controller: metatype.name,
        handler: name,
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function normalise(path: string | string[] | undefined): string {
  const value = Array.isArray(path) ? path[0] : (path ?? '');
  return value.replace(/^\/+|\/+$/g, '');
}
