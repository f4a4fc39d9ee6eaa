import { UnsupportedMediaTypeException } from '@nestjs/common';
import express, { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_JSON_MEMBERS, MAX_JSON_VALUES } from './json-shape';
import { RouteBodyLimit, RouteBodyLimits } from './route-body-limits';
import { InputValidationException } from './validation';

const TOO_DEEP = 'entity.too.deep';
const TOO_MANY_VALUES = 'entity.too.many.values';
const TOO_MANY_MEMBERS = 'entity.too.many.members';
const NOT_UTF8 = 'charset.not.utf8';

/**
 * The JSON body parser and what its refusals answer. Each route reads at most its own limit
 * (BodyLimit, or `defaultLimit`), from the routes as `routes` lists them once the application is
 * built. Bodies may be sent gzip, deflate or br encoded; the limit holds for the decoded body, so a
 * small compressed body cannot inflate past it. Before the text is parsed, one pass over it refuses
 * nesting deeper than MAX_JSON_DEPTH, more than MAX_JSON_VALUES values and an object of more than
 * MAX_JSON_MEMBERS fields. Every refusal is a 4xx
 * naming `body`; the parser's own messages quote the input and are never passed on.
 */
export function jsonBody(defaultLimit: string, routes: () => RouteBodyLimit[]): [RequestHandler, ErrorRequestHandler] {
  let limits: RouteBodyLimits | undefined;
  const parsers = new Map<string, RequestHandler>();
  const parserFor = (limit: string): RequestHandler => {
    let parser = parsers.get(limit);
    if (!parser) {
      parser = express.json({ limit, strict: true, inflate: true, verify: checkBeforeParsing });
      parsers.set(limit, parser);
    }
    return parser;
  };
  const parse: RequestHandler = (request, response, next) => {
    limits ??= new RouteBodyLimits(routes(), defaultLimit);
    return parserFor(limits.limitOf(request.method, request.path))(request, response, next);
  };
  return [parse, jsonBodyErrors];
}

function checkBeforeParsing(_request: Request, _response: Response, body: Buffer, charset: string): void {
  // Only UTF-8 is scanned byte by byte soundly; JSON exchanged between systems is UTF-8 (RFC 8259 §8.1).
  if (charset !== 'utf-8' && charset !== 'utf8') throw refusal(415, NOT_UTF8);
  const problem = jsonShapeProblem(body);
  if (problem === 'too deep') throw refusal(400, TOO_DEEP);
  if (problem === 'too many values') throw refusal(400, TOO_MANY_VALUES);
  if (problem === 'too many members') throw refusal(400, TOO_MANY_MEMBERS);
}

function refusal(status: number, type: string): Error {
  return Object.assign(new Error(type), { status, type });
}

function jsonBodyErrors(error: unknown, request: Request, _response: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  const body = (problem: string) => next(new InputValidationException([{ field: 'body', problem }]));
  if (type === 'entity.parse.failed') return body('must be a JSON object');
  if (type === TOO_DEEP) return body(`nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (type === TOO_MANY_VALUES) return body(`holds more than ${MAX_JSON_VALUES} values`);
  if (type === TOO_MANY_MEMBERS) return body(`holds an object of more than ${MAX_JSON_MEMBERS} fields`);
  if (type === NOT_UTF8 || type === 'charset.unsupported') {
    return next(new UnsupportedMediaTypeException('The request body must be JSON in UTF-8'));
  }
  if (type === 'encoding.unsupported') {
    return next(
      new UnsupportedMediaTypeException(
        'The request body must be sent without Content-Encoding, or as gzip, deflate or br',
      ),
    );
  }
  // A body that does not decode in its Content-Encoding: the decompressor's error, with status 400 and
  // no type of the parser's own.
  const encoding = request.headers['content-encoding'];
  if (status === 400 && type === undefined && encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return body('does not decode in its Content-Encoding');
  }
  next(error);
}
