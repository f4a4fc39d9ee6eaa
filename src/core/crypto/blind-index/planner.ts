/**
 * CipherSweet's rule for a blind index's length: with N rows, each index value should be shared by
 * at least 2 rows (so a value never singles out one person) and at most √N rows (so a lookup still
 * narrows the search). With L bits there are N / 2^L rows per value, so
 *
 *   2 ≤ N / 2^L ≤ √N   ⇔   log2(N) / 2 ≤ L ≤ log2(N) − 1.
 *
 * The plan takes the longest safe length: fewest false positives to decrypt and discard.
 */
export interface BlindIndexPlan {
  population: number;
  bits: number;
  minBits: number;
  maxBits: number;
  /** Expected rows sharing one value at `bits`. */
  rowsPerValue: number;
}

export function planBlindIndex(population: number): BlindIndexPlan {
  if (!Number.isFinite(population) || population < 16) {
    throw new RangeError('a blind index needs a population estimate of at least 16');
  }
  const log = Math.log2(population);
  const minBits = Math.ceil(log / 2);
  const maxBits = Math.floor(log - 1);
  return { population, bits: maxBits, minBits, maxBits, rowsPerValue: population / 2 ** maxBits };
}
