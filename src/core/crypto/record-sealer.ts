import { Injectable } from '@nestjs/common';
import { DataKeyRepository, OpenDataKey } from './data-key.repository';
import { DataKey } from './entities/data-key.entity';
import { FieldCipher, FieldKey } from './field-cipher';

/**
 * The fields of one table's rows under one open data key: each value bound to
 * `table|column|row id|data key version` (docs/crypto.md). Lives for one operation only.
 */
export class FieldSealer {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly fieldKey: FieldKey,
    private readonly key: OpenDataKey,
    private readonly table: string,
  ) {}

  /** The ciphertext of `value` in `column` of row `rowId`; null stays NULL. */
  seal(column: string, rowId: string, value: string | null): Buffer | null {
    if (value === null) return null;
    return this.cipher.encrypt(this.fieldKey, this.key.version, { table: this.table, column, rowId }, value);
  }

  /** The value in clear; IntegrityError when the ciphertext was altered, moved, or is under another key. */
  open(column: string, rowId: string, box: Buffer | null): string | null {
    if (!box) return null;
    return this.cipher.decrypt(this.fieldKey, this.key.version, { table: this.table, column, rowId }, box);
  }
}

/**
 * Opens a record's data key (read with the record, still wrapped) for the length of `work`, and wipes
 * it after. Used by the records that live under their case's data key (assistance items, perpetrators,
 * proceedings), so that erasing the case's key shreds them with it.
 */
@Injectable()
export class RecordSealer {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly dataKeys: DataKeyRepository,
  ) {}

  /** IntegrityError or KeyFileError when the key is missing, altered or under an unknown KEK. */
  with<T>(row: DataKey | null, table: string, work: (sealer: FieldSealer) => T): T {
    let key: OpenDataKey | undefined;
    try {
      key = this.dataKeys.unwrap(row);
      const open = key;
      return this.cipher.withFieldKey(open.plaintext, (fieldKey) =>
        work(new FieldSealer(this.cipher, fieldKey, open, table)),
      );
    } finally {
      key?.plaintext.fill(0);
    }
  }
}
