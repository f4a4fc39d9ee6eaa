import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { AuthErrorCode, AuthException } from './auth.exception';
import { AuthService } from './auth.service';
import { clientOf } from './client-info';

/** What the password given again came to: checked and right, not tried, wrong, held back, or the session ended. */
export type Reconfirmation = 'confirmed' | 'absent' | 'wrong' | 'held_back' | 'ended';

/** The form's fields: the password, and the act's own confirmation (`confirm=yes`). */
export const RECONFIRM_PASSWORD_FIELD = 'password';
export const RECONFIRM_FIELD = 'confirm';

const OUTCOME = Symbol('panoh.passwordReconfirmation');
type Carrier = Request & { user: AuthenticatedUser; [OUTCOME]?: Reconfirmation };

/**
 * Checks the password a grave act's form asks for again, before the act's transaction opens (a route
 * with a guard of its own gets its transaction from the AuditInterceptor, after the guards): the
 * back-off, the failure count and the lock are written on their own and stay when the act is refused,
 * and the request never holds one connection while waiting for another. The password is tried only
 * when the act was confirmed too, so that a form sent by mistake spends no attempt. The handler reads
 * the outcome with `@Reconfirmed()` and hands it to `AuthService.requireReconfirmed`.
 */
@Injectable()
export class PasswordReconfirmationGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Carrier>();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const password = body[RECONFIRM_PASSWORD_FIELD];
    request[OUTCOME] = 'absent';
    if (body[RECONFIRM_FIELD] !== 'yes' || typeof password !== 'string' || !password.trim() || password.length > 128) {
      return true;
    }
    try {
      await this.auth.reconfirmPassword(request.user, password.trim(), clientOf(request));
      request[OUTCOME] = 'confirmed';
    } catch (error) {
      if (!(error instanceof AuthException)) throw error;
      request[OUTCOME] =
        error.code === AuthErrorCode.TooManyAttempts
          ? 'held_back'
          : error.code === AuthErrorCode.SessionEnded
            ? 'ended'
            : 'wrong';
    }
    return true;
  }
}

/** The outcome of the password given again, as the guard found it. */
export const Reconfirmed = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Reconfirmation =>
    context.switchToHttp().getRequest<Carrier>()[OUTCOME] ?? 'absent',
);
