import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../http/domain.exception';

export enum AuditErrorCode {
  Unavailable = 'audit_unavailable',
}

export class AuditException extends DomainException<AuditErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case AuditErrorCode.Unavailable:
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
  }
}
