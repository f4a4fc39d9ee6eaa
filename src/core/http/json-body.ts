import { UnsupportedMediaTypeException } from '@nestjs/common';
import express, { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { InputValidationException } from './validation';

const TOO_DEEP = 'entity.too.deep';
const NOT_UTF8 = 'charset.not.utf8';

/**
 * The JSON body parser and what its refusals answer. Bodies may be sent gzip, deflate or br encoded;
 * the size limit holds for the decoded body, so a small compressed body cannot inflate past it. Before
 * the text is parsed, one pass over it refuses nesting deeper than MAX_JSON_DEPTH. Every refusal is a
 * 4xx naming `body`; the parser's own messages quote the input and are never passed on.
 */
export function jsonBody(limit: string): [RequestHandler, ErrorRequestHandler] {
  return [express.json({ limit, strict: true, inflate: true, verify: checkBeforeParsing }), jsonBodyErrors];
}

function checkBeforeParsing(_request: Request, _response: Response, body: Buffer, charset: string): void {
  // Only UTF-8 is scanned byte by byte soundly; JSON exchanged between systems is UTF-8 (RFC 8259 §8.1).
  if (charset !== 'utf-8' && charset !== 'utf8') throw refusal(415, NOT_UTF8);
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw refusal(400, TOO_DEEP);
}

function refusal(status: number, type: string): Error {
  return Object.assign(new Error(type), { status, type });
}

function jsonBodyErrors(error: unknown, request: Request, _response: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  const body = (problem: string) => next(new InputValidationException([{ field: 'body', problem }]));
  if (type === 'entity.parse.failed') return body('must be a JSON object');
  if (type === TOO_DEEP) return body(`nests deeper than ${MAX_JSON_DEPTH} levels`);
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
