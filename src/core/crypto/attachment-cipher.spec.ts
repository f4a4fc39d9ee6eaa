import { randomBytes, randomUUID } from 'node:crypto';
import { AttachmentCipher } from './attachment-cipher';
import { IntegrityError } from './crypto.errors';
import { FieldCipher } from './field-cipher';
import { loadSodium } from './sodium.provider';

describe('AttachmentCipher', () => {
  let cipher: AttachmentCipher;
  const key = (version = 1) => ({ id: randomUUID(), version, plaintext: randomBytes(32) });
  const caseKey = key();
  const personKey = key();

  beforeAll(async () => {
    const sodium = await loadSodium();
    cipher = new AttachmentCipher(sodium, new FieldCipher(sodium));
  });

  const sealed = (id: string, parts: Buffer[]) => {
    const encryptor = cipher.keyOf(caseKey, personKey).encryptor(id);
    return { header: encryptor.header, boxes: parts.map((p, i) => encryptor.push(p, i === parts.length - 1)) };
  };
  const parts = [randomBytes(100), randomBytes(100), randomBytes(7)];

  it('opens its chunks in order under the same two keys', () => {
    const id = randomUUID();
    const { header, boxes } = sealed(id, parts);
    const open = cipher.keyOf(caseKey, personKey).decryptor(id, header, boxes.length);
    expect(boxes.map((box, i) => open(i, box))).toEqual(parts);
  });

  it('refuses another person key, another attachment, a reordered or a cut stream', () => {
    const id = randomUUID();
    const { header, boxes } = sealed(id, parts);
    expect(() => cipher.keyOf(caseKey, key()).decryptor(id, header, 3)).toThrow(IntegrityError);
    expect(() => cipher.keyOf(key(), personKey).decryptor(id, header, 3)).toThrow(IntegrityError);
    expect(() => cipher.keyOf(caseKey, personKey).decryptor(randomUUID(), header, 3)(0, boxes[0])).toThrow(
      IntegrityError,
    );
    const reordered = cipher.keyOf(caseKey, personKey).decryptor(id, header, 3);
    expect(() => reordered(0, boxes[1])).toThrow(IntegrityError);
    const cut = cipher.keyOf(caseKey, personKey).decryptor(id, header, 2);
    cut(0, boxes[0]);
    expect(() => cut(1, boxes[1])).toThrow(IntegrityError); // not final, yet the last expected
    const longer = cipher.keyOf(caseKey, personKey).decryptor(id, header, 4);
    longer(0, boxes[0]);
    longer(1, boxes[1]);
    expect(() => longer(2, boxes[2])).toThrow(IntegrityError); // final too early
  });
});
