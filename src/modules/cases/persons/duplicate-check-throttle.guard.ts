import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { AuditAction } from '../../../core/audit/audit-action';
import { AuditWriter } from '../../../core/audit/audit.writer';
import { requestIdOf } from '../../../core/http/request-id.middleware';
import { DomainException } from '../../../core/http/domain.exception';
import { DuplicateCheckThrottleService } from './duplicate-check-throttle.service';

/**
 * Counts a duplicate check before the request's transaction takes its connection, so the count is
 * committed on its own and no request ever holds two pool connections at once. A check refused by
 * the limit is recorded like any refused access.
 */
@Injectable()
export class DuplicateCheckThrottleGuard implements CanActivate {
  constructor(
    private readonly throttle: DuplicateCheckThrottleService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>();
    const { user } = request;
    try {
      await this.throttle.count(user.userId);
    } catch (error) {
      if (error instanceof DomainException) {
        await this.audit.append(this.dataSource.manager, {
          action: AuditAction.PersonDuplicateChecked,
          outcome: 'denied',
          statusCode: error.status,
          actor: { userId: user.userId, organisationId: user.organisationId, role: user.role },
          requestId: requestIdOf(request),
          clientAddress: request.ip,
          detail: { reason: error.code },
        });
      }
      throw error;
    }
    return true;
  }
}
