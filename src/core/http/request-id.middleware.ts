import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');
const ACCEPTABLE_UPSTREAM_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id, returned as X-Request-Id and written in logs (and, later, audit events).
 * A well-formed id from a proxy in front is kept so logs can be joined; anything else is replaced.
 */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const upstream = request.header('x-request-id');
  const id = upstream && ACCEPTABLE_UPSTREAM_ID.test(upstream) ? upstream : randomUUID();
  (request as unknown as Record<symbol, string>)[REQUEST_ID] = id;
  response.setHeader('X-Request-Id', id);
  next();
}

export function requestIdOf(request: Request): string {
  return (request as unknown as Record<symbol, string>)[REQUEST_ID] ?? 'none';
}
