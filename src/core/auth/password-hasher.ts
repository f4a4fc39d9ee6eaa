import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import * as argon2 from 'argon2';
import { AuthConfig, authConfig } from '../config/auth.config';

/**
 * argon2id password hashes. argon2 (the npm package) writes the parameters as m,p,t; we store the
 * order of the reference implementation and the PHC string format (m,t,p), which it reads back alike.
 */
@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions;
  private readonly config: AuthConfig['argon2'];
  /** A hash of a random string, verified for unknown usernames so that they take as long as known ones. */
  private dummyHash?: Promise<string>;

  constructor(@Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    this.config = config.argon2;
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

  /**
   * Whether a stored hash is weaker than the configured parameters (less memory or fewer passes, or
   * not argon2id v19) or not in the canonical encoding. Never true for a stronger hash: a service
   * started with lower parameters by mistake must not weaken the hashes of everyone who logs in.
   */
  needsRehash(hash: string): boolean {
    const stored = storedParameters(hash);
    if (!stored) return true;
    const weaker = stored.m < this.config.memoryKiB || stored.t < this.config.timeCost;
    return weaker || stored.p !== this.config.parallelism || hash !== canonicalEncoding(hash);
  }
}

/** m, t and p of an argon2id v19 hash (`$argon2id$v=19$m=…,t=…,p=…$`, in any order), or undefined. */
function storedParameters(hash: string): { m: number; t: number; p: number } | undefined {
  const match = /^\$argon2id\$v=19\$([a-z0-9=,]+)\$/.exec(hash);
  if (!match) return undefined;
  const values = Object.fromEntries(match[1].split(',').map((pair) => pair.split('=')));
  const [m, t, p] = [Number(values.m), Number(values.t), Number(values.p)];
  return [m, t, p].every(Number.isInteger) ? { m, t, p } : undefined;
}

export function canonicalEncoding(hash: string): string {
  return hash.replace(/\$m=(\d+),p=(\d+),t=(\d+)\$/, '$m=$1,t=$3,p=$2$');
}
