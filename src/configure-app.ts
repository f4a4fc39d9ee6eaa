import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './core/config/app.config';
import { listRoutes } from './core/guard/route-inventory';
import { FrameworkLogger } from './core/logging/framework-logger';
import { jsonBody } from './core/http/json-body';
import { multipartBody } from './core/http/multipart-body';
import { openApiDocument } from './core/http/openapi-document';
import { refuseUndecodablePaths } from './core/http/path-encoding';
import { PAGE_PERMISSIONS_POLICY, PERMISSIONS_POLICY } from './core/http/permissions-policy';
import { parseQuery, refuseWideQueries } from './core/http/query-string';
import { requestIdMiddleware } from './core/http/request-id.middleware';
import { formBody, PAGE_CSP } from './core/web/page-security';
import { isPageRequest, PAGES_ROOT } from './core/web/page';
import { cookieNames, readCookies } from './core/web/cookies';

const ATTACHMENT_UPLOAD_PATH = /^(\/ui)?\/cases\/[0-9a-fA-F-]{36}\/attachments$/;

/** What every instance of the app gets, in the service and in tests alike. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express_ = app as NestExpressApplication;
  express_.useLogger(new FrameworkLogger(app.get(Logger)));
  express_.disable('x-powered-by');
  // An ETag is a hash of the answer's body: for answers about people, a fingerprint of plaintext that
  // caches and logs would keep. Nothing here is cached (no-store), so nothing is lost by having none.
  express_.set('etag', false);
  express_.set('trust proxy', config.trustProxyHops);
  express_.set('query parser', parseQuery);
  express_.use(requestIdMiddleware(config.trustProxyHops > 0));
  express_.use(
    '/docs',
    helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } } }),
  );
  // The API's answers are data, never a page: nothing in them may load or run anything.
  const apiHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const pageHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP } });
  express_.use((request: Request, response: Response, next: NextFunction) => {
    if (request.path === '/docs' || request.path.startsWith('/docs/') || request.path.startsWith('/docs-'))
      return next();
    return (isPageRequest(request) ? pageHeaders : apiHeaders)(request, response, next);
  });
  express_.use((request: Request, response: Response, next: NextFunction) => {
    // Answers about people must not linger in caches.
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Permissions-Policy', isPageRequest(request) ? PAGE_PERMISSIONS_POLICY : PERMISSIONS_POLICY);
    next();
  });
  express_.use(refuseUndecodablePaths(() => listRoutes(app).map((route) => route.path)));
  express_.use(refuseWideQueries());
  express_.use(...jsonBody(config.jsonBodyLimit, () => listRoutes(app)));
  express_.use(PAGES_ROOT, formBody());
  // The one kind of request that carries a file: an attachment of a case (API and page).
  express_.use(multipartBody(ATTACHMENT_UPLOAD_PATH, config.attachmentMaxBytes, carriesCredential));
  if (config.openApiDocs) {
    SwaggerModule.setup('docs', app, openApiDocument(app));
  }
}

const SESSION_COOKIES = [cookieNames(false).session, cookieNames(true).session];

/** A bearer token or a session cookie is present (not yet checked: the guard does that). */
function carriesCredential(request: Request): boolean {
  if (/^Bearer\s+\S/i.test(request.headers.authorization ?? '')) return true;
  const cookies = readCookies(request);
  return SESSION_COOKIES.some((name) => cookies.has(name));
}
