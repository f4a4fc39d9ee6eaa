import type { Request, Response } from 'express';

/**
 * The cookies of the web interface. None holds anything of a victim: the session token (HttpOnly, so
 * no script reads it), the pending sign-in between the two steps, a random value that binds the
 * sign-in form's CSRF token before there is a session, and the chosen language.
 */
export interface CookieNames {
  session: string;
  /** The pending sign-in between the password and the second factor (five minutes, used once). */
  pending: string;
  preSession: string;
  language: string;
}

/** In production the `__Host-` prefix makes browsers insist on Secure, Path=/ and no Domain. */
export function cookieNames(secure: boolean): CookieNames {
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}panoh_session`,
    pending: `${prefix}panoh_pending`,
    preSession: `${prefix}panoh_pre`,
    language: `${prefix}panoh_lang`,
  };
}

const COOKIE_PAIR = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)=("?)([!#-+\--:<-[\]-~]*)\2$/;

/** The request's cookies by name: well-formed pairs only, the first of a repeated name. */
export function readCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return cookies;
  for (const part of header.split(';')) {
    const match = COOKIE_PAIR.exec(part.trim());
    if (match && !cookies.has(match[1])) cookies.set(match[1], match[3]);
  }
  return cookies;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; omitted, the cookie ends with the browser. */
  maxAge?: number;
  /** Readable by scripts; only the language cookie, which holds a language code. */
  scriptReadable?: boolean;
}

export function setCookie(response: Response, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, 'Path=/', 'SameSite=Strict'];
  if (!options.scriptReadable) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  response.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(response: Response, name: string, secure: boolean): void {
  setCookie(response, name, '', { secure, maxAge: 0 });
}
