import { Injectable } from '@nestjs/common';
import { DataKeyRepository } from '../../../core/crypto/data-key.repository';
import { DataKey } from '../../../core/crypto/entities/data-key.entity';
import { FieldSealer, RecordSealer } from '../../../core/crypto/record-sealer';
import { INTEGRITY_MESSAGE, KEY_UNAVAILABLE_MESSAGE, recordErrorOf } from '../../../core/crypto/record-errors';
import { CaseErrorCode, CaseException } from './cases.exception';

/**
 * Seals and opens the free texts of a case's other records (history reasons, referral messages) under
 * the case's data key, so that erasing the case shreds them too. A key or ciphertext that fails its
 * check answers 409 with nothing of the record; a KEK the service lacks answers 503.
 */
@Injectable()
export class CaseKeys {
  constructor(
    private readonly sealer: RecordSealer,
    private readonly dataKeys: DataKeyRepository,
  ) {}

  use<T>(caseId: string, row: DataKey | null, table: string, work: (sealer: FieldSealer) => T): T {
    try {
      return this.sealer.with(row, table, work);
    } catch (error) {
      throw recordErrorOf(error, `case ${caseId}`, {
        integrity: () => new CaseException(CaseErrorCode.IntegrityFailure, INTEGRITY_MESSAGE),
        keyUnavailable: () => new CaseException(CaseErrorCode.KeyUnavailable, KEY_UNAVAILABLE_MESSAGE),
      });
    }
  }

  /** The data key row `id` (data keys are not victim data: wrapped, and readable by id only). */
  async find(id: string | null): Promise<DataKey | null> {
    return id ? this.dataKeys.findById(id) : null;
  }
}
