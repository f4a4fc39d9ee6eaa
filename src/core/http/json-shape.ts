/** How deep a request body may nest arrays and objects; no request of the API needs more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * How many values a request body may hold: the body itself, each member's name and value, each array
 * element. The largest body the API takes — a case with its person, ten identity documents, fifty
 * events and every code list filled in — holds fewer than 600; no request comes near 10,000. A body
 * of a million short values holds the event loop for seconds in what builds and validates it, so
 * that body is refused before it is parsed.
 */
export const MAX_JSON_VALUES = 10_000;

/**
 * How many fields one object of a body may hold. The largest request DTO declares 16. class-transformer
 * de-duplicates an object's keys in quadratic time: 5,000 keys in one object, within MAX_JSON_VALUES,
 * still cost it some 70 ms; 100 cost nothing.
 */
export const MAX_JSON_MEMBERS = 100;

export interface JsonShapeLimits {
  depth: number;
  values: number;
  members: number;
}

export const JSON_SHAPE_LIMITS: JsonShapeLimits = {
  depth: MAX_JSON_DEPTH,
  values: MAX_JSON_VALUES,
  members: MAX_JSON_MEMBERS,
};

/** What makes a body's shape one the service does not parse. */
export type JsonShapeProblem = 'too deep' | 'too many values' | 'too many members';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Whether the JSON text in `bytes` (UTF-8) nests deeper, holds more values or an object with more
 * members than `limits` allow, found in one pass over the raw bytes before anything parses them: the
 * cost of a deep or wide body is then that of reading it, not of parsing, building and validating
 * it. A value starts wherever a value may start — at the beginning, after `[`, `{`, `,` or `:` — so a
 * name counts as one too; each `:` is a member of the object it is in.
 * Brackets, commas and colons inside strings are text. In UTF-8 every byte of a multi-byte character
 * is 0x80 or above, so the ASCII bytes looked at here are always the characters they seem. Malformed
 * JSON is left to the parser; this only counts.
 */
export function jsonShapeProblem(
  bytes: Uint8Array,
  limits: JsonShapeLimits = JSON_SHAPE_LIMITS,
): JsonShapeProblem | undefined {
  let depth = 0;
  let values = 0;
  // The members of each open container, by depth (an array's stay 0); depth is bounded, so is this.
  const members: number[] = [0];
  let valueMayStart = true;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === SPACE || byte === TAB || byte === LINE_FEED || byte === CARRIAGE_RETURN) continue;
    if (byte === COMMA || byte === COLON) {
      if (byte === COLON && ++members[depth] > limits.members) return 'too many members';
      valueMayStart = true;
      continue;
    }
    if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      if (depth > 0) depth--;
      valueMayStart = false;
      continue;
    }
    if (valueMayStart && ++values > limits.values) return 'too many values';
    valueMayStart = false;
    if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limits.depth) return 'too deep';
      members[depth] = 0;
      valueMayStart = true;
    }
  }
  return undefined;
}
