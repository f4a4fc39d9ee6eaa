import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENT_KEY, IdempotentOptions } from './idempotent-options';

export type { IdempotentReplay } from './idempotent-options';

/**
 * A create that a repeated `Idempotency-Key` (on a page, the form's `_idempotency` field) answers with
 * its first answer instead of a second record (IdempotencyInterceptor). It must be an audited route:
 * the key is taken in the request's transaction.
 */
export function Idempotent(options: IdempotentOptions): MethodDecorator {
  return applyDecorators(SetMetadata(IDEMPOTENT_KEY, options), UseInterceptors(IdempotencyInterceptor));
}
