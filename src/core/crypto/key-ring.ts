import * as fs from 'node:fs';
import { CryptoConfig } from '../config/crypto.config';
import { KeyFileContents, KeyFileError, newKeyFile, parseKeyFile, readKeyFile, writeKeyFile } from './key-file';
import { Sodium } from './sodium.provider';

/** What a derived subkey is for; each purpose gets its own key from the same KEK version. */
export enum KeyPurpose {
  /** AES-256-KWP key that wraps data keys. */
  FieldWrap = 1,
  TotpSecret = 2,
}

const KDF_CONTEXT = 'panohkek'; // exactly 8 bytes, as crypto_kdf requires
/** A key file that changes is noticed within this time when the service wraps a new data key. */
export const FILE_CHECK_INTERVAL_MS = 5000;
/** An unknown KEK version makes the ring re-read its file at most this often. */
const UNKNOWN_VERSION_RELOAD_INTERVAL_MS = 1000;

/** Where the keys come from: a file the ring can re-read, or PANOH_KEYS, fixed for the process's life. */
export type KeySource = { kind: 'file'; path: string } | { kind: 'inline' };

/**
 * Keys from configuration, never from the database. Key-encryption keys carry versions; exactly one
 * is active for new data. Subkeys per purpose are derived with crypto_kdf_derive_from_key.
 *
 * A ring read from a file follows it: when it meets a KEK version it does not know (a data key
 * re-wrapped by `keys:rotate` in another process), on `reload()` (SIGHUP), and every few seconds
 * before it wraps a new data key. A version's key never changes; a file that changes one is refused.
 */
export class KeyRing {
  private keks = new Map<number, Uint8Array>();
  private readonly subkeys = new Map<string, Uint8Array>();
  private active: number;
  readonly blindIndexKey: Uint8Array;
  readonly auditSigningSeed: Uint8Array;
  private fileStamp = '';
  private lastFileCheck = 0;
  private lastUnknownReload = 0;

  constructor(
    private readonly sodium: Sodium,
    contents: KeyFileContents,
    readonly source: KeySource = { kind: 'inline' },
  ) {
    this.adopt(contents);
    this.blindIndexKey = Buffer.from(contents.blindIndexKey, 'base64');
    this.auditSigningSeed = Buffer.from(contents.auditSigningSeed, 'base64');
    this.fileStamp = this.stampOfFile();
    this.lastFileCheck = Date.now();
  }

  get activeVersion(): number {
    return this.active;
  }

  get versions(): number[] {
    return [...this.keks.keys()].sort((a, b) => a - b);
  }

  hasVersion(version: number): boolean {
    return this.keks.has(version);
  }

  /** The subkey for `purpose` under KEK `version`; unknown versions are an error, never a fallback. */
  subkey(purpose: KeyPurpose, version: number = this.active): Uint8Array {
    const cacheKey = `${purpose}:${version}`;
    let key = this.subkeys.get(cacheKey);
    if (!key) {
      const kek = this.requireKek(version);
      key = this.sodium.crypto_kdf_derive_from_key(32, purpose, KDF_CONTEXT, kek);
      this.subkeys.set(cacheKey, key);
    }
    return key;
  }

  /** The active version, after a cheap look at whether the key file has changed since the last look. */
  currentVersion(): number {
    if (this.source.kind === 'file' && Date.now() - this.lastFileCheck > FILE_CHECK_INTERVAL_MS) {
      this.lastFileCheck = Date.now();
      if (this.stampOfFile() !== this.fileStamp) this.reload();
    }
    return this.active;
  }

  /**
   * Re-reads the key file. New versions are added, retired ones dropped, the active version follows the
   * file. Returns false, changing nothing, when the keys are inline.
   */
  reload(): boolean {
    if (this.source.kind !== 'file') return false;
    const stamp = this.stampOfFile();
    const contents = readKeyFile(this.source.path);
    if (Buffer.from(contents.blindIndexKey, 'base64').compare(this.blindIndexKey) !== 0) {
      throw new KeyFileError(`${this.source.path}: blindIndexKey changed; blind indexes would stop matching`);
    }
    this.adopt(contents);
    this.fileStamp = stamp;
    return true;
  }

  private requireKek(version: number): Uint8Array {
    let kek = this.keks.get(version);
    if (
      !kek &&
      this.source.kind === 'file' &&
      Date.now() - this.lastUnknownReload > UNKNOWN_VERSION_RELOAD_INTERVAL_MS
    ) {
      this.lastUnknownReload = Date.now();
      this.reload();
      kek = this.keks.get(version);
    }
    if (!kek) throw new KeyFileError(`KEK version ${version} is not configured`);
    return kek;
  }

  private adopt(contents: KeyFileContents): void {
    const keks = new Map<number, Uint8Array>();
    for (const [text, encoded] of Object.entries(contents.keks)) {
      const version = Number(text);
      const key = Buffer.from(encoded, 'base64');
      const known = this.keks.get(version);
      if (known && Buffer.compare(known, key) !== 0) {
        throw new KeyFileError(`KEK version ${version} changed; a version's key must never change`);
      }
      keks.set(version, key);
    }
    for (const cacheKey of this.subkeys.keys()) {
      if (!keks.has(Number(cacheKey.split(':')[1]))) this.subkeys.delete(cacheKey);
    }
    this.keks = keks;
    this.active = contents.activeKekVersion;
  }

  private stampOfFile(): string {
    if (this.source.kind !== 'file') return '';
    try {
      const stat = fs.statSync(this.source.path);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return '';
    }
  }
}

export interface LoadedKeys {
  contents: KeyFileContents;
  source: KeySource;
  /** Set when a development key file was created by this call. */
  createdFile?: string;
}

/** Reads the keys from PANOH_KEYS or the key file; in development creates the key file at first start. */
export function loadKeys(config: CryptoConfig): LoadedKeys {
  if (config.inlineKeys) {
    return {
      contents: parseKeyFile(Buffer.from(config.inlineKeys, 'base64').toString('utf8'), 'PANOH_KEYS'),
      source: { kind: 'inline' },
    };
  }
  const source: KeySource = { kind: 'file', path: config.keyFile };
  if (!fs.existsSync(config.keyFile)) {
    if (!config.createIfMissing) throw new KeyFileError(`key file ${config.keyFile} does not exist (PANOH_KEY_FILE)`);
    const contents = newKeyFile();
    try {
      writeKeyFile(config.keyFile, contents, { exclusive: true });
      return { contents, source, createdFile: config.keyFile };
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { contents: readKeyFile(config.keyFile), source };
}
