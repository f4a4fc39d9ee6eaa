import { randomFillSync } from 'node:crypto';
import { IntegrityError } from './crypto.errors';
import { Sodium } from './sodium.provider';

/** Where a value is stored; the additional data binds its ciphertext there. */
export interface FieldLocation {
  table: string;
  column: string;
  rowId: string;
}

const FORMAT = 0x01;
const LABEL = Buffer.from('panoh-field/1', 'utf8');
const NONCE_BYTES = 24;
const COMMITMENT_BYTES = 32;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + 4 + NONCE_BYTES + COMMITMENT_BYTES;
/** Plaintexts are padded (ISO/IEC 7816-4) to a multiple of this, so a length tells less. */
const PAD_BLOCK = 32;

/**
 * Field encryption, format 1 (docs/crypto.md):
 *
 *   0x01 | data key version (uint32 BE) | nonce (24) | commitment (32) | XChaCha20-Poly1305 ciphertext + tag (16)
 *
 * AD = `panoh-field/1|table|column|row id|data key version`. From the data key, the nonce and the AD,
 * keyed BLAKE2b-512 derives the message key (first half) and the key commitment (second half), so a
 * ciphertext opens under one data key only (XChaCha20-Poly1305 alone does not commit to its key) and
 * only at its own place. Nonces come from node:crypto, several times faster here than randombytes_buf.
 */
export class FieldCipher {
  constructor(private readonly sodium: Sodium) {}

  encrypt(dataKey: Uint8Array, keyVersion: number, location: FieldLocation, plaintext: string): Buffer {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(FORMAT, 0);
    header.writeUInt32BE(keyVersion, 1);
    const nonce = randomFillSync(header.subarray(5, 5 + NONCE_BYTES));
    const ad = additionalData(location, keyVersion);
    const { messageKey, commitment } = this.derive(dataKey, nonce, ad);
    commitment.copy(header, 5 + NONCE_BYTES);
    const padded = this.sodium.pad(Buffer.from(plaintext, 'utf8'), PAD_BLOCK);
    const sealed = this.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, ad, null, nonce, messageKey);
    messageKey.fill(0);
    return Buffer.concat([header, sealed]);
  }

  /** The plaintext; IntegrityError for anything that was altered, moved, or is under another key. */
  decrypt(dataKey: Uint8Array, keyVersion: number, location: FieldLocation, box: Buffer): string {
    if (box.length < HEADER_BYTES + TAG_BYTES + PAD_BLOCK || box.readUInt8(0) !== FORMAT) {
      throw new IntegrityError(`${location.table}.${location.column}: unknown format or truncated`);
    }
    if (box.readUInt32BE(1) !== keyVersion) {
      throw new IntegrityError(`${location.table}.${location.column}: written under another data key version`);
    }
    const nonce = box.subarray(5, 5 + NONCE_BYTES);
    const ad = additionalData(location, keyVersion);
    const { messageKey, commitment } = this.derive(dataKey, nonce, ad);
    try {
      if (!this.sodium.memcmp(commitment, box.subarray(5 + NONCE_BYTES, HEADER_BYTES))) {
        throw new IntegrityError(`${location.table}.${location.column}: key commitment does not match`);
      }
      const padded = this.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        box.subarray(HEADER_BYTES),
        ad,
        nonce,
        messageKey,
      );
      return Buffer.from(this.sodium.unpad(padded, PAD_BLOCK)).toString('utf8');
    } catch (error) {
      if (error instanceof IntegrityError) throw error;
      throw new IntegrityError(`${location.table}.${location.column}: ciphertext failed its integrity check`);
    } finally {
      messageKey.fill(0);
    }
  }

  private derive(dataKey: Uint8Array, nonce: Uint8Array, ad: Buffer): { messageKey: Buffer; commitment: Buffer } {
    const block = Buffer.from(this.sodium.crypto_generichash(64, Buffer.concat([LABEL, nonce, ad]), dataKey));
    return { messageKey: block.subarray(0, 32), commitment: block.subarray(32) };
  }
}

function additionalData(location: FieldLocation, keyVersion: number): Buffer {
  return Buffer.from(`panoh-field/1|${location.table}|${location.column}|${location.rowId}|${keyVersion}`, 'utf8');
}
