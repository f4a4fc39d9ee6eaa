import { randomBytes } from 'node:crypto';
import { IntegrityError } from './crypto.errors';
import { FieldCipher, FieldKey, FieldLocation } from './field-cipher';
import { loadSodium } from './sodium.provider';

describe('FieldCipher', () => {
  let cipher: FieldCipher;
  let key: FieldKey;
  const here: FieldLocation = { table: 'person', column: 'family_name', rowId: '5f0c3c1e-8a4e-4b8e-9d7a-1f2e3d4c5b6a' };

  beforeAll(async () => {
    cipher = new FieldCipher(await loadSodium());
    key = cipher.keyFor(randomBytes(32));
  });

  it('opens what it sealed, in any script', () => {
    for (const text of ['Каримова', 'Karimova', 'Ҷӯрабоева Ғ', 'کریمووا', '', 'x'.repeat(5000)]) {
      expect(cipher.decrypt(key, 1, here, cipher.encrypt(key, 1, here, text))).toBe(text);
    }
  });

  it('writes the versioned header: format 1, the data key version, a fresh nonce each time', () => {
    const a = cipher.encrypt(key, 7, here, 'Zarina');
    const b = cipher.encrypt(key, 7, here, 'Zarina');
    expect(a[0]).toBe(0x01);
    expect(a.readUInt32BE(1)).toBe(7);
    expect(a.subarray(5, 37).equals(b.subarray(5, 37))).toBe(true); // the commitment to the data key
    expect(a.subarray(37, 61).equals(b.subarray(37, 61))).toBe(false); // the nonce
    expect(a.equals(b)).toBe(false);
  });

  it('pads the plaintext so that short values of different lengths look alike', () => {
    expect(cipher.encrypt(key, 1, here, 'Li').length).toBe(cipher.encrypt(key, 1, here, 'Abdurakhmonova').length);
  });

  it('refuses a ciphertext moved to another row', () => {
    const box = cipher.encrypt(key, 1, here, 'Zarina');
    expect(() => cipher.decrypt(key, 1, { ...here, rowId: 'another-row' }, box)).toThrow(IntegrityError);
  });

  it('refuses a ciphertext moved to another column or table', () => {
    const box = cipher.encrypt(key, 1, here, 'Zarina');
    expect(() => cipher.decrypt(key, 1, { ...here, column: 'given_name' }, box)).toThrow(IntegrityError);
    expect(() => cipher.decrypt(key, 1, { ...here, table: 'case' }, box)).toThrow(IntegrityError);
  });

  it('refuses a ciphertext with any single bit flipped, header included', () => {
    const box = cipher.encrypt(key, 1, here, 'Zarina Karimova');
    for (let byte = 0; byte < box.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = Buffer.from(box);
        flipped[byte] ^= 1 << bit;
        expect(() => cipher.decrypt(key, 1, here, flipped)).toThrow(IntegrityError);
      }
    }
  });

  it('refuses a truncated or extended ciphertext', () => {
    const box = cipher.encrypt(key, 1, here, 'Zarina');
    expect(() => cipher.decrypt(key, 1, here, box.subarray(0, box.length - 1))).toThrow(IntegrityError);
    expect(() => cipher.decrypt(key, 1, here, Buffer.concat([box, Buffer.from([0])]))).toThrow(IntegrityError);
    expect(() => cipher.decrypt(key, 1, here, Buffer.alloc(0))).toThrow(IntegrityError);
  });

  it('refuses another data key, and another data key version', () => {
    const box = cipher.encrypt(key, 1, here, 'Zarina');
    expect(() => cipher.decrypt(cipher.keyFor(randomBytes(32)), 1, here, box)).toThrow(IntegrityError);
    expect(() => cipher.decrypt(key, 2, here, box)).toThrow(IntegrityError);
  });

  it('checks the key commitment: a changed commitment fails before decryption is tried', () => {
    const box = cipher.encrypt(key, 1, here, 'Zarina');
    box[5] ^= 0x80;
    expect(() => cipher.decrypt(key, 1, here, box)).toThrow(/commitment/);
  });

  it('opens a ciphertext under its own data key only, even with a message key that would fit', () => {
    // The AEAD with another data key's message key fails anyway; with the right message key but a
    // commitment to another key (what a key-partitioning attack needs), the commitment refuses it.
    const box = cipher.encrypt(key, 1, here, 'Zarina');
    const other = cipher.keyFor(randomBytes(32));
    expect(() => cipher.decrypt({ messageKey: key.messageKey, commitment: other.commitment }, 1, here, box)).toThrow(
      /commitment/,
    );
  });

  it('names where an integrity failure happened, never the content', () => {
    const box = cipher.encrypt(key, 1, here, 'Zarina');
    box[box.length - 1] ^= 1;
    try {
      cipher.decrypt(key, 1, here, box);
      throw new Error('decrypted');
    } catch (error) {
      expect((error as Error).message).toContain('person.family_name');
      expect((error as Error).message).not.toContain('Zarina');
    }
  });
});
