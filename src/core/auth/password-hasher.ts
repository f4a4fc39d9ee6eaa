import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import * as argon2 from 'argon2';
import { authConfig } from '../config/auth.config';

/**
 * argon2id password hashes. argon2 (the npm package) writes the parameters as m,p,t; we store the
 * order of the reference implementation and the PHC string format (m,t,p), which it reads back alike.
 */
@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions;
  /** A hash of a random string, verified for unknown usernames so that they take as long as known ones. */
  private dummyHash?: Promise<string>;

  constructor(@Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    this.options = {
      type: argon2.argon2id,
      memoryCost: config.argon2.memoryKiB,
      timeCost: config.argon2.timeCost,
      parallelism: config.argon2.parallelism,
    };
  }

  async hash(password: string): Promise<string> {
    return canonicalEncoding(await argon2.hash(password, this.options));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as `verify` and always fails. */
  async verifyNobody(password: string): Promise<false> {
    this.dummyHash ??= this.hash(`nobody-${Math.random()}-${Date.now()}`);
    await this.verify(await this.dummyHash, password);
    return false;
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options) || hash !== canonicalEncoding(hash);
    } catch {
      return true;
    }
  }
}

export function canonicalEncoding(hash: string): string {
  return hash.replace(/\$m=(\d+),p=(\d+),t=(\d+)\$/, '$m=$1,t=$3,p=$2$');
}
