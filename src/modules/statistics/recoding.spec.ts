import { foldedCategories, foldSmallCategories, Recoding } from './recoding';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';

const FIXED = ['a', 'b', 'c', 'd'];
const K = 5;
const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('global recoding', () => {
  describe('foldedCategories', () => {
    it('folds nothing when every category is empty or at least k', () => {
      expect(foldedCategories(counts({ a: 5, b: 0, c: 12, d: 7, '*': 24 }), FIXED, K)).toEqual(new Set());
    });

    it('folds the categories counting 0 < n < k, and leaves empty ones alone', () => {
      expect(foldedCategories(counts({ a: 3, b: 2, c: 12, '*': 17 }), FIXED, K)).toEqual(new Set(['a', 'b']));
    });

    it('adds the smallest remaining categories while other counts 0 < n < k, ties by code', () => {
      // `other` holds 2 (a folded) and then needs 3 more: c and d both count 6, c comes first.
      expect(foldedCategories(counts({ a: 2, b: 9, c: 6, d: 6 }), FIXED, K)).toEqual(new Set(['a', 'c']));
    });

    it('counts codes outside the fixed categories in other, and the total not at all', () => {
      expect(foldedCategories(counts({ x: 3, a: 7, b: 9, '*': 19 }), FIXED, K)).toEqual(new Set(['a']));
      expect(foldedCategories(counts({ x: 5, a: 7, '*': 12 }), FIXED, K)).toEqual(new Set());
    });

    it('stops when nothing is left to fold', () => {
      expect(foldedCategories(counts({ a: 1, b: 1 }), FIXED, K)).toEqual(new Set(['a', 'b']));
    });
  });

  it('refuses a filter naming a folded category, naming the dimension', () => {
    const question = { groupBy: ['gender' as const], filters: { gender: ['Feminine'] } };
    const overall = new Map([['gender' as const, counts({ Feminine: 2, Masculine: 40, NonSpecifiedUnknown: 3 })]]);
    const fixed = () => ['Feminine', 'Masculine', 'NonSpecifiedUnknown'];
    let error: unknown;
    try {
      foldSmallCategories(question, overall, fixed, K);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatisticsException);
    expect((error as StatisticsException).code).toBe(StatisticsErrorCode.CategoryFolded);
    expect((error as StatisticsException).field).toBe('gender');
    expect(foldSmallCategories({ ...question, filters: {} }, overall, fixed, K)).toEqual(
      new Map([['gender', new Set(['Feminine', 'NonSpecifiedUnknown'])]]),
    );
  });

  it('publishes a folded or unknown code under other, and lists the categories without the folded ones', () => {
    const recoding = new Recoding(() => FIXED, new Map([['region', new Set(['b'])]]));
    expect(['a', 'b', 'z', '*'].map((code) => recoding.recode('region', code))).toEqual(['a', 'other', 'other', '*']);
    expect(recoding.categories('region', {})).toEqual(['a', 'c', 'd', 'other']);
    expect(recoding.categories('region', { region: ['a', 'c'] })).toEqual(['a', 'c']);
    expect(recoding.categories('region', { region: ['a', 'z'] })).toEqual(['a', 'other']);
    expect(recoding.foldedOf(['region', 'gender'])).toEqual({ region: ['b'] });
  });
});
