import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, Observable, switchMap } from 'rxjs';
import { InputValidationException } from '../http/validation';
import { AuthService } from './auth.service';
import { clientOf } from './client-info';

/**
 * A login whose body fails validation (a control character in the username, a field of the wrong
 * type) is still an attempt to log in: it is counted against the address's rate limit and written as
 * `login.failed` with the names of the fields at fault, never their values. Interceptors wrap the
 * validation pipes, so the refusal passes through here on its way to the exception filter.
 */
@Injectable()
export class LoginInputInterceptor implements NestInterceptor {
  constructor(private readonly auth: AuthService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof InputValidationException)) throw error;
        return from(this.auth.refuseMalformedLogin(error.details, clientOf(request))).pipe(
          switchMap(() => {
            throw error;
          }),
        );
      }),
    );
  }
}
