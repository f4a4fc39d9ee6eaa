import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import { appConfig } from '../config/app.config';
import type { ErrorPages, Failure } from '../http/error-pages';
import { clearCookie, cookieNames } from './cookies';
import { documentOf, jsx } from './jsx';
import { MessagePage } from './layout';
import { common, CommonMessage } from './messages';
import { isPageRequest, PageRefusal, PageRequest } from './page';
import { signedOutContext } from './page-context';

/** Why a session cookie was refused, as the signed-out page's `reason` (a code, never anything typed). */
const ENDED: Record<string, 'idle' | 'expired' | 'ended'> = {
  session_idle: 'idle',
  session_expired: 'expired',
  session_ended: 'ended',
};

/**
 * A refusal or failure on a page, as a page in the person's language: a session that has ended sends
 * the browser to the signed-out page (its cookie cleared), everything else says what happened and
 * nothing of the request.
 */
@Injectable()
export class PageErrors implements ErrorPages {
  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  handles(request: Request): boolean {
    return isPageRequest(request);
  }

  answer(exception: unknown, failure: Failure, request: Request, response: Response): void {
    answerPageError(exception, failure, request, response, this.app.secureCookies);
  }
}

function answerPageError(
  exception: unknown,
  failure: Failure,
  request: Request,
  response: Response,
  secure: boolean,
): void {
  if (response.headersSent) return;
  if (exception instanceof PageRefusal) {
    response.status(exception.getStatus()).type('html').send(documentOf(exception.page));
    return;
  }
  const { status, code } = failure;
  if (status === 401) {
    clearCookie(response, cookieNames(secure).session, secure);
    const reason = code ? ENDED[code] : undefined;
    response.redirect(303, reason ? `/ui/signed-out?reason=${reason}` : '/ui/sign-in');
    return;
  }
  if (code === 'password_change_required') {
    // After an administrator's reset the one thing this session may do is change the password.
    response.redirect(303, '/ui/account');
    return;
  }
  const pageRequest = request as PageRequest;
  const page = pageRequest.page ?? signedOutContext(pageRequest, response, secure).page;
  const [title, text] = wordsOf(status, code, failure.message);
  const t = common.in(page.language);
  response
    .status(status)
    .type('html')
    .send(documentOf(<MessagePage page={page} title={t(title)} text={t(text, { reference: failure.requestId })} />));
}

function wordsOf(status: number, code: string | undefined, message: string): [CommonMessage, CommonMessage] {
  if (code === 'form_token_refused') return ['csrf_title', 'csrf_text'];
  if (status === 403) return ['refused_title', /second factor/.test(message) ? 'refused_second_factor' : 'refused_text'];
  if (status === 404) return ['not_found_title', 'not_found_text'];
  if (status === 429) return ['too_many_title', 'too_many_text'];
  if (status === 503) return ['unavailable_title', 'unavailable_text'];
  if (status >= 400 && status < 500) return ['bad_request_title', 'bad_request_text'];
  return ['error_title', 'error_text'];
}
