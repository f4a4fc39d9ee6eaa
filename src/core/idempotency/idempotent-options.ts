import type { Type } from '@nestjs/common';
import type { AuthenticatedUser } from '../access/authenticated-user';

export const IDEMPOTENT_KEY = 'panoh:idempotent';

/**
 * How a module answers a retried create again: it reads the record created the first time (by id,
 * through its usual access rules), so that no answer is ever stored with victim data in it.
 */
export interface IdempotentReplay {
  replay(actor: AuthenticatedUser, params: Record<string, string>, resourceId: string): Promise<unknown>;
}

export interface IdempotentOptions {
  /** API routes: the provider that reads the created record again. */
  replay?: Type<IdempotentReplay>;
  /** Page routes: the key comes in the form's `_idempotency` field, and a retry goes where the first went. */
  page?: true;
}
