/** How deep a request body may nest arrays and objects; no request of the API needs more than a few levels. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether the JSON text in `bytes` (UTF-8) nests arrays and objects deeper than `max`, found in one pass
 * over the raw bytes before anything parses them: the cost of a deep body is then that of reading it,
 * not of parsing, transforming and validating 20,000 levels (which held the event loop for seconds).
 * Brackets inside strings are text. In UTF-8 every byte of a multi-byte character is 0x80 or above,
 * so the ASCII bytes looked at here are always the characters they seem. Malformed JSON is left to the
 * parser; this only counts.
 */
export function nestsDeeperThan(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
