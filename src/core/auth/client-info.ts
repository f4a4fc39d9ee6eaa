import type { Request } from 'express';
import { requestIdOf } from '../http/request-id.middleware';
import { coarseDevice } from './device';

/** Where a request comes from, for throttling and the audit log. */
export interface ClientInfo {
  address: string;
  requestId: string;
  /** The browser and system, coarsely (coarseDevice), for the person's list of their sessions. */
  device?: string;
}

export function clientOf(request: Request): ClientInfo {
  return {
    address: request.ip ?? 'unknown',
    requestId: requestIdOf(request),
    device: coarseDevice(request.get('user-agent')),
  };
}
