import { randomBytes } from 'node:crypto';

/** A uniform number in (0, 1) from 53 random bits of the system's strong random source. */
function uniform(): number {
  for (;;) {
    const bits = randomBytes(8).readBigUInt64BE() >> 11n;
    if (bits !== 0n) return Number(bits) / 2 ** 53;
  }
}

/** Geometric on {0, 1, ...} with P(X = x) = (1 - alpha) alpha^x. */
function geometric(alpha: number): number {
  return Math.floor(Math.log(uniform()) / Math.log(alpha));
}

/**
 * Discrete Laplace (two-sided geometric) noise giving ε-differential privacy to a count of L1
 * sensitivity `sensitivity`: P(Z = z) ∝ exp(-ε |z| / sensitivity). (Ghosh, Roughgarden, Sundararajan.)
 */
export function discreteLaplace(epsilon: number, sensitivity: number): number {
  const alpha = Math.exp(-epsilon / sensitivity);
  return geometric(alpha) - geometric(alpha);
}

/**
 * How many published entries one case can change: in each grouping set (cells and every margin) a
 * case counts in one entry, or in one per exploitation type when the set groups by type.
 */
export function sensitivityOf(multiValued: boolean[], maxValues: number): number {
  let total = 0;
  for (let subset = 0; subset < 1 << multiValued.length; subset++) {
    let entries = 1;
    multiValued.forEach((multi, i) => {
      if (multi && subset & (1 << i)) entries *= maxValues;
    });
    total += entries;
  }
  return total;
}
