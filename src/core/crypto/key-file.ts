import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The key file: key-encryption keys by version with one active, the blind-index root key and the
 * audit signing seed. Version 1 of the format; docs/crypto.md describes it.
 */
export interface KeyFileContents {
  format: 'panoh-keys/1';
  activeKekVersion: number;
  keks: Record<string, string>;
  blindIndexKey: string;
  auditSigningSeed: string;
}

export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

export function parseKeyFile(json: string, source: string): KeyFileContents {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new KeyFileError(`${source} is not valid JSON`);
  }
  const file = data as Partial<KeyFileContents>;
  if (file.format !== 'panoh-keys/1') throw new KeyFileError(`${source}: unknown format (expected panoh-keys/1)`);
  if (!Number.isInteger(file.activeKekVersion))
    throw new KeyFileError(`${source}: activeKekVersion must be a whole number`);
  if (!file.keks || typeof file.keks !== 'object') throw new KeyFileError(`${source}: keks is missing`);
  for (const [version, key] of Object.entries(file.keks)) {
    if (!/^[1-9]\d*$/.test(version))
      throw new KeyFileError(`${source}: KEK version "${version}" is not a positive whole number`);
    requireKey(key, `${source}: KEK version ${version}`);
  }
  if (!file.keks[String(file.activeKekVersion)]) {
    throw new KeyFileError(`${source}: the active KEK version ${file.activeKekVersion} is not in keks`);
  }
  requireKey(file.blindIndexKey, `${source}: blindIndexKey`);
  requireKey(file.auditSigningSeed, `${source}: auditSigningSeed`);
  return file as KeyFileContents;
}

function requireKey(value: unknown, what: string): void {
  if (typeof value !== 'string' || Buffer.from(value, 'base64').length !== 32) {
    throw new KeyFileError(`${what} must be 32 bytes in base64`);
  }
}

export function newKeyFile(): KeyFileContents {
  return {
    format: 'panoh-keys/1',
    activeKekVersion: 1,
    keks: { '1': randomBytes(32).toString('base64') },
    blindIndexKey: randomBytes(32).toString('base64'),
    auditSigningSeed: randomBytes(32).toString('base64'),
  };
}

/**
 * Writes the key file atomically with mode 0600, in a folder of mode 0700, and flushes it to disk
 * before it replaces the old one: a key file lost in a crash loses the data it protects. With
 * `exclusive`, an existing file is never replaced (EEXIST).
 */
export function writeKeyFile(file: string, contents: KeyFileContents, options: { exclusive?: boolean } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, JSON.stringify(contents, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (options.exclusive) fs.linkSync(temporary, file);
    else fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

export function readKeyFile(file: string): KeyFileContents {
  const stat = fs.statSync(file);
  if ((stat.mode & 0o077) !== 0) {
    throw new KeyFileError(
      `${file} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}); chmod 600 it`,
    );
  }
  return parseKeyFile(fs.readFileSync(file, 'utf8'), file);
}

/** The same keys with a new KEK version, one above the highest, made active. */
export function withNewKekVersion(contents: KeyFileContents): { contents: KeyFileContents; version: number } {
  const version = Math.max(...Object.keys(contents.keks).map(Number)) + 1;
  return {
    version,
    contents: {
      ...contents,
      activeKekVersion: version,
      keks: { ...contents.keks, [String(version)]: randomBytes(32).toString('base64') },
    },
  };
}

/** The same keys without KEK `version`; the active version cannot be removed. */
export function withoutKekVersion(contents: KeyFileContents, version: number): KeyFileContents {
  if (version === contents.activeKekVersion) throw new KeyFileError(`KEK version ${version} is the active version`);
  if (!contents.keks[String(version)]) throw new KeyFileError(`KEK version ${version} is not in the key file`);
  const keks = { ...contents.keks };
  delete keks[String(version)];
  return { ...contents, keks };
}
