import * as fs from 'node:fs';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeyFileError, readKeyFile, withNewKekVersion, withoutKekVersion, writeKeyFile } from './key-file';
import { FILE_CHECK_INTERVAL_MS, KeyRing } from './key-ring';
import type { KeyStatusDto } from './dto/key-status.dto';
import { keyStatusReport } from './key-status';
import { KeyVersionUser } from './key-version-user';

/** Time for a key wrapped just before an instance looked at the key file to be committed. */
const SETTLE_MARGIN_MS = 1000;

/** Taken for the whole of a rotation or retirement, so two never change the key file at once. */
const KEY_CHANGE_LOCK = 7_340_031_001;

export interface KeyStatus {
  activeVersion: number;
  configuredVersions: number[];
  /** For each user (data keys, TOTP secrets), how many items each KEK version wraps. */
  usage: Array<{ name: string; byVersion: Map<number, number> }>;
  /** Per version, the earliest time one of its items was wrapped under it (of those that keep times). */
  firstWrapped: Map<number, Date>;
  /** Where the keys come from: a key file rotation can write, or the environment. */
  source: 'file' | 'environment';
}

export interface RotationResult {
  toVersion: number;
  /** True when this run added the version; false when it continued an unfinished rotation. */
  addedVersion: boolean;
  rewrapped: number;
  /** Items still under an older version (held by another transaction during the run). */
  remaining: number;
}

/**
 * KEK rotation: add a version to the key file and make it active, then re-wrap every data key (and
 * sealed secret) under it in batches, each batch its own transaction, while the service keeps
 * serving. Running it again after a crash continues where it stopped. A version is retired (removed
 * from the key file) only when nothing uses it.
 */
@Injectable()
export class KeyRotationService {
  private readonly users: KeyVersionUser[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeyRing,
  ) {}

  /** Adds something stored under KEK versions; modules register theirs when they start. */
  register(user: KeyVersionUser): void {
    if (!this.users.includes(user)) this.users.push(user);
  }

  async status(): Promise<KeyStatus> {
    this.keys.reload();
    const usage = [];
    const firstWrapped = new Map<number, Date>();
    for (const user of this.users) {
      usage.push({ name: user.name, byVersion: await user.countByVersion() });
      for (const [version, at] of (await user.firstWrappedByVersion?.()) ?? []) {
        const known = firstWrapped.get(version);
        if (!known || at < known) firstWrapped.set(version, at);
      }
    }
    return {
      activeVersion: this.keys.activeVersion,
      configuredVersions: this.keys.versions,
      usage,
      firstWrapped,
      source: this.keys.source.kind === 'file' ? 'file' : 'environment',
    };
  }

  /** The status as an administrator reads it (GET /keys): states, counts and ages, never a key. */
  async report(now = new Date()): Promise<KeyStatusDto> {
    return keyStatusReport(await this.status(), now);
  }

  async rotate(batchSize: number, onBatch: (rewrapped: number) => void = () => undefined): Promise<RotationResult> {
    return this.underLock(async () => {
      this.keys.reload();
      let addedVersion = false;
      if ((await this.countBelow(this.keys.activeVersion)) === 0) {
        if (this.keys.source.kind !== 'file') {
          throw new KeyFileError(
            'the keys come from PANOH_KEYS, which rotation cannot write: add a new KEK version to them, make it ' +
              'active, deploy them to every instance, then run keys:rotate again to re-wrap',
          );
        }
        const next = withNewKekVersion(readKeyFile(this.keys.source.path));
        writeKeyFile(this.keys.source.path, next.contents);
        this.keys.reload();
        if (this.keys.activeVersion !== next.version) throw new KeyFileError('the key file changed during rotation');
        addedVersion = true;
      }
      const target = this.keys.activeVersion;
      let rewrapped = await this.rewrapAll(target, batchSize, 0, onBatch);
      // Other instances reading the same key file go on wrapping new keys under the old version until
      // they next look at the file (KeyRing.currentVersion, at most FILE_CHECK_INTERVAL_MS apart). Wait
      // until every one of them must have looked, then take what they wrapped meanwhile.
      const settled = this.keyFileChangedAt() + FILE_CHECK_INTERVAL_MS + SETTLE_MARGIN_MS;
      if (Date.now() < settled) {
        await new Promise((resolve) => setTimeout(resolve, settled - Date.now()));
        rewrapped = await this.rewrapAll(target, batchSize, rewrapped, onBatch);
      }
      return { toVersion: target, addedVersion, rewrapped, remaining: await this.countBelow(target) };
    });
  }

  private async rewrapAll(
    target: number,
    batchSize: number,
    rewrapped: number,
    onBatch: (rewrapped: number) => void,
  ): Promise<number> {
    for (const user of this.users) {
      for (;;) {
        const done = await user.rewrapBatch(target, batchSize);
        if (done === 0) break;
        rewrapped += done;
        onBatch(rewrapped);
      }
    }
    return rewrapped;
  }

  private keyFileChangedAt(): number {
    if (this.keys.source.kind !== 'file') return 0;
    return fs.statSync(this.keys.source.path).mtimeMs;
  }

  /** Removes KEK `version` from the key file; refused while it is active or anything uses it. */
  async retire(version: number): Promise<void> {
    await this.underLock(async () => {
      this.keys.reload();
      if (this.keys.source.kind !== 'file') {
        throw new KeyFileError('the keys come from PANOH_KEYS: remove the version there and redeploy');
      }
      if (version === this.keys.activeVersion) throw new KeyFileError(`KEK version ${version} is the active version`);
      const inUse = await this.countAt(version);
      if (inUse > 0) {
        throw new KeyFileError(`KEK version ${version} still wraps ${inUse} item(s); run keys:rotate first`);
      }
      writeKeyFile(this.keys.source.path, withoutKekVersion(readKeyFile(this.keys.source.path), version));
      this.keys.reload();
    });
  }

  private async countBelow(version: number): Promise<number> {
    return this.count((v) => v < version);
  }

  private async countAt(version: number): Promise<number> {
    return this.count((v) => v === version);
  }

  private async count(matches: (version: number) => boolean): Promise<number> {
    let total = 0;
    for (const user of this.users) {
      for (const [version, count] of await user.countByVersion()) if (matches(version)) total += count;
    }
    return total;
  }

  private async underLock<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [KEY_CHANGE_LOCK])) as [
        { locked: boolean },
      ];
      if (!locked) throw new KeyFileError('another key rotation or retirement is running');
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [KEY_CHANGE_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}
