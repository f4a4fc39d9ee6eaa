import { planBlindIndex } from './planner';

describe('planning a blind index length', () => {
  it('keeps between 2 and √N rows per value, at the longest such length', () => {
    for (const population of [16, 100, 1000, 12345, 100000, 1_000_000, 50_000_000]) {
      const plan = planBlindIndex(population);
      expect(population / 2 ** plan.bits).toBeGreaterThanOrEqual(2);
      expect(population / 2 ** plan.bits).toBeLessThanOrEqual(Math.sqrt(population));
      expect(population / 2 ** (plan.bits + 1)).toBeLessThan(2); // one bit more would single people out
      expect(plan.minBits).toBeLessThanOrEqual(plan.bits);
    }
  });

  it('chooses 15 bits for the default estimate of 100,000 persons, about 3 per value', () => {
    const plan = planBlindIndex(100000);
    expect(plan).toMatchObject({ bits: 15, minBits: 9, maxBits: 15 });
    expect(plan.rowsPerValue).toBeCloseTo(3.05, 2);
  });

  it('refuses a population too small to hide anyone', () => {
    expect(() => planBlindIndex(10)).toThrow(RangeError);
  });
});
