/**
 * A ciphertext or wrapped key that does not open: tampered with, moved to another row or column,
 * truncated, or under another key. The message names where, never what.
 */
export class IntegrityError extends Error {
  override name = 'IntegrityError';
}
