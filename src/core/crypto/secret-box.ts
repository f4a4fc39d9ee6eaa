import { randomFillSync } from 'node:crypto';
import { KeyPurpose, KeyRing } from './key-ring';
import { Sodium } from './sodium.provider';

/**
 * Small secrets of the platform (TOTP seeds) sealed with XChaCha20-Poly1305 under a subkey of the
 * active KEK. Layout: format byte 0x01 | KEK version (uint32 BE) | 24-byte nonce | ciphertext+tag.
 * The additional data binds the value to where it is stored and to the key version.
 */
export class SecretBox {
  static readonly FORMAT = 0x01;

  constructor(
    private readonly sodium: Sodium,
    private readonly keys: KeyRing,
    private readonly purpose: KeyPurpose,
  ) {}

  /** The KEK version a sealed secret is under. */
  static versionOf(box: Buffer): number {
    if (box.length < 5 || box.readUInt8(0) !== SecretBox.FORMAT) throw new Error('sealed secret has an unknown format');
    return box.readUInt32BE(1);
  }

  seal(plaintext: Uint8Array, context: string, version: number = this.keys.currentVersion()): Buffer {
    const header = Buffer.alloc(5);
    header.writeUInt8(SecretBox.FORMAT, 0);
    header.writeUInt32BE(version, 1);
    const nonce = randomFillSync(Buffer.alloc(24));
    const sealed = this.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      plaintext,
      this.additionalData(context, version),
      null,
      nonce,
      this.keys.subkey(this.purpose, version),
    );
    return Buffer.concat([header, nonce, sealed]);
  }

  open(box: Buffer, context: string): Uint8Array {
    if (box.length < 5 + 24 + 16 || box.readUInt8(0) !== SecretBox.FORMAT)
      throw new Error('sealed secret has an unknown format');
    const version = box.readUInt32BE(1);
    return this.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      box.subarray(29),
      this.additionalData(context, version),
      box.subarray(5, 29),
      this.keys.subkey(this.purpose, version),
    );
  }

  /** The same secret sealed under KEK `version`, for key rotation. */
  reseal(box: Buffer, context: string, version: number): Buffer {
    return this.seal(this.open(box, context), context, version);
  }

  private additionalData(context: string, version: number): Buffer {
    return Buffer.from(`${context}|${version}`, 'utf8');
  }
}
