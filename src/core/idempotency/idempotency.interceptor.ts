import { createHash, createHmac } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { RequestContext } from '../database/request-context';
import {
  IDEMPOTENCY_FIELD,
  IDEMPOTENCY_HEADER,
  IdempotencyErrorCode,
  IdempotencyException,
} from './idempotency.exception';
import { IDEMPOTENT_KEY, IdempotentOptions } from './idempotent-options';

/** Visible ASCII, as the IETF draft's examples and every client library's generated keys are. */
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
/** Form fields that are not part of what was asked: the form token and the key itself. */
const NOT_THE_REQUEST = new Set(['_csrf', IDEMPOTENCY_FIELD]);

interface StoredAnswer {
  request_hash: Buffer;
  status: number | null;
  resource_id: string | null;
  location: string | null;
}

type UploadRequest = Request & {
  user?: AuthenticatedUser;
  uploadedFile?: { originalName: string; content: Buffer };
};

/**
 * A create's first answer, again, for a retry with the same key (draft-ietf-httpapi-idempotency-key-header):
 * per user and route, for 24 hours. In the create's own transaction it first takes the key (a unique
 * row): a concurrent duplicate waits on that row until the first commits, then finds it and answers
 * as a retry; a first attempt that fails rolls the key back with everything else. What is kept is the
 * created record's id (read again for the answer, through the module's usual access rules) or, for a
 * page, the ids-only address the browser was sent to — never the answer itself, which holds victim
 * data. The key is kept as its SHA-256, and the request as an HMAC keyed with the key, so that a copy
 * of the table cannot be used to test guesses of what was sent.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly requestContext: RequestContext,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<UploadRequest>();
    const field = options?.page ? IDEMPOTENCY_FIELD : IDEMPOTENCY_HEADER;
    const given = options?.page ? formField(request.body, IDEMPOTENCY_FIELD) : request.header(IDEMPOTENCY_HEADER);
    if (!options || given === undefined || !request.user) return next.handle();
    if (!KEY_SHAPE.test(given)) {
      throw new IdempotencyException(
        IdempotencyErrorCode.Invalid,
        `${field} must be 1 to 255 visible ASCII characters`,
        field,
      );
    }
    const response = context.switchToHttp().getResponse<Response>();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (options.page ? 303 : 201);
    return from(this.run(options, request, response, given, field, status, next));
  }

  private async run(
    options: IdempotentOptions,
    request: UploadRequest,
    response: Response,
    key: string,
    field: string,
    status: number,
    next: CallHandler,
  ): Promise<unknown> {
    const actor = request.user as AuthenticatedUser;
    const manager = this.requestContext.manager;
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
    const keyHash = createHash('sha256').update(`panoh-idempotency-key/1|${key}`).digest();
    const requestHash = createHmac('sha256', key).update(canonicalRequest(request)).digest();
    const id = [actor.userId, route, keyHash];

    await manager.query(
      `DELETE FROM idempotency_key WHERE user_id = $1 AND route = $2 AND key_hash = $3
         AND created_at < now() - interval '24 hours'`,
      id,
    );
    const taken: unknown[] = await manager.query(
      `INSERT INTO idempotency_key (user_id, route, key_hash, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [...id, requestHash],
    );
    if (taken.length === 0) {
      // Taken before (and committed, if this insert waited for it): answer as the first time.
      const [first]: StoredAnswer[] = await manager.query(
        `SELECT request_hash, status, resource_id, location FROM idempotency_key
         WHERE user_id = $1 AND route = $2 AND key_hash = $3`,
        id,
      );
      if (!first || !first.request_hash.equals(requestHash) || first.status === null) {
        throw new IdempotencyException(
          IdempotencyErrorCode.Reused,
          `${field} was used for another request in the last 24 hours; use a new key for a new request`,
          field,
        );
      }
      this.requestContext.recordAccess({ detail: { idempotentReplay: true } });
      if (options.page) return { url: first.location, statusCode: first.status };
      response.status(first.status);
      return this.moduleRef
        .get(options.replay as NonNullable<IdempotentOptions['replay']>, { strict: false })
        .replay(actor, request.params as Record<string, string>, first.resource_id as string);
    }

    const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
    const created = createdOf(options, result);
    await manager.query(
      `UPDATE idempotency_key SET status = $4, resource_id = $5, location = $6
       WHERE user_id = $1 AND route = $2 AND key_hash = $3`,
      [...id, status, created.resourceId, created.location],
    );
    return result;
  }
}

/** What a retry needs of the first answer: the created record's id, or where a page sent the browser. */
function createdOf(
  options: IdempotentOptions,
  result: unknown,
): { resourceId: string | null; location: string | null } {
  const value = result as { id?: unknown; url?: unknown } | undefined;
  if (options.page) {
    if (typeof value?.url !== 'string') throw new Error('an idempotent page must answer with a redirect');
    return { resourceId: null, location: value.url };
  }
  if (typeof value?.id !== 'string') throw new Error('an idempotent create must answer with the created id');
  return { resourceId: value.id, location: null };
}

/** The request as one string: its path parameters, its body (keys sorted) and any file, by its hash. */
function canonicalRequest(request: UploadRequest): string {
  const body = Object.fromEntries(
    Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([name]) => !NOT_THE_REQUEST.has(name)),
  );
  const file = request.uploadedFile
    ? {
        name: request.uploadedFile.originalName,
        sha256: createHash('sha256').update(request.uploadedFile.content).digest('hex'),
      }
    : null;
  return canonicalJson({ params: request.params ?? {}, body, file });
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function formField(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
