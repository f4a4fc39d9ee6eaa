import type { Request, Response } from 'express';

/** What the exception filter decided about a failure, for whoever writes it as a page. */
export interface Failure {
  status: number;
  code?: string;
  message: string;
  requestId: string;
}

/**
 * The web interface answers its own failures as pages (src/core/web provides this); the filter asks it
 * first, and answers everything else as the API's JSON error body.
 */
export interface ErrorPages {
  handles(request: Request): boolean;
  answer(exception: unknown, failure: Failure, request: Request, response: Response): void;
}

export const ERROR_PAGES = Symbol('ERROR_PAGES');
