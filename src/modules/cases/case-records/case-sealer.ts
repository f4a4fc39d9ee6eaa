import { Injectable } from '@nestjs/common';
import { DataKeyRepository, OpenDataKey } from '../../../core/crypto/data-key.repository';
import { DataKey } from '../../../core/crypto/entities/data-key.entity';
import { FieldSealer, RecordSealer } from '../../../core/crypto/record-sealer';
import { recordErrorOf, RecordFailureAnswer } from '../../../core/crypto/record-errors';
import { caseRecordFailure } from './cases.exception';

/**
 * The one way to a case's data keys (the case's, its person's). Whatever is kept under them — the
 * case's fields, history reasons, referral texts, support plan items, investigation records — is
 * opened here for the length of one piece of work, and the key wiped after. A key or ciphertext that
 * fails its check answers 409 with nothing of the record, a KEK the service lacks 503, each in the
 * codes of the part that asked (the case's by default).
 */
@Injectable()
export class CaseSealer {
  constructor(
    private readonly sealer: RecordSealer,
    private readonly dataKeys: DataKeyRepository,
  ) {}

  /** `work` with the fields of `table` sealed and opened under data key `row` of case `caseId`. */
  seal<T>(
    caseId: string,
    row: DataKey | null,
    table: string,
    work: (sealer: FieldSealer) => T,
    failures: RecordFailureAnswer = caseRecordFailure,
  ): T {
    try {
      return this.sealer.with(row, table, work);
    } catch (error) {
      throw recordErrorOf(error, `${table} of case ${caseId}`, failures);
    }
  }

  /** `work` with data key `row` of case `caseId` open, for a codec that binds its own locations. */
  open<T>(
    caseId: string,
    row: DataKey | null,
    work: (key: OpenDataKey) => T,
    failures: RecordFailureAnswer = caseRecordFailure,
  ): T {
    let key: OpenDataKey | undefined;
    try {
      key = this.dataKeys.unwrap(row);
      return work(key);
    } catch (error) {
      throw recordErrorOf(error, `case ${caseId}`, failures);
    } finally {
      key?.plaintext.fill(0);
    }
  }

  /** The wrapped data key `id`, or null once destroyed (data keys are not victim data: wrapped, read by id only). */
  async find(id: string | null): Promise<DataKey | null> {
    return id ? this.dataKeys.findById(id) : null;
  }
}
