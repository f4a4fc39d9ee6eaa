import type { FieldKey, FieldLocation } from './field-cipher';
import { FieldCipher } from './field-cipher';
import type { OpenDataKey } from './data-key.repository';
import { Sodium } from './sodium.provider';

const KEY_LABEL = 'panoh-note-key/1|';

/**
 * The key of a case's notes, open for one piece of work: like the attachment key, derived from both
 * the case's data key and its person's, so that erasing the person shreds every note of their cases
 * (in backups too), while a transfer, which moves the case with its person, keeps them readable.
 */
export class NoteKey {
  constructor(
    private readonly fields: FieldCipher,
    /** BLAKE2b-256 keyed with the case key over the label and the person key (docs/crypto.md). */
    private readonly key: Uint8Array,
    readonly caseKeyVersion: number,
  ) {}

  /** `value` sealed at `location` in the panoh-field/1 format. */
  seal(location: FieldLocation, value: string): Buffer {
    return this.withFieldKey((fieldKey) => this.fields.encrypt(fieldKey, this.caseKeyVersion, location, value));
  }

  /** The value sealed at `location`; IntegrityError when altered, moved or under another key. */
  open(location: FieldLocation, box: Buffer): string {
    return this.withFieldKey((fieldKey) => this.fields.decrypt(fieldKey, this.caseKeyVersion, location, box));
  }

  wipe(): void {
    this.key.fill(0);
  }

  private withFieldKey<T>(work: (fieldKey: FieldKey) => T): T {
    return this.fields.withFieldKey(this.key, work);
  }
}

/** Derives note keys from a case's and its person's open data keys. */
export class NoteCipher {
  constructor(
    private readonly sodium: Sodium,
    private readonly fields: FieldCipher,
  ) {}

  keyOf(caseKey: OpenDataKey, personKey: OpenDataKey): NoteKey {
    const input = Buffer.concat([Buffer.from(KEY_LABEL, 'utf8'), personKey.plaintext]);
    try {
      return new NoteKey(this.fields, this.sodium.crypto_generichash(32, input, caseKey.plaintext), caseKey.version);
    } finally {
      input.fill(0);
    }
  }
}
