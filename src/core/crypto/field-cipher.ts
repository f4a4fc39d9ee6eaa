import { randomFillSync, timingSafeEqual } from 'node:crypto';
import { IntegrityError } from './crypto.errors';
import { Sodium } from './sodium.provider';

/** Where a value is stored; the additional data binds its ciphertext there. */
export interface FieldLocation {
  table: string;
  column: string;
  rowId: string;
}

/** What a data key gives field encryption: the message key and the commitment to the data key. */
export interface FieldKey {
  messageKey: Uint8Array;
  commitment: Buffer;
}

const FORMAT = 0x01;
const KDF_CONTEXT = 'panohfld'; // 8 bytes, as crypto_kdf requires
const MESSAGE_KEY_ID = 1;
const COMMITMENT_ID = 2;
const COMMITMENT_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const COMMITMENT_AT = 1 + 4;
const NONCE_AT = COMMITMENT_AT + COMMITMENT_BYTES;
const HEADER_BYTES = NONCE_AT + NONCE_BYTES;
/** Plaintexts are padded (ISO/IEC 7816-4) to a multiple of this, so a length tells less. */
const PAD_BLOCK = 32;

/**
 * Field encryption, format 1 (docs/crypto.md):
 *
 *   0x01 | data key version (uint32 BE) | key commitment (32) | nonce (24) | XChaCha20-Poly1305 ciphertext + tag (16)
 *
 * From the data key, crypto_kdf derives the message key (subkey 1) and the key commitment (subkey 2).
 * XChaCha20-Poly1305 alone does not commit to its key; with the commitment checked first, a
 * ciphertext opens under one data key only. The additional data,
 * `panoh-field/1|table|column|row id|data key version`, makes a ciphertext moved elsewhere fail.
 * Nonces come from node:crypto, several times faster here than libsodium's randombytes_buf.
 */
export class FieldCipher {
  constructor(private readonly sodium: Sodium) {}

  /** Derives the field key of a data key; derive once per record, wipe after use. */
  keyFor(dataKey: Uint8Array): FieldKey {
    return {
      messageKey: this.sodium.crypto_kdf_derive_from_key(32, MESSAGE_KEY_ID, KDF_CONTEXT, dataKey),
      commitment: Buffer.from(
        this.sodium.crypto_kdf_derive_from_key(COMMITMENT_BYTES, COMMITMENT_ID, KDF_CONTEXT, dataKey),
      ),
    };
  }

  /** Runs `work` with the field key of `dataKey`, wiped afterwards whatever happens. */
  withFieldKey<T>(dataKey: Uint8Array, work: (key: FieldKey) => T): T {
    const fieldKey = this.keyFor(dataKey);
    try {
      return work(fieldKey);
    } finally {
      wipeFieldKey(fieldKey);
    }
  }

  encrypt(key: FieldKey, keyVersion: number, location: FieldLocation, plaintext: string): Buffer {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(FORMAT, 0);
    header.writeUInt32BE(keyVersion, 1);
    key.commitment.copy(header, COMMITMENT_AT);
    const nonce = randomFillSync(header.subarray(NONCE_AT, HEADER_BYTES));
    const sealed = this.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      pad(Buffer.from(plaintext, 'utf8')),
      additionalData(location, keyVersion),
      null,
      nonce,
      key.messageKey,
    );
    return Buffer.concat([header, sealed]);
  }

  /** The plaintext; IntegrityError for anything that was altered, moved, or is under another key. */
  decrypt(key: FieldKey, keyVersion: number, location: FieldLocation, box: Buffer): string {
    const where = `${location.table}.${location.column}`;
    if (box.length < HEADER_BYTES + PAD_BLOCK + TAG_BYTES || box.readUInt8(0) !== FORMAT) {
      throw new IntegrityError(`${where}: unknown format or truncated`);
    }
    if (box.readUInt32BE(1) !== keyVersion) {
      throw new IntegrityError(`${where}: written under another data key version`);
    }
    if (!timingSafeEqual(key.commitment, box.subarray(COMMITMENT_AT, NONCE_AT))) {
      throw new IntegrityError(`${where}: key commitment does not match`);
    }
    let padded: Uint8Array;
    try {
      padded = this.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        box.subarray(HEADER_BYTES),
        additionalData(location, keyVersion),
        box.subarray(NONCE_AT, HEADER_BYTES),
        key.messageKey,
      );
    } catch {
      throw new IntegrityError(`${where}: ciphertext failed its integrity check`);
    }
    return unpad(padded, where).toString('utf8');
  }
}

export function wipeFieldKey(key: FieldKey): void {
  key.messageKey.fill(0);
  key.commitment.fill(0);
}

function additionalData(location: FieldLocation, keyVersion: number): Buffer {
  return Buffer.from(`panoh-field/1|${location.table}|${location.column}|${location.rowId}|${keyVersion}`, 'utf8');
}

/** ISO/IEC 7816-4: 0x80, then zeros up to the next multiple of PAD_BLOCK (always at least one byte). */
function pad(plaintext: Buffer): Buffer {
  const padded = Buffer.alloc((Math.floor(plaintext.length / PAD_BLOCK) + 1) * PAD_BLOCK);
  plaintext.copy(padded);
  padded[plaintext.length] = 0x80;
  return padded;
}

function unpad(padded: Uint8Array, where: string): Buffer {
  const buffer = Buffer.from(padded.buffer, padded.byteOffset, padded.byteLength);
  let end = buffer.length - 1;
  while (end >= 0 && buffer[end] === 0) end--;
  // Authenticated already, so a bad padding means a writer bug, not an attack; still never a 500.
  if (end < 0 || buffer[end] !== 0x80) throw new IntegrityError(`${where}: bad padding`);
  return buffer.subarray(0, end);
}
