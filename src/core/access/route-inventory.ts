import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PERMISSION_KEY, PUBLIC_KEY } from './route-permission.decorator';

export interface RouteEntry {
  method: string;
  path: string;
  /** The permission the route needs, `public`, or undefined when it declares nothing (a defect). */
  permission: string | undefined;
  controller: string;
  handler: string;
}

/**
 * Every HTTP route of the application with what it declares, read from the same metadata the guard
 * reads. The route snapshot and the authorization matrix are built from it.
 */
export function listRoutes(app: INestApplicationContext): RouteEntry[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
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
