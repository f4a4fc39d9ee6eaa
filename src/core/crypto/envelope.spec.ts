import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IntegrityError } from './crypto.errors';
import { Envelope } from './envelope';
import { KeyFileError, newKeyFile, withNewKekVersion, writeKeyFile } from './key-file';
import { KeyRing } from './key-ring';
import { loadSodium } from './sodium.provider';

describe('Envelope (AES-256-KWP under a KEK version)', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-envelope-'));
    file = path.join(dir, 'keys', 'panoh-keys.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function ring(): Promise<KeyRing> {
    return new KeyRing(await loadSodium(), JSON.parse(fs.readFileSync(file, 'utf8')), { kind: 'file', path: file });
  }

  it('wraps a 32-byte data key into 40 bytes under the active version and unwraps it', async () => {
    writeKeyFile(file, newKeyFile());
    const envelope = new Envelope(await ring());
    const key = envelope.newDataKey();
    expect(key.wrapped.length).toBe(40);
    expect(key.kekVersion).toBe(1);
    expect(envelope.unwrap(key).equals(key.plaintext)).toBe(true);
  });

  it('refuses an altered wrapping, or the wrong KEK version', async () => {
    const contents = withNewKekVersion(newKeyFile()).contents;
    writeKeyFile(file, contents);
    const envelope = new Envelope(await ring());
    const key = envelope.newDataKey();
    const altered = Buffer.from(key.wrapped);
    altered[5] ^= 1;
    expect(() => envelope.unwrap({ ...key, wrapped: altered })).toThrow(IntegrityError);
    expect(() => envelope.unwrap({ ...key, kekVersion: 1 })).toThrow(IntegrityError);
  });

  it('re-wraps a data key under a version another process added to the key file', async () => {
    const first = newKeyFile();
    writeKeyFile(file, first);
    const service = new Envelope(await ring());
    const key = service.newDataKey();

    // Another process (keys:rotate) adds version 2 and re-wraps with it.
    const rotated = withNewKekVersion(first);
    writeKeyFile(file, rotated.contents);
    const rotator = new Envelope(await ring());
    const rewrapped = rotator.rewrap(key, 2);
    expect(rewrapped.kekVersion).toBe(2);

    // The service meets version 2, re-reads the file and opens it.
    expect(service.unwrap(rewrapped).equals(key.plaintext)).toBe(true);
  });

  it('never accepts a key file that changes the key of a known version', async () => {
    const first = newKeyFile();
    writeKeyFile(file, first);
    const keys = await ring();
    writeKeyFile(file, { ...first, keks: { '1': newKeyFile().keks['1'] } });
    expect(() => keys.reload()).toThrow(KeyFileError);
    expect(keys.versions).toEqual([1]);
  });

  it('writes a key file with mode 0600, atomically, and never replaces one when creating', () => {
    writeKeyFile(file, newKeyFile());
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(() => writeKeyFile(file, newKeyFile(), { exclusive: true })).toThrow(/EEXIST/);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['panoh-keys.json']);
  });
});
