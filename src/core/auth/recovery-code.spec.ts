import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-code';

const USER = '6f1c1b8e-2d3a-4a4e-9a53-0c1f3f1e2a01';

describe('recovery codes', () => {
  it('makes ten distinct codes of four groups of four characters of Crockford base32', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('reads a code back whatever its case, spacing and hyphens, and the letters that look like digits', () => {
    const [code] = newRecoveryCodes(1);
    const plain = code.replace(/-/g, '');
    expect(normaliseRecoveryCode(code)).toBe(plain);
    expect(normaliseRecoveryCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(plain);
    expect(normaliseRecoveryCode('oooo-iiii-2222-333l')).toBe('0000111122223331');
  });

  it('refuses what cannot be a code', () => {
    expect(normaliseRecoveryCode('')).toBeUndefined();
    expect(normaliseRecoveryCode('ABCD-EFGH-JKMN')).toBeUndefined();
    expect(normaliseRecoveryCode('ABCD-EFGH-JKMN-PQRU')).toBeUndefined(); // U is not in the alphabet
    expect(normaliseRecoveryCode('ABCD-EFGH-JKMN-PQRST')).toBeUndefined();
  });

  it('hashes a code to 32 bytes, differently for each user', () => {
    const code = normaliseRecoveryCode(newRecoveryCodes(1)[0]) as string;
    expect(hashRecoveryCode(USER, code)).toHaveLength(32);
    expect(hashRecoveryCode(USER, code)).toEqual(hashRecoveryCode(USER, code));
    expect(hashRecoveryCode(USER, code)).not.toEqual(hashRecoveryCode('00000000-0000-4000-8000-000000000001', code));
  });
});
