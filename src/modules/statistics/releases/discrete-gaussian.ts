import { randomBytes } from 'node:crypto';

/**
 * The discrete Gaussian N_Z(0, σ²): P(Z = z) ∝ exp(-z² / (2σ²)) on the integers, sampled exactly
 * (Canonne, Kamath, Steinke, "The Discrete Gaussian for Differential Privacy", NeurIPS 2020,
 * Algorithms 1–3). Exactly means every step is a comparison of integers: σ² is a rational p/q, every
 * Bernoulli trial compares a uniform integer with an integer bound, and nothing is rounded through
 * floating point, which would leave some outputs (and so some inputs) more likely than the privacy
 * analysis says. Added to a count of sensitivity 1 it gives ρ-zero-concentrated differential privacy
 * with ρ = 1 / (2σ²).
 *
 * Randomness comes from the operating system's generator (node:crypto); nothing is seeded, so a
 * release cannot be recomputed to strip its noise.
 */

/** A non-negative rational n / d, d > 0, kept in integers. */
export interface Rational {
  n: bigint;
  d: bigint;
}

/** Random bytes drawn in blocks: one system call per block rather than per trial. */
class RandomPool {
  private buffer = randomBytes(0);
  private at = 0;

  byte(): number {
    if (this.at >= this.buffer.length) {
      this.buffer = randomBytes(4096);
      this.at = 0;
    }
    return this.buffer[this.at++];
  }
}

const pool = new RandomPool();

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

const SMALL = 2 ** 48;
const SMALL_BIG = BigInt(SMALL);

/** Uniform on {0, ..., bound - 1} for bound <= 2^48, in doubles (exact: every value is an integer below 2^53). */
function uniformBelowSmall(bound: number): number {
  const limit = SMALL - (SMALL % bound);
  for (;;) {
    let x = 0;
    for (let i = 0; i < 6; i++) x = x * 256 + pool.byte();
    if (x < limit) return x % bound;
  }
}

/** Uniform on {0, ..., bound - 1}: whole random bytes, with rejection so every value is equally likely. */
export function uniformBelow(bound: bigint): bigint {
  if (bound <= 0n) throw new RangeError('uniformBelow needs a positive bound');
  if (bound === 1n) return 0n;
  if (bound <= SMALL_BIG) return BigInt(uniformBelowSmall(Number(bound)));
  const bits = bitLength(bound - 1n);
  const bytes = Math.ceil(bits / 8);
  const excess = BigInt(bytes * 8 - bits);
  for (;;) {
    let x = 0n;
    for (let i = 0; i < bytes; i++) x = (x << 8n) | BigInt(pool.byte());
    x >>= excess;
    if (x < bound) return x;
  }
}

/** Bernoulli(n / d) for 0 <= n <= d. */
function bernoulli(n: bigint, d: bigint): boolean {
  return uniformBelow(d) < n;
}

/**
 * Bernoulli(exp(-γ)) for a rational γ >= 0 (CKS Algorithm 1). The arithmetic runs in doubles while
 * every integer involved stays below 2^48 (so it is exact), in BigInt otherwise: the same algorithm,
 * the doubles only because they are much faster.
 */
export function bernoulliExpMinus(gamma: Rational): boolean {
  const { n, d } = gamma;
  if (d <= SMALL_BIG && n <= SMALL_BIG) return bernoulliExpMinusSmall(Number(n), Number(d));
  if (n <= d) {
    // P(the first failure of Bernoulli(γ/k), k = 1, 2, ... comes at an odd k) = exp(-γ).
    let k = 1n;
    while (bernoulli(n, d * k)) k += 1n;
    return k % 2n === 1n;
  }
  for (let i = 0n; i < n / d; i++) if (!bernoulliExpMinusSmall(1, 1)) return false;
  return bernoulliExpMinus({ n: n % d, d });
}

function bernoulliExpMinusSmall(n: number, d: number): boolean {
  if (n <= d) {
    let k = 1;
    for (;;) {
      const bound = d * k;
      const success = bound <= SMALL ? uniformBelowSmall(bound) < n : bernoulli(BigInt(n), BigInt(d) * BigInt(k));
      if (!success) break;
      k += 1;
    }
    return k % 2 === 1;
  }
  const whole = Math.floor(n / d);
  for (let i = 0; i < whole; i++) if (!bernoulliExpMinusSmall(1, 1)) return false;
  return bernoulliExpMinusSmall(n - whole * d, d);
}

/** The discrete Laplace with P(X = x) ∝ exp(-|x| / t), for a positive integer t (CKS Algorithm 2, s = 1). */
export function discreteLaplace(t: bigint): bigint {
  for (;;) {
    const u = uniformBelow(t);
    if (!bernoulliExpMinus({ n: u, d: t })) continue;
    let v = 0n;
    while (bernoulliExpMinusSmall(1, 1)) v += 1n;
    const x = u + t * v;
    const negative = uniformBelowSmall(2) === 1;
    if (negative && x === 0n) continue;
    return negative ? -x : x;
  }
}

function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r -= 1n;
  while ((r + 1n) * (r + 1n) <= x) r += 1n;
  return r;
}

/**
 * One draw of the discrete Gaussian with variance parameter σ² = sigma2.n / sigma2.d (CKS Algorithm
 * 3): a discrete Laplace proposal with t = ⌊σ⌋ + 1, accepted with probability
 * exp(-(|y| - σ²/t)² / (2σ²)), computed as exp(-(|y| t d - n)² / (2 n d t²)).
 */
export function discreteGaussian(sigma2: Rational): number {
  const { n, d } = sigma2;
  if (n <= 0n || d <= 0n) throw new RangeError('discreteGaussian needs a positive variance');
  const t = isqrt(n / d) + 1n;
  for (;;) {
    const y = discreteLaplace(t);
    const magnitude = y < 0n ? -y : y;
    const offset = magnitude * t * d - n;
    if (bernoulliExpMinus({ n: offset * offset, d: 2n * n * d * t * t })) return Number(y);
  }
}

/** The exact value of a finite double as a rational whose denominator is a power of two. */
export function exactRational(x: number): Rational {
  if (!Number.isFinite(x) || x < 0) throw new RangeError('exactRational needs a finite non-negative number');
  let d = 1n;
  let y = x;
  while (!Number.isInteger(y)) {
    y *= 2; // exact: doubling a double only moves its exponent
    d *= 2n;
  }
  return reduce({ n: BigInt(y), d });
}

export function reduce(r: Rational): Rational {
  let a = r.n < 0n ? -r.n : r.n;
  let b = r.d;
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? { n: 0n, d: 1n } : { n: r.n / a, d: r.d / a };
}

/**
 * The discrete Gaussian's probability of z, for tests and documentation (floating point, not used to
 * sample): exp(-z²/2σ²) over the normalising sum.
 */
export function discreteGaussianPmf(z: number, sigma2: number): number {
  let norm = 0;
  const reach = Math.ceil(12 * Math.sqrt(sigma2)) + 12;
  for (let x = -reach; x <= reach; x++) norm += Math.exp(-(x * x) / (2 * sigma2));
  return Math.exp(-(z * z) / (2 * sigma2)) / norm;
}
