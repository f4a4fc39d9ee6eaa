import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { cookieNames, readCookies, setCookie } from './cookies';
import { CSRF_FIELD, CSRF_HEADER, csrfTokenFor, csrfTokenMatches, newPreSessionSecret } from './csrf';
import { isLanguage, Language, languageFromHeader } from './i18n';
import type { PageContext, PageRequest } from './page';

const PRE_SESSION_SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The language of a request: the one chosen (cookie), else the browser's. */
export function languageOf(request: Request, secure: boolean): Language {
  const chosen = readCookies(request).get(cookieNames(secure).language);
  return isLanguage(chosen) ? chosen : languageFromHeader(request.headers['accept-language']);
}

/** The form token a request sent, from the form's field or (for the page's script) the header. */
function sentToken(request: Request): unknown {
  const body = request.body as Record<string, unknown> | undefined;
  return body && typeof body === 'object' && CSRF_FIELD in body ? body[CSRF_FIELD] : request.headers[CSRF_HEADER];
}

/**
 * The page context of a signed-in request, from its session: the CSRF token is the session token's
 * HMAC, so it needs no storage and ends with the session.
 */
export function signedInContext(
  request: PageRequest,
  user: AuthenticatedUser,
  sessionToken: string,
  idleSeconds: number,
  secure: boolean,
): PageContext {
  return {
    language: languageOf(request, secure),
    user,
    csrf: csrfTokenFor(sessionToken, 'session'),
    path: request.path,
    idleSeconds,
  };
}

export function sessionFormAccepted(request: Request, sessionToken: string): boolean {
  return csrfTokenMatches(sessionToken, 'session', sentToken(request));
}

/**
 * The page context before sign-in: its forms' token binds to a random pre-session value in an
 * HttpOnly cookie, made here on the first page; `accepted` tells whether the request's form carried
 * the matching token (checked for every form sent before sign-in).
 */
export function signedOutContext(
  request: PageRequest,
  response: Response,
  secure: boolean,
): { page: PageContext; accepted: boolean } {
  const name = cookieNames(secure).preSession;
  let secret = readCookies(request).get(name);
  const known = secret !== undefined && PRE_SESSION_SECRET.test(secret);
  if (!known) {
    secret = newPreSessionSecret();
    setCookie(response, name, secret, { secure });
  }
  const page: PageContext = {
    language: languageOf(request, secure),
    csrf: csrfTokenFor(secret as string, 'pre-session'),
    path: request.path,
  };
  return { page, accepted: known && csrfTokenMatches(secret as string, 'pre-session', sentToken(request)) };
}
