import express, { RequestHandler } from 'express';
import { FORM_BODY } from './page';

/**
 * The pages' content security policy: scripts and styles only from the service's own files (no
 * inline script or style, so an injected tag does nothing), images from the service and data: (the
 * QR code of TOTP enrolment), forms only to the service, and no framing by any site.
 */
export const PAGE_CSP = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
};

/** Forms as browsers send them (application/x-www-form-urlencoded): flat names, a bounded number. */
export function formBody(): RequestHandler {
  return express.urlencoded({ extended: false, limit: FORM_BODY, parameterLimit: 1000 });
}
