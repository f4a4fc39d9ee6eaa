import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');
const ACCEPTABLE_UPSTREAM_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id, returned as X-Request-Id and written in logs and audit events. Only when
 * proxies in front are trusted (PANOH_TRUST_PROXY_HOPS) is a well-formed id from them kept, so logs can
 * be joined; a client's own id never reaches the append-only audit log.
 */
export function requestIdMiddleware(trustUpstream: boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const upstream = trustUpstream ? request.header('x-request-id') : undefined;
    const id = upstream && ACCEPTABLE_UPSTREAM_ID.test(upstream) ? upstream : randomUUID();
    (request as unknown as Record<symbol, string>)[REQUEST_ID] = id;
    response.setHeader('X-Request-Id', id);
    next();
  };
}

export function requestIdOf(request: Request): string {
  return (request as unknown as Record<symbol, string>)[REQUEST_ID] ?? 'none';
}
