import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { cellKey, MAX_PERTURBATION, perturb, RECORD_KEY_MODULUS } from './cell-key';

const sum = (keys: number[]): bigint => keys.reduce((s, k) => s + BigInt(k), 0n);

describe('cell-key perturbation', () => {
  it('gives the same count for the same cases, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: RECORD_KEY_MODULUS - 1 }), { minLength: 1, maxLength: 60 }),
        (keys) => {
          const published = perturb(keys.length, sum(keys));
          expect(perturb(keys.length, sum([...keys].reverse()))).toBe(published);
          expect(Math.abs(published - keys.length)).toBeLessThanOrEqual(MAX_PERTURBATION);
        },
      ),
    );
  });

  it('keeps a zero a zero and never publishes a negative count', () => {
    expect(perturb(0, 123456n)).toBe(0);
    for (let key = 0; key < RECORD_KEY_MODULUS; key += RECORD_KEY_MODULUS / 64)
      expect(perturb(1, key)).toBeGreaterThanOrEqual(0);
  });

  it('maps cell keys to [0, 1) modulo the record-key range', () => {
    expect(cellKey(0)).toBe(0);
    expect(cellKey(BigInt(RECORD_KEY_MODULUS) * 3n + 5n)).toBe(cellKey(5));
    expect(cellKey(RECORD_KEY_MODULUS - 1)).toBeLessThan(1);
  });

  it('makes the difference of two counts that differ by one case mostly something else than one', () => {
    // Two questions whose populations differ by one case: 20 cases against the same 20 and one more.
    const differences = new Map<number, number>();
    const trials = 20000;
    for (let trial = 0; trial < trials; trial++) {
      const keys = Array.from({ length: 20 }, () => randomInt(RECORD_KEY_MODULUS));
      const one = randomInt(RECORD_KEY_MODULUS);
      const d = perturb(21, sum([...keys, one])) - perturb(20, sum(keys));
      differences.set(d, (differences.get(d) ?? 0) + 1);
    }
    // Each perturbation is uniform over -2..2 and the two are independent: the difference 1 + (d1 - d2)
    // is 1 a fifth of the time; every value from -3 to 5 occurs.
    expect([...differences.keys()].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4, 5]);
    expect((differences.get(1) ?? 0) / trials).toBeGreaterThan(0.17);
    expect((differences.get(1) ?? 0) / trials).toBeLessThan(0.23);
    // A difference of 0 (nobody removed, as it would seem) is as likely as one of 2.
    expect(Math.abs((differences.get(0) ?? 0) - (differences.get(2) ?? 0)) / trials).toBeLessThan(0.03);
  });
});
