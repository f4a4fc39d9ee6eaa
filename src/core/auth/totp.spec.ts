import { base32Encode, matchTotp, totpCode, totpStep } from './totp';

// RFC 6238 appendix B, SHA-1 column (8 digits there; the last 6 digits are the 6-digit code).
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];

describe('TOTP', () => {
  it.each(RFC_VECTORS)('matches the RFC 6238 test vector at %i s', (seconds, eightDigits) => {
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000))).toBe(eightDigits.slice(-6));
  });

  it('accepts a code once and refuses it again', () => {
    const now = 1_800_000_000_000;
    const code = totpCode(RFC_SECRET, totpStep(now));
    const step = matchTotp(RFC_SECRET, code, now, null);
    expect(step).toBe(totpStep(now));
    expect(matchTotp(RFC_SECRET, code, now, step ?? null)).toBeUndefined();
  });

  it('accepts the neighbouring step and refuses codes further away', () => {
    const now = 1_800_000_000_000;
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, totpStep(now) - 1), now, null)).toBeDefined();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, totpStep(now) - 3), now, null)).toBeUndefined();
  });

  it('refuses malformed codes', () => {
    expect(matchTotp(RFC_SECRET, '12345', 0, null)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, 'abcdef', 0, null)).toBeUndefined();
  });

  it('encodes base32 as RFC 4648 does', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
  });
});
