import fc from 'fast-check';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** The depth JSON.parse sees: the reference the scan is held to. */
function parsedDepth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(parsedDepth));
}

describe('the nesting limit of request bodies', () => {
  it('allows 32 levels and refuses 33', () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(nestsDeeperThan(bytes('['.repeat(32) + ']'.repeat(32)))).toBe(false);
    expect(nestsDeeperThan(bytes('['.repeat(33) + ']'.repeat(33)))).toBe(true);
    expect(nestsDeeperThan(bytes('{"a":'.repeat(33) + '1' + '}'.repeat(33)))).toBe(true);
  });

  it('refuses a deep body even when it never closes', () => {
    expect(nestsDeeperThan(bytes('['.repeat(20_000)))).toBe(true);
  });

  it('counts brackets inside strings as text, escaped quotes included', () => {
    expect(nestsDeeperThan(bytes(JSON.stringify({ a: '['.repeat(100), b: '\\"{{{{'.repeat(50) })))).toBe(false);
    expect(nestsDeeperThan(bytes(JSON.stringify(['"[[[', '\\', '{'.repeat(40)])))).toBe(false);
  });

  it('is not fooled by brackets in multi-byte characters', () => {
    expect(nestsDeeperThan(bytes(JSON.stringify({ name: 'Ҷӯраевна 嬀 ⁛'.repeat(40) })))).toBe(false);
  });

  it('agrees with JSON.parse on the depth of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 40 }), fc.integer({ min: 0, max: 40 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(nestsDeeperThan(bytes(text), max)).toBe(parsedDepth(JSON.parse(text)) > max);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
