import * as fs from 'node:fs';
import { CryptoConfig } from '../config/crypto.config';
import { KeyFileContents, KeyFileError, newKeyFile, parseKeyFile, readKeyFile, writeKeyFile } from './key-file';
import { Sodium } from './sodium.provider';

/** What a derived subkey is for; each purpose gets its own key from the same KEK version. */
export enum KeyPurpose {
  FieldWrap = 1,
  TotpSecret = 2,
}

const KDF_CONTEXT = 'panohkek'; // exactly 8 bytes, as crypto_kdf requires

/**
 * Keys from configuration, never from the database. Key-encryption keys carry versions; exactly one
 * is active for new data. Subkeys per purpose are derived with crypto_kdf_derive_from_key.
 */
export class KeyRing {
  private readonly keks = new Map<number, Uint8Array>();
  private readonly subkeys = new Map<string, Uint8Array>();
  readonly activeVersion: number;
  readonly blindIndexKey: Uint8Array;
  readonly auditSigningSeed: Uint8Array;

  constructor(
    private readonly sodium: Sodium,
    contents: KeyFileContents,
  ) {
    for (const [version, key] of Object.entries(contents.keks))
      this.keks.set(Number(version), Buffer.from(key, 'base64'));
    this.activeVersion = contents.activeKekVersion;
    this.blindIndexKey = Buffer.from(contents.blindIndexKey, 'base64');
    this.auditSigningSeed = Buffer.from(contents.auditSigningSeed, 'base64');
  }

  get versions(): number[] {
    return [...this.keks.keys()].sort((a, b) => a - b);
  }

  hasVersion(version: number): boolean {
    return this.keks.has(version);
  }

  /** The subkey for `purpose` under KEK `version`; unknown versions are an error, never a fallback. */
  subkey(purpose: KeyPurpose, version: number = this.activeVersion): Uint8Array {
    const cacheKey = `${purpose}:${version}`;
    let key = this.subkeys.get(cacheKey);
    if (!key) {
      const kek = this.keks.get(version);
      if (!kek) throw new KeyFileError(`KEK version ${version} is not configured`);
      key = this.sodium.crypto_kdf_derive_from_key(32, purpose, KDF_CONTEXT, kek);
      this.subkeys.set(cacheKey, key);
    }
    return key;
  }
}

export interface LoadedKeys {
  contents: KeyFileContents;
  /** Set when a development key file was created by this call. */
  createdFile?: string;
}

/** Reads the keys from PANOH_KEYS or the key file; in development creates the key file at first start. */
export function loadKeys(config: CryptoConfig): LoadedKeys {
  if (config.inlineKeys) {
    return { contents: parseKeyFile(Buffer.from(config.inlineKeys, 'base64').toString('utf8'), 'PANOH_KEYS') };
  }
  if (!fs.existsSync(config.keyFile)) {
    if (!config.createIfMissing) throw new KeyFileError(`key file ${config.keyFile} does not exist (PANOH_KEY_FILE)`);
    const contents = newKeyFile();
    try {
      writeKeyFile(config.keyFile, contents);
      return { contents, createdFile: config.keyFile };
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { contents: readKeyFile(config.keyFile) };
}
