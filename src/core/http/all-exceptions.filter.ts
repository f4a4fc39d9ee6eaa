import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Inject,
  Optional,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainException } from './domain.exception';
import { ErrorBody, FieldProblem } from './error-body';
import { isConcurrencyFailure, isDatabaseUnavailable, isUniqueViolation } from './database-unavailable';
import { InputValidationException } from './validation';
import { requestIdOf } from './request-id.middleware';
import { ERROR_PAGES } from './error-pages';
import type { ErrorPages } from './error-pages';

/**
 * Every error leaves the service in one shape. Messages are ours, never an echo of input or a driver's
 * text (which may quote values); unexpected errors are logged by name and answered with a generic 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() @Inject(ERROR_PAGES) private readonly pages?: ErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const { status, message, code, details, retryAfter, headers } = this.describe(exception);
    if (status >= 500) {
      const name = exception instanceof Error ? exception.name : typeof exception;
      const code = (exception as { code?: unknown })?.code;
      this.logger.error(
        { requestId: requestIdOf(request), status, error: name, code },
        `request failed with ${status}`,
      );
    }
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    const body: ErrorBody = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      ...(code ? { code } : {}),
      message,
      ...(details?.length ? { details } : {}),
      requestId: requestIdOf(request),
    };
    if (this.pages?.handles(request)) {
      this.pages.answer(exception, { status, code, message, requestId: requestIdOf(request) }, request, response);
      return;
    }
    if (!response.headersSent) response.status(status).json(body);
  }

  private describe(exception: unknown): {
    status: number;
    message: string;
    code?: string;
    details?: FieldProblem[];
    retryAfter?: number;
    headers?: Record<string, string>;
  } {
    if (exception instanceof InputValidationException) {
      return { status: 400, message: 'The request has invalid fields', details: exception.details };
    }
    if (exception instanceof DomainException) {
      return {
        status: exception.status,
        message: exception.message,
        code: exception.code,
        details: exception.field ? [{ field: exception.field, problem: exception.message }] : undefined,
        retryAfter: exception.retryAfterSeconds,
        headers: exception.headers,
      };
    }
    if (exception instanceof NotFoundException) {
      // Only the router throws it (the domains answer their own not-found), with the path in its text.
      return { status: 404, message: 'No such route' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const text = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      return { status, message: typeof text === 'string' ? text : (STATUS_CODES[status] ?? 'Error') };
    }
    const bodyParser = exception as { type?: string; status?: number; expose?: boolean };
    if (bodyParser?.type === 'entity.parse.failed') {
      return {
        status: 400,
        message: 'The request body is not valid JSON',
        details: [{ field: 'body', problem: 'is not valid JSON' }],
      };
    }
    if (bodyParser?.type === 'entity.too.large') {
      return { status: 413, message: 'The request body is too large' };
    }
    if (
      typeof bodyParser?.status === 'number' &&
      bodyParser.status >= 400 &&
      bodyParser.status < 500 &&
      (bodyParser.type || bodyParser.expose === true || exception instanceof URIError)
    ) {
      // An Express or parser refusal (http-errors); its text quotes the input, so it is not passed on.
      return { status: bodyParser.status, message: 'The request could not be read' };
    }
    if (isUniqueViolation(exception)) {
      // Two requests raced to create the same thing; the loser is told, not given a 500.
      return { status: HttpStatus.CONFLICT, message: 'This conflicts with a record that exists already' };
    }
    if (isConcurrencyFailure(exception)) {
      return { status: HttpStatus.CONFLICT, message: 'Another change came at the same time; try again' };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        message: 'The database is unavailable; try again shortly',
        retryAfter: 5,
      };
    }
    return { status: 500, message: 'Internal error' };
  }
}
