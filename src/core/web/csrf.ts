import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens, the synchronizer pattern without server state: a form's token is an HMAC of a secret
 * that only the browser's HttpOnly cookie and the server know — the session token once signed in, a
 * random pre-session value before. A page from another site can neither read the cookie nor the
 * token, and SameSite=Strict keeps the cookie off its requests as a second wall.
 */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function csrfTokenFor(secret: string, purpose: 'session' | 'pre-session'): string {
  return createHmac('sha256', secret).update(`panoh csrf ${purpose}`).digest('base64url');
}

export function csrfTokenMatches(secret: string, purpose: 'session' | 'pre-session', given: unknown): boolean {
  if (typeof given !== 'string' || given.length > 64) return false;
  const expected = Buffer.from(csrfTokenFor(secret, purpose));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function newPreSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}
