import {
  bernoulliExpMinus,
  discreteGaussian,
  discreteGaussianPmf,
  discreteLaplace,
  exactRational,
  uniformBelow,
} from './discrete-gaussian';

/**
 * The statistical checks below are seed-free (the sampler reads the system's generator) but can fail
 * by chance with probability below 1e-9: each compares an observed frequency of an event with its
 * exact probability within Hoeffding's bound, P(|p̂ - p| >= t) <= 2 exp(-2 N t²), with t chosen so
 * that the bound summed over the events of one check stays below FAILURE; the four statistical checks
 * together fail by chance with probability below 1e-9.
 */
const FAILURE = 2.5e-10;
function tolerance(draws: number, events: number): number {
  return Math.sqrt(Math.log((2 * events) / FAILURE) / (2 * draws));
}

describe('discrete Gaussian', () => {
  it('reads doubles as exact rationals', () => {
    expect(exactRational(0.5)).toEqual({ n: 1n, d: 2n });
    expect(exactRational(0.046875)).toEqual({ n: 3n, d: 64n });
    expect(exactRational(3)).toEqual({ n: 3n, d: 1n });
    const tenth = exactRational(0.1);
    expect(Number(tenth.n) / Number(tenth.d)).toBe(0.1);
  });

  it('draws uniform integers below any bound', () => {
    const draws = 30000;
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < draws; i++) counts[Number(uniformBelow(5n))] += 1;
    const t = tolerance(draws, 5);
    for (const c of counts) expect(Math.abs(c / draws - 0.2)).toBeLessThan(t);
    expect(uniformBelow(1n)).toBe(0n);
    expect(() => uniformBelow(0n)).toThrow(RangeError);
  });

  it('draws Bernoulli(exp(-γ)) for γ below and above 1', () => {
    const draws = 30000;
    const t = tolerance(draws, 2);
    for (const gamma of [
      { n: 1n, d: 3n },
      { n: 7n, d: 4n },
    ]) {
      let ones = 0;
      for (let i = 0; i < draws; i++) if (bernoulliExpMinus(gamma)) ones += 1;
      expect(Math.abs(ones / draws - Math.exp(-Number(gamma.n) / Number(gamma.d)))).toBeLessThan(t);
    }
  });

  it('draws the discrete Laplace with its exact probabilities', () => {
    const draws = 30000;
    const scale = 3;
    const values = 9; // -4..4
    const t = tolerance(draws, values);
    const counts = new Map<number, number>();
    for (let i = 0; i < draws; i++) {
      const x = Number(discreteLaplace(BigInt(scale)));
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    const norm = (1 - Math.exp(-1 / scale)) / (1 + Math.exp(-1 / scale));
    for (let x = -4; x <= 4; x++) {
      const p = norm * Math.exp(-Math.abs(x) / scale);
      expect(Math.abs((counts.get(x) ?? 0) / draws - p)).toBeLessThan(t);
    }
  });

  it('draws the discrete Gaussian with its exact probabilities, integer and fractional variance', () => {
    const draws = 40000;
    for (const [sigma2, exact] of [
      [32 / 3, { n: 32n, d: 3n }],
      [4, { n: 4n, d: 1n }],
    ] as const) {
      const reach = 8;
      // Every value in -reach..reach and the tail beyond, for both variances.
      const t = tolerance(draws, 2 * (2 * reach + 2));
      const counts = new Map<number, number>();
      let tail = 0;
      let integers = 0;
      for (let i = 0; i < draws; i++) {
        const z = discreteGaussian(exact);
        if (Number.isInteger(z)) integers += 1;
        if (Math.abs(z) > reach) tail += 1;
        else counts.set(z, (counts.get(z) ?? 0) + 1);
      }
      let inside = 0;
      for (let z = -reach; z <= reach; z++) {
        const p = discreteGaussianPmf(z, sigma2);
        inside += p;
        expect(Math.abs((counts.get(z) ?? 0) / draws - p)).toBeLessThan(t);
      }
      expect(Math.abs(tail / draws - (1 - inside))).toBeLessThan(t);
      expect(integers).toBe(draws);
    }
  });

  it('refuses a variance that is not positive', () => {
    expect(() => discreteGaussian({ n: 0n, d: 1n })).toThrow(RangeError);
  });
});
