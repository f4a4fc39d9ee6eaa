import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../http/domain.exception';

export enum CaseAccessErrorCode {
  /** The case does not exist, or the caller may not know that it does: the same answer for both. */
  NotFound = 'case_not_found',
  /** The caller sees the case through a share, which does not allow this. */
  ReadOnly = 'case_read_only',
}

export class CaseAccessException extends DomainException<CaseAccessErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case CaseAccessErrorCode.NotFound:
        return HttpStatus.NOT_FOUND;
      case CaseAccessErrorCode.ReadOnly:
        return HttpStatus.FORBIDDEN;
    }
  }
}
