import { FeasibleRegion } from '../linear-audit';
import {
  canonicalKey,
  isAcyclic,
  protectLinked,
  TooDetailedError,
  UnprotectableError,
  withheldBounds,
} from './linked-protection';
import { CATALOGUE } from './release-contract';
import type { LinkedEntry, LinkedLine } from './release-contract';

const K = 11;

/** A one-dimensional line: total `t` over members `m0..` with these counts. */
function line(counts: number[], options: { published?: string[]; withheld?: string[] } = {}) {
  const members = counts.map((_, i) => `m${i}`);
  const entries: LinkedEntry[] = [
    ...counts.map((count, i) => ({ key: members[i], count })),
    { key: 't', count: counts.reduce((a, b) => a + b, 0) },
  ].map((e) => ({
    ...e,
    ...(options.published?.includes(e.key) ? { published: true } : {}),
    ...(options.withheld?.includes(e.key) ? { withheld: true } : {}),
  }));
  const lines: LinkedLine[] = [{ total: 't', members }];
  return { entries, lines };
}

describe('canonicalKey', () => {
  it('names every release dimension in a fixed order, TOTAL where the table does not split it', () => {
    expect(canonicalKey({ year: '2025', region: 'TJ-GB' })).toBe('2025|*|TJ-GB|*|*|*|*|*|*|*');
    expect(canonicalKey({ region: 'TJ-GB', year: '2025' })).toBe(canonicalKey({ year: '2025', region: 'TJ-GB' }));
    expect(canonicalKey({})).toBe('*|*|*|*|*|*|*|*|*|*');
  });
});

describe('FeasibleRegion.minimise', () => {
  it('finds the lower bound a reader can put on an unknown (x + y = 12, y <= 3 ⇒ x >= 9)', () => {
    // x + y = 12, y + s = 3 (s a slack).
    const region = new FeasibleRegion(
      [
        [
          { column: 0, coefficient: 1 },
          { column: 1, coefficient: 1 },
        ],
        [
          { column: 1, coefficient: 1 },
          { column: 2, coefficient: 1 },
        ],
      ],
      [12, 3],
      3,
      { work: 1e9 },
    );
    expect(region.minimise(0).value).toBeCloseTo(9);
    expect(region.maximise(0).value).toBeCloseTo(12);
    expect(region.minimise(1).value).toBeCloseTo(0);
  });
});

describe('protectLinked', () => {
  it('withholds every entry counting 0 < n < k and a complement so that none is recovered', () => {
    const system = line([20, 3, 15, 0]);
    const { withheld } = protectLinked(system, K);
    expect(withheld.has('m1')).toBe(true);
    expect(withheld.size).toBeGreaterThan(1);
    expect(withheldBounds(system, withheld, K, { work: 1e9 }, false)).toEqual([]);
  });

  it('withholds the zeros of a line that has a withheld entry', () => {
    const { withheld } = protectLinked(line([20, 3, 15, 0, 0]), K);
    expect(withheld.has('m3')).toBe(true);
    expect(withheld.has('m4')).toBe(true);
  });

  it('publishes nothing withheld when every count is 0 or at least k', () => {
    expect(protectLinked(line([20, 0, 15]), K).withheld.size).toBe(0);
  });

  it('refuses when only an entry published earlier could protect a small one', () => {
    // The total and the large member were published: the small one is their difference.
    expect(() => protectLinked(line([20, 3], { published: ['t', 'm0'] }), K)).toThrow(UnprotectableError);
  });

  it('finds the lower bound above 0 when published entries force a small group to exist', () => {
    // x + y = 13 with y <= 11 (y's own line): x >= 2 tells that group x exists.
    const entries: LinkedEntry[] = [
      { key: 'x', count: 2 },
      { key: 'y', count: 11 },
      { key: 't', count: 13 },
      { key: 'z', count: 0 },
      { key: 'u', count: 11 },
    ];
    const lines: LinkedLine[] = [
      { total: 't', members: ['x', 'y'] },
      { total: 'u', members: ['y', 'z'] },
    ];
    const bounds = withheldBounds({ entries, lines }, new Set(['x', 'y', 'z']), K, { work: 1e9 }, false);
    expect(bounds).toEqual([{ key: 'x', count: 2, lower: 2, upper: 13 }]);
  });
});

describe('isAcyclic', () => {
  it('takes the catalogue and a two-way request linked through one margin as decomposable', () => {
    const sets = CATALOGUE.map((t) => t.dimensions);
    expect(isAcyclic(sets)).toBe(true);
    expect(isAcyclic([...sets, ['region', 'gender']])).toBe(true);
    expect(isAcyclic([...sets, ['region', 'gender', 'exploitationType']])).toBe(true);
  });

  it('finds the cycle region×gender, gender×age, age×region', () => {
    expect(
      isAcyclic([
        ['region', 'gender'],
        ['gender', 'ageBand'],
        ['ageBand', 'region'],
      ]),
    ).toBe(false);
    expect(
      isAcyclic([
        ['region', 'gender'],
        ['gender', 'ageBand'],
        ['ageBand', 'region'],
        ['region', 'gender', 'ageBand'],
      ]),
    ).toBe(true);
  });
});

describe('protectLinked work budget', () => {
  it('refuses as too detailed when the programs would take more work than allowed', () => {
    expect(() => protectLinked(line([20, 3, 15, 4]), K, { work: 10 })).toThrow(TooDetailedError);
  });
});
