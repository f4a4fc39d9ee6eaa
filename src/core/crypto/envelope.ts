import { createCipheriv, createDecipheriv, createSecretKey, KeyObject, randomFillSync } from 'node:crypto';
import { IntegrityError } from './crypto.errors';
import { KeyPurpose, KeyRing } from './key-ring';

/** RFC 5649's alternative initial value: AES Key Wrap with Padding checks it on unwrap. */
const KWP_IV = Buffer.from('a65959a6', 'hex');
const KWP = 'id-aes256-wrap-pad';
export const DATA_KEY_BYTES = 32;

export interface WrappedDataKey {
  wrapped: Buffer;
  kekVersion: number;
}

/**
 * Envelope encryption: each record has a random 256-bit data key, stored only wrapped with
 * AES-256-KWP (RFC 5649, as ASVS 5 asks) under the FieldWrap subkey of a KEK version.
 */
export class Envelope {
  /** Imported once per wrapping key (it saves a fifth of an unwrap); follows the ring's own cache. */
  private readonly imported = new WeakMap<Uint8Array, KeyObject>();

  constructor(private readonly keys: KeyRing) {}

  /** A fresh data key and its wrapping under the active KEK version. */
  newDataKey(): { plaintext: Buffer } & WrappedDataKey {
    const plaintext = randomFillSync(Buffer.alloc(DATA_KEY_BYTES));
    return { plaintext, ...this.wrap(plaintext) };
  }

  wrap(plaintext: Uint8Array, kekVersion: number = this.keys.currentVersion()): WrappedDataKey {
    const cipher = createCipheriv(KWP, this.wrappingKey(kekVersion), KWP_IV);
    return { wrapped: Buffer.concat([cipher.update(plaintext), cipher.final()]), kekVersion };
  }

  /** The data key; IntegrityError when the wrapping was altered or is not under this version. */
  unwrap(key: WrappedDataKey): Buffer {
    const wrappingKey = this.wrappingKey(key.kekVersion);
    let plaintext: Buffer;
    try {
      const decipher = createDecipheriv(KWP, wrappingKey, KWP_IV);
      plaintext = Buffer.concat([decipher.update(key.wrapped), decipher.final()]);
    } catch {
      throw new IntegrityError('a wrapped data key failed its integrity check');
    }
    if (plaintext.length !== DATA_KEY_BYTES) throw new IntegrityError('a wrapped data key has the wrong length');
    return plaintext;
  }

  /** The same data key wrapped under `kekVersion`; the field ciphertext is untouched. */
  rewrap(key: WrappedDataKey, kekVersion: number): WrappedDataKey {
    const plaintext = this.unwrap(key);
    try {
      return this.wrap(plaintext, kekVersion);
    } finally {
      plaintext.fill(0);
    }
  }

  private wrappingKey(kekVersion: number): KeyObject {
    const raw = this.keys.subkey(KeyPurpose.FieldWrap, kekVersion);
    let key = this.imported.get(raw);
    if (!key) {
      key = createSecretKey(raw);
      this.imported.set(raw, key);
    }
    return key;
  }
}
