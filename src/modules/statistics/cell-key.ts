/**
 * The cell-key method (Australian Bureau of Statistics, "TableBuilder"; ONS): every case carries a
 * fixed random record key in [0, 2^31); an entry's cell key is the sum of its cases' keys modulo 2^31,
 * scaled to [0, 1); a fixed table maps the cell key to a perturbation. The same set of cases always
 * gets the same published count, however often or in whatever question it is asked, and two counts
 * that differ by one case get unrelated perturbations, so their difference does not reveal that case.
 */
export const RECORD_KEY_MODULUS = 2 ** 31;

/** Perturbations by cell-key interval: uniform over -2..+2, mean 0. */
const PERTURBATIONS = [-2, -1, 0, 1, 2] as const;
export const MAX_PERTURBATION = 2;

export function cellKey(keySum: bigint | number): number {
  const sum = BigInt(keySum);
  const modulus = BigInt(RECORD_KEY_MODULUS);
  return Number(((sum % modulus) + modulus) % modulus) / RECORD_KEY_MODULUS;
}

/** The published count of an entry with `n` cases whose record keys sum to `keySum`. Zero stays zero. */
export function perturb(n: number, keySum: bigint | number): number {
  if (n === 0) return 0;
  const index = Math.min(PERTURBATIONS.length - 1, Math.floor(cellKey(keySum) * PERTURBATIONS.length));
  return Math.max(0, n + PERTURBATIONS[index]);
}
