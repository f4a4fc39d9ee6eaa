import { discreteLaplace, sensitivityOf } from './differential-privacy';

describe('differential privacy', () => {
  it('counts how many published entries one case can change', () => {
    expect(sensitivityOf([false], 11)).toBe(2); // its cell and the total
    expect(sensitivityOf([false, false, false], 11)).toBe(8);
    expect(sensitivityOf([true], 11)).toBe(12); // a cell per type, and the total once
    expect(sensitivityOf([false, true], 11)).toBe(1 + 1 + 11 + 11);
  });

  it('draws integer noise centred on zero with the spread of its scale', () => {
    const draws = Array.from({ length: 40000 }, () => discreteLaplace(1, 2));
    expect(draws.every(Number.isInteger)).toBe(true);
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    const variance = draws.reduce((s, d) => s + d * d, 0) / draws.length;
    // Two-sided geometric with alpha = e^(-1/2): variance 2 alpha / (1 - alpha)^2 ≈ 7.83.
    const alpha = Math.exp(-0.5);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(variance).toBeGreaterThan(0.9 * ((2 * alpha) / (1 - alpha) ** 2));
    expect(variance).toBeLessThan(1.1 * ((2 * alpha) / (1 - alpha) ** 2));
  });
});
