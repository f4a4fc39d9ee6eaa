import { createHash, randomBytes } from 'node:crypto';

/** How many codes one set holds. */
export const RECOVERY_CODE_COUNT = 10;

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16; // 16 × 5 bits = 80 random bits
const GROUP = 4;

/**
 * A fresh set of recovery codes, as shown to the user once: `XXXX-XXXX-XXXX-XXXX`, 80 random bits
 * each. 256 is a multiple of 32, so taking each byte modulo 32 leaves no bias.
 */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte % 32]).join('');
    return chars.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
  });
}

/**
 * A code as typed back: case, spaces and hyphens do not matter, and the letters Crockford's alphabet
 * leaves out read as the digits they look like (O → 0, I and L → 1). Undefined when it cannot be a code.
 */
export function normaliseRecoveryCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH || [...code].some((char) => !ALPHABET.includes(char))) return undefined;
  return code;
}

/**
 * What is stored of a code. A plain SHA-256 is enough, unlike for a password: a code holds 80 random
 * bits, so whoever reads the hashes from the database would still have to try about 2^79 codes for
 * each, far beyond any hardware whether the hash is slow or not (a slow hash only helps secrets that
 * people choose). The user's id goes into it so that the same code of two users hashes apart.
 */
export function hashRecoveryCode(userId: string, normalised: string): Buffer {
  return createHash('sha256').update(`panoh-recovery-code:${userId}:${normalised}`, 'utf8').digest();
}
