import {
  applyDecorators,
  CallHandler,
  Controller,
  createParamDecorator,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { BodyLimit } from '../http/body-limit.decorator';
import { documentOf, Html } from './jsx';
import { Language } from './i18n';

export const PAGE_KEY = 'panoh:page';
/** Where the pages live; the API keeps the other paths. */
export const PAGES_ROOT = '/ui';
/** A page's form: a few fields of text, never a file. */
export const FORM_BODY = '64kb';

/** What every page is rendered with: who is looking, in which language, and the form token. */
export interface PageContext {
  language: Language;
  user?: AuthenticatedUser;
  /** The CSRF token every form of the page carries. */
  csrf: string;
  /** The request's path, for the navigation to mark where the person is. */
  path: string;
  /** Seconds until the session idles out, for the warning; absent before sign-in. */
  idleSeconds?: number;
}

export interface PageRequest extends Request {
  user?: AuthenticatedUser;
  page?: PageContext;
}

/**
 * A controller of pages: under /ui, out of the OpenAPI document, signed in by the session cookie
 * rather than a bearer token, CSRF-checked on every form, and answering HTML — errors included.
 */
export function PageController(path = ''): ClassDecorator {
  return applyDecorators(
    Controller(`${PAGES_ROOT.slice(1)}${path ? `/${path}` : ''}`),
    SetMetadata(PAGE_KEY, true),
    ApiExcludeController(),
    BodyLimit(FORM_BODY),
    UseInterceptors(PageInterceptor),
  );
}

export function isPageRequest(request: Request): boolean {
  return request.path === PAGES_ROOT || request.path.startsWith(`${PAGES_ROOT}/`);
}

/** The page context of this request, as the guard made it. */
export const Page = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext => {
  const request = context.switchToHttp().getRequest<PageRequest>();
  if (!request.page) throw new Error('a page handler ran without its page context');
  return request.page;
});

/** A page handler returns Html (the page) or a redirect; this writes the document. */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof Html) {
          response.type('html');
          return documentOf(result);
        }
        return result;
      }),
    );
  }
}

/** After a form is taken, the browser asks for the next page (Post/Redirect/Get): 303 See Other. */
export interface SeeOther {
  url: string;
  statusCode: 303;
}

export function seeOther(url: string): SeeOther {
  if (!url.startsWith('/')) throw new Error('a page redirects only within the service');
  return { url, statusCode: 303 };
}

/**
 * A refusal that is a page: the form again with what was typed and the problem beside each field,
 * or a page saying why. Thrown, so that the request's transaction rolls back and its audit event
 * records the refusal.
 */
export class PageRefusal extends HttpException {
  constructor(
    status: number,
    readonly page: Html,
  ) {
    super('refused', status);
  }
}
