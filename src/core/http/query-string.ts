import { parse, ParsedUrlQuery } from 'node:querystring';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { WHOLE_QUERY } from './field-path';
import { InputValidationException } from './validation';

/**
 * How many parameters a query string may hold. The widest query of the API, GET /statistics, has 13
 * fields, and its lists are comma-separated (`year=2025,2026`; a repeated parameter is read as a list
 * too). Without a bound the parser reads 1,000 and drops the rest without a word, and 1,000 distinct
 * names cost the DTO's building some 15 ms (class-transformer de-duplicates keys in quadratic time);
 * 100 cost nothing.
 */
export const MAX_QUERY_PARAMETERS = 100;

/**
 * The query parser, set explicitly (Express's `query parser`): Node's querystring, which reads
 * `a[b][c]=1` as one parameter named `a[b][c]` — no nesting, no arrays by index, no depth to bound —
 * and a repeated name as a list. qs (Express's "extended" parser) would build nested objects from
 * brackets, a shape no route takes. Its limit on parameters is the one refuseWideQueries holds
 * requests to first, so none is ever dropped without a word.
 */
export function parseQuery(text: string): ParsedUrlQuery {
  return parse(text, '&', '=', { maxKeys: MAX_QUERY_PARAMETERS });
}

/**
 * Refuses a query of more than MAX_QUERY_PARAMETERS parameters before routing, in one pass over the
 * raw text, with a 400 naming `query`. A parameter is what lies between two `&`, as the parser counts.
 */
export function refuseWideQueries(): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const url = request.url;
    const start = url.indexOf('?');
    if (start === -1) return next();
    let parameters = 1;
    for (let i = url.indexOf('&', start); i !== -1; i = url.indexOf('&', i + 1)) {
      if (++parameters > MAX_QUERY_PARAMETERS) {
        return next(
          new InputValidationException([
            { field: WHOLE_QUERY, problem: `has more than ${MAX_QUERY_PARAMETERS} parameters` },
          ]),
        );
      }
    }
    next();
  };
}
