import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../http/domain.exception';

export enum IdempotencyErrorCode {
  /** The key is empty, longer than 255 characters, or holds anything but visible ASCII. */
  Invalid = 'idempotency_key_invalid',
  /** The key was used in the last 24 hours by the same user on the same route with another request. */
  Reused = 'idempotency_key_reused',
}

/** The header an API client sends; a page's form sends the same key in its `_idempotency` field. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_FIELD = '_idempotency';

export class IdempotencyException extends DomainException<IdempotencyErrorCode> {
  constructor(code: IdempotencyErrorCode, message: string, field: string) {
    super(code, message, field);
  }

  get status(): HttpStatus {
    switch (this.code) {
      case IdempotencyErrorCode.Invalid:
        return HttpStatus.BAD_REQUEST;
      case IdempotencyErrorCode.Reused:
        return HttpStatus.UNPROCESSABLE_ENTITY;
    }
  }
}
