import type { Request } from 'express';
import { requestIdOf } from '../http/request-id.middleware';

/** Where a request comes from, for throttling and the audit log. */
export interface ClientInfo {
  address: string;
  requestId: string;
}

export function clientOf(request: Request): ClientInfo {
  return { address: request.ip ?? 'unknown', requestId: requestIdOf(request) };
}
