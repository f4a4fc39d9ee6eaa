import fc from 'fast-check';
import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_JSON_MEMBERS, MAX_JSON_VALUES } from './json-shape';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const deeperThan = (text: string, depth = MAX_JSON_DEPTH) =>
  jsonShapeProblem(bytes(text), { depth, values: Infinity, members: Infinity }) === 'too deep';
const holdsMoreThan = (text: string, values = MAX_JSON_VALUES) =>
  jsonShapeProblem(bytes(text), { depth: Infinity, values, members: Infinity }) === 'too many values';
const hasObjectWiderThan = (text: string, members = MAX_JSON_MEMBERS) =>
  jsonShapeProblem(bytes(text), { depth: Infinity, values: Infinity, members }) === 'too many members';
const keys = (n: number, value = '0') => `{${Array.from({ length: n }, (_, i) => `"k${i}":${value}`).join(',')}}`;

/** The depth JSON.parse sees: the reference the scan is held to. */
function parsedDepth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(parsedDepth));
}

/** The most members of any object of a parsed value. */
function parsedWidestObject(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  const own = Array.isArray(value) ? 0 : children.length;
  return Math.max(own, ...children.map(parsedWidestObject));
}

/** The values JSON.parse makes: the value itself, each member's name and value, each element. */
function parsedValues(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  if (Array.isArray(value)) return 1 + value.reduce((sum: number, v) => sum + parsedValues(v), 0);
  return 1 + Object.values(value).reduce((sum: number, v) => sum + 1 + parsedValues(v), 0);
}

describe('the nesting limit of request bodies', () => {
  it('allows 32 levels and refuses 33', () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(jsonShapeProblem(bytes('['.repeat(32) + ']'.repeat(32)))).toBeUndefined();
    expect(jsonShapeProblem(bytes('['.repeat(33) + ']'.repeat(33)))).toBe('too deep');
    expect(jsonShapeProblem(bytes('{"a":'.repeat(33) + '1' + '}'.repeat(33)))).toBe('too deep');
  });

  it('refuses a deep body even when it never closes', () => {
    expect(jsonShapeProblem(bytes('['.repeat(20_000)))).toBe('too deep');
  });

  it('counts brackets inside strings as text, escaped quotes included', () => {
    expect(deeperThan(JSON.stringify({ a: '['.repeat(100), b: '\\"{{{{'.repeat(50) }))).toBe(false);
    expect(deeperThan(JSON.stringify(['"[[[', '\\', '{'.repeat(40)]))).toBe(false);
  });

  it('is not fooled by brackets in multi-byte characters', () => {
    expect(deeperThan(JSON.stringify({ name: 'Ҷӯраевна 嬀 ⁛'.repeat(40) }))).toBe(false);
  });

  it('agrees with JSON.parse on the depth of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 40 }), fc.integer({ min: 0, max: 40 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(deeperThan(text, max)).toBe(parsedDepth(JSON.parse(text)) > max);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe('the number of values a request body may hold', () => {
  const zeros = (n: number) => `[${new Array(n).fill(0).join(',')}]`;

  it('allows 10,000 values and refuses 10,001', () => {
    expect(MAX_JSON_VALUES).toBe(10_000);
    // The array itself is one value.
    expect(jsonShapeProblem(bytes(zeros(9_999)))).toBeUndefined();
    expect(jsonShapeProblem(bytes(zeros(10_000)))).toBe('too many values');
  });

  it('counts each name and each value of an object, and each small object of an array', () => {
    expect(holdsMoreThan(keys(4_999))).toBe(false);
    expect(holdsMoreThan(keys(5_000))).toBe(true);
    expect(holdsMoreThan(`[${new Array(9_999).fill('{}').join(',')}]`)).toBe(false);
    expect(holdsMoreThan(`[${new Array(10_000).fill('[]').join(',')}]`)).toBe(true);
  });

  it('stops counting at the bound, however long the rest, and whether or not it ever closes', () => {
    expect(jsonShapeProblem(bytes(zeros(900_000)))).toBe('too many values');
    expect(jsonShapeProblem(bytes(`[${'0,'.repeat(20_000)}`))).toBe('too many values');
  });

  it('counts commas and colons inside strings as text, and a long number or string as one value', () => {
    expect(holdsMoreThan(JSON.stringify({ a: ',:'.repeat(20_000), b: '\\",:"'.repeat(5_000) }), 5)).toBe(false);
    expect(holdsMoreThan(JSON.stringify([123456789, 'x'.repeat(50_000), true, null, -1.5e10]), 6)).toBe(false);
  });

  it('ignores whitespace between values', () => {
    expect(holdsMoreThan(' [ 1 ,\n 2 ,\t{ "a" : [ ] } ]\r\n', 6)).toBe(false);
    expect(holdsMoreThan(' [ 1 ,\n 2 ,\t{ "a" : [ ] } ]\r\n', 5)).toBe(true);
  });

  it('agrees with JSON.parse on the number of values of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 200 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(holdsMoreThan(text, max)).toBe(parsedValues(JSON.parse(text)) > max);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('the number of fields an object of a request body may hold', () => {
  it('allows 100 fields in each object and refuses 101 in any one', () => {
    expect(MAX_JSON_MEMBERS).toBe(100);
    expect(jsonShapeProblem(bytes(keys(100)))).toBeUndefined();
    expect(jsonShapeProblem(bytes(keys(101)))).toBe('too many members');
    expect(jsonShapeProblem(bytes(`{"a":[${keys(100)},${keys(100)}],"b":${keys(100)}}`))).toBeUndefined();
    expect(jsonShapeProblem(bytes(`{"a":[1,${keys(101)}]}`))).toBe('too many members');
  });

  it('counts the fields of the object they are in, not those of the objects inside them', () => {
    expect(hasObjectWiderThan(keys(60, keys(60)), 60)).toBe(false);
    expect(hasObjectWiderThan(`{"a":${keys(3)},"b":1,"c":2}`, 3)).toBe(false);
    expect(hasObjectWiderThan(`{"a":${keys(3)},"b":1,"c":2,"d":3}`, 3)).toBe(true);
  });

  it('refuses 180,000 keys at the 101st, in a body that never closes', () => {
    expect(jsonShapeProblem(bytes(keys(180_000).slice(0, -1)))).toBe('too many members');
  });

  it('agrees with JSON.parse on the widest object of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 12 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(hasObjectWiderThan(text, max)).toBe(parsedWidestObject(JSON.parse(text)) > max);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
