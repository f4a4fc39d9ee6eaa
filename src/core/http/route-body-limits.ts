import { SMALL_BODY } from './body-limit.decorator';

/** A route as the body parser needs to know it: where it is, and the body limit it declares if any. */
export interface RouteBodyLimit {
  method: string;
  path: string;
  bodyLimit: string | undefined;
}

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  literals: number;
  limit: string;
}

/**
 * The body limit of the route a request will reach, found before routing (the body is read first).
 * Matched as Express matches: case-insensitive, a trailing slash allowed, a `:parameter` one non-empty
 * segment, the path as sent (not decoded). Where two routes fit, the one with more literal segments;
 * where none does (the router will answer 404), the small limit: nothing is read for no route.
 */
export class RouteBodyLimits {
  private readonly routes: CompiledRoute[];

  constructor(routes: RouteBodyLimit[], defaultLimit: string) {
    this.routes = routes.map((route) => compile(route, defaultLimit)).sort((a, b) => b.literals - a.literals);
  }

  limitOf(method: string, path: string): string {
    const asRouted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    const route = this.routes.find((r) => r.method === asRouted && r.pattern.test(path));
    return route?.limit ?? SMALL_BODY;
  }
}

function compile(route: RouteBodyLimit, defaultLimit: string): CompiledRoute {
  const segments = route.path.split('/').filter(Boolean);
  const parts = segments.map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return {
    method: route.method.toUpperCase(),
    pattern: new RegExp(`^/${parts.join('/')}/?$`, 'i'),
    literals: segments.filter((s) => !s.startsWith(':')).length,
    limit: route.bodyLimit ?? defaultLimit,
  };
}
