import { Injectable } from '@nestjs/common';
import { DataKeyRepository, OpenDataKey } from '../../../core/crypto/data-key.repository';
import { DataKey } from '../../../core/crypto/entities/data-key.entity';
import { INTEGRITY_MESSAGE, KEY_UNAVAILABLE_MESSAGE, recordErrorOf } from '../../../core/crypto/record-errors';
import { CaseErrorCode, CaseException } from './cases.exception';

/**
 * Opens a case's data key for one piece of work and wipes it after. A key or ciphertext that fails its
 * check answers 409 with nothing of the record; a KEK the service lacks answers 503.
 */
@Injectable()
export class CaseKeys {
  constructor(private readonly dataKeys: DataKeyRepository) {}

  use<T>(caseId: string, row: DataKey | null, work: (key: OpenDataKey) => T): T {
    let key: OpenDataKey | undefined;
    try {
      key = this.dataKeys.unwrap(row);
      return work(key);
    } catch (error) {
      throw caseRecordError(caseId, error);
    } finally {
      key?.plaintext.fill(0);
    }
  }

  /** The data key row `id` (data keys are not victim data: wrapped, and readable by id only). */
  async find(id: string | null): Promise<DataKey | null> {
    return id ? this.dataKeys.findById(id) : null;
  }
}

/** A record that fails its integrity check or needs a KEK the service lacks: a clear answer, no content. */
export function caseRecordError(caseId: string, error: unknown): unknown {
  return recordErrorOf(error, `case ${caseId}`, {
    integrity: () => new CaseException(CaseErrorCode.IntegrityFailure, INTEGRITY_MESSAGE),
    keyUnavailable: () => new CaseException(CaseErrorCode.KeyUnavailable, KEY_UNAVAILABLE_MESSAGE),
  });
}
