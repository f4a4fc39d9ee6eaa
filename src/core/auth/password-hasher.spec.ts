import * as argon2 from 'argon2';
import { ARGON2, parseAuthConfig } from '../config/auth.config';
import { canonicalEncoding, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const production = new PasswordHasher(parseAuthConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }));
  const hashWith = async (memoryCost: number, timeCost: number) =>
    canonicalEncoding(await argon2.hash('a password', { type: argon2.argon2id, memoryCost, timeCost, parallelism: 1 }));

  it('rehashes a hash weaker than the configured parameters', async () => {
    expect(production.needsRehash(await hashWith(1024, 1))).toBe(true);
    expect(production.needsRehash(await hashWith(ARGON2.memoryKiB, 1))).toBe(true);
  });

  it('keeps a hash with the configured parameters, in either order of t and p', async () => {
    const hash = await hashWith(ARGON2.memoryKiB, ARGON2.timeCost);
    expect(production.needsRehash(hash)).toBe(false);
    expect(production.needsRehash(hash.replace(/t=(\d+),p=(\d+)/, 'p=$2,t=$1'))).toBe(true); // not canonical
  });

  it('never weakens a stronger hash, even when started with lower parameters', async () => {
    const strong = await hashWith(ARGON2.memoryKiB, ARGON2.timeCost + 1);
    expect(production.needsRehash(strong)).toBe(false);
    const cheap = new PasswordHasher(parseAuthConfig({ NODE_ENV: 'test' }));
    expect(cheap.needsRehash(await hashWith(ARGON2.memoryKiB, ARGON2.timeCost))).toBe(false);
  });

  it('rehashes what is not argon2id v19', () => {
    expect(production.needsRehash('$argon2i$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(production.needsRehash('not a hash')).toBe(true);
  });
});
