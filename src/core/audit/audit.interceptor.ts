import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource, QueryRunner } from 'typeorm';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { ROLES } from '../access/role';
import { RequestContext } from '../database/request-context';
import { isFresh, markOpened, RequestTransaction } from '../database/request-transaction';
import { isDatabaseUnavailable } from '../http/database-unavailable';
import { DomainException } from '../http/domain.exception';
import { requestIdOf } from '../http/request-id.middleware';
import { AuditAction, outcomeOfStatus } from './audit-action';
import { AuditDraft, AuditEventInput } from './audit-event';
import { AuditErrorCode, AuditException } from './audit.exception';
import { AuditWriter } from './audit.writer';
import { AUDIT_KEY } from './audited.decorator';

/**
 * Runs every audited route in one database transaction that first sets the caller for row-level
 * security, then runs the route, then appends the route's audit event, then commits. Nothing the
 * route returns leaves the service unless the event is committed with it. A refused or failed attempt
 * is rolled back and recorded on its own.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly writer: AuditWriter,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.getAllAndOverride<AuditAction | undefined>(AUDIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!action) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const base: AuditEventInput = {
      action,
      outcome: 'allowed',
      actor: request.user
        ? { userId: request.user.userId, organisationId: request.user.organisationId, role: request.user.role }
        : undefined,
      requestId: requestIdOf(request),
      clientAddress: request.ip,
    };
    return from(this.run(base, successStatus(context), request.user, next, RequestTransaction.take(request)));
  }

  private async run(
    base: AuditEventInput,
    status: number,
    user: AuthenticatedUser | undefined,
    next: CallHandler,
    taken: QueryRunner | undefined,
  ): Promise<unknown> {
    // Usually opened already, with the caller set, by the session lookup (RequestTransaction).
    const opened = taken?.isTransactionActive ? taken : undefined;
    if (taken && !opened) await taken.release();
    const runner = opened ?? this.dataSource.createQueryRunner();
    const draft = new AuditDraft();
    try {
      if (!opened) {
        await runner.connect();
        await beginAs(runner, user);
      }
      let result: unknown;
      try {
        result = await RequestContext.run({ manager: runner.manager, audit: draft }, () =>
          lastValueFrom(next.handle(), { defaultValue: undefined }),
        );
      } catch (error) {
        if (runner.isTransactionActive) {
          // A rollback that fails means the connection is gone (TimeoutClosingClient closed it, or the
          // server went away): the pool drops such a connection, and no refusal can be recorded on it.
          await runner.rollbackTransaction().catch(() => {
            throw unavailable();
          });
        }
        await this.recordRefusal(runner, { ...base, ...fromDraft(draft) }, statusOf(error));
        throw error;
      }
      try {
        await this.writer.appendAndCommit(runner, {
          ...base,
          ...fromDraft(draft),
          outcome: 'allowed',
          statusCode: status,
        });
      } catch {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw unavailable();
      }
      return result;
    } finally {
      await runner.release();
    }
  }

  /** A refused or failed attempt: its own short transaction, holding nothing but the event. */
  private async recordRefusal(runner: QueryRunner, event: AuditEventInput, status: number): Promise<void> {
    try {
      await runner.startTransaction();
      await this.writer.append(runner.manager, { ...event, outcome: outcomeOfStatus(status), statusCode: status });
      await runner.commitTransaction();
    } catch {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw unavailable();
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opens the request's transaction and sets the caller for row-level security in one round trip:
 * `START TRANSACTION; SELECT set_config(…, true) …` as one simple-protocol query. Such a query takes no
 * parameters, so the three values are written into it, and each is checked first: the ids must be
 * UUIDs and the role one of the roles; anything else is refused (never quoted and hoped for). TypeORM's
 * runner is then told that its transaction is open (markOpened).
 */
export async function beginAs(runner: QueryRunner, user: AuthenticatedUser | undefined): Promise<void> {
  if (!isFresh(runner)) {
    // Not a fresh runner (or a TypeORM whose runner looks different): the long way.
    await runner.startTransaction();
    await setCaller(runner, user);
    return;
  }
  const userId = user?.userId ?? '';
  const organisationId = user?.organisationId ?? '';
  const role = user?.role ?? '';
  if (
    (userId !== '' && !UUID.test(userId)) ||
    (organisationId !== '' && !UUID.test(organisationId)) ||
    (role !== '' && !ROLES.includes(role))
  ) {
    throw new Error('refusing to set a caller that is not a user id, an organisation id and a role');
  }
  try {
    await runner.query(
      `START TRANSACTION; SELECT set_config('panoh.user_id', '${userId}', true), ` +
        `set_config('panoh.organisation_id', '${organisationId}', true), set_config('panoh.role', '${role}', true)`,
    );
  } catch (error) {
    // The connection goes back to the pool: it must not keep a half-opened transaction.
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  markOpened(runner);
}

/** The caller, for row-level-security policies; `true` keeps each setting to this transaction. */
export async function setCaller(runner: QueryRunner, user: AuthenticatedUser | undefined): Promise<void> {
  await runner.query(
    `SELECT set_config('panoh.user_id', $1, true), set_config('panoh.organisation_id', $2, true), set_config('panoh.role', $3, true)`,
    [user?.userId ?? '', user?.organisationId ?? '', user?.role ?? ''],
  );
}

function fromDraft(draft: AuditDraft): Partial<AuditEventInput> {
  return {
    caseIds: [...draft.caseIds],
    personIds: [...draft.personIds],
    fields: [...draft.fields].sort(),
    view: draft.view,
    detail: draft.detail,
  };
}

function successStatus(context: ExecutionContext): number {
  const handler = context.getHandler();
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (declared) return declared;
  return Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200;
}

export function statusOf(error: unknown): number {
  if (error instanceof DomainException) return error.status;
  if (error instanceof HttpException) return error.getStatus();
  // As AllExceptionsFilter answers it, so the event records the status the caller saw.
  if (isDatabaseUnavailable(error)) return 503;
  return 500;
}

function unavailable(): AuditException {
  return new AuditException(
    AuditErrorCode.Unavailable,
    'The access could not be recorded in the audit log, so it was not made; try again shortly',
  );
}
