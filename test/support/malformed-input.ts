import fc from 'fast-check';

/**
 * Malformed values for every place a request carries input. Every made-up string carries MARKER, so
 * an answer that echoes any of them is caught wherever the echo lands; the few fixed malformed forms
 * without it (bad dates, bad UUIDs) are listed in FIXED_MALFORMED and looked for too.
 */
export const MARKER = 'Zq9';

const marked = fc.stringMatching(/^[a-z0-9]{5}$/).map((s) => `${MARKER}${s}`);

/** C0 controls (NUL, BEL, BS, VT, FF, ESC, US), DEL and C1 controls. */
const CONTROL_CODES = [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85, 0x9f];

export const BAD_DAYS = [
  '2025',
  '2025-06',
  '2025-W01',
  '+2025-01-01',
  '9999-12-31',
  '2025-123',
  '20250101',
  '2025-02-30',
  '2025-06-01T25:00:00Z',
  '0000-00-00',
];
export const BAD_UUIDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '{00000000-0000-4000-8000-000000000000}',
  '00000000000040008000000000000000',
  '00000000-0000-4000-8000-0000000000001',
];
/** The fixed malformed strings long enough to be told apart from the text of an answer. */
export const FIXED_MALFORMED = [...BAD_DAYS, ...BAD_UUIDS].filter((s) => s.length >= 8);

/** Strings a field must refuse (or, for free text, may keep: a line break). */
export const malformedString: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(marked, fc.constantFrom(...CONTROL_CODES)).map(([m, code]) => `${m}${String.fromCharCode(code)}${m}`),
  marked.map((m) => `${m}\n\t${m}`),
  marked.map((m) => m + 'x'.repeat(70_000)),
  marked.map((m) => `${m}\ud800`),
  fc.constantFrom('', ' ', '\u00a0\u3000'),
  marked,
  fc.constantFrom(...BAD_DAYS),
  fc.constantFrom(...BAD_UUIDS),
);

/** Arrays nested past the body parser's limit of 32 levels. */
const deepArray = fc.integer({ min: 33, max: 2000 }).map((depth) => {
  let value: unknown[] = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
});

/**
 * Values wide past the body parser's limits (an object of 100 fields, 10,000 values), each within its
 * depth: many keys, a long array, many small objects. Refused before parsing, on any route.
 */
const wideValue: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .integer({ min: 101, max: 8_000 })
    .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 0]))),
  fc.integer({ min: 10_001, max: 30_000 }).map((n) => new Array<number>(n).fill(0)),
  fc.integer({ min: 10_001, max: 15_000 }).map((n) => Array.from({ length: n }, () => ({}))),
);

/** A JSON value of the wrong type or shape for any field. */
export const malformedJson: fc.Arbitrary<unknown> = fc.oneof(
  malformedString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.constant([[]]),
  fc.constant([null]),
  fc.constant(2 ** 60),
  marked.map((m) => ({ extraField: m })),
  marked.map((m) => [m]),
  marked.map((m) => Array.from({ length: 2000 }, () => m)),
  deepArray,
  wideValue,
);

/**
 * A field name the DTO does not have. One shaped like a field name (letters and digits, at most 64)
 * may be named in the answer, as the field at fault, so it carries no MARKER; the others (spaces,
 * control characters, length) must never be written out.
 */
export const extraFieldName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('isAdmin', 'organisationId', 'role'),
  // Names every object has through its prototype: refused like any field the DTO lacks.
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toString',
    'valueOf',
    '__defineGetter__',
    '__lookupSetter__',
  ),
  fc.stringMatching(/^[a-z]{6}$/).map((s) => `extra${s}`),
  marked.map((m) => `${m} with spaces`),
  marked.map((m) => `${m}\u0000`),
  marked.map((m) => m + 'k'.repeat(300)),
);

/** A whole body that is not a JSON object of the DTO, as raw text. */
export const junkBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('[]', 'null', '"text"', '42', '{', '{"a":', '{}', '[[]]', '{"a":1,"a":2}', '{"__proto__":{"x":1}}'),
  fc.constant('['.repeat(20_000) + ']'.repeat(20_000)),
  fc.constant('{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)),
  fc.constant(`{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":0`).join(',')}}`),
  fc.constant(`{"totpCode":[${new Array(900_000).fill(0).join(',')}]}`),
  fc.constant(`[${new Array(100_000).fill('{}').join(',')}]`),
  fc.constant('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}'),
  marked.map((m) => JSON.stringify([{ extraField: m }])),
);

/**
 * A path segment or query value that is not what the route takes. Each is written into the URL as it
 * stands: `encoded` values are percent-encoded first, the others are raw (bad percent-encoding).
 */
export interface UrlValue {
  text: string;
  encoded: boolean;
}

export const malformedUrlValue: fc.Arbitrary<UrlValue> = fc.oneof(
  fc.constantFrom('%FF%FE', '%00', '%E0%A4%A', '%', '%ED%A0%80', '%C0%AF', '..', '%2e%2e').map((text) => ({
    text,
    encoded: false,
  })),
  malformedString.filter((s) => s.length < 4000 && !/[\ud800-\udfff]/.test(s)).map((text) => ({ text, encoded: true })),
  marked.map((m) => ({ text: m + 'x'.repeat(3000), encoded: true })),
  fc.constantFrom('1e309', '-1', '1.5', 'NaN', 'Infinity', '0x10', '12abc', String(2 ** 60)).map((text) => ({
    text,
    encoded: true,
  })),
);
