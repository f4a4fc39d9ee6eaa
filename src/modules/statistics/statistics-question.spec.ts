import { canonicalQuestion, questionDetail } from './statistics-question';
import type { StatisticsQueryDto } from './dto/statistics-query.dto';

describe('a statistical question', () => {
  it('has one canonical form: dimensions in the catalogue order, filter values sorted and once each', () => {
    const asked = { groupBy: ['gender', 'region'], region: ['TJ-SU', 'TJ-DU', 'TJ-SU'], year: ['2026', '2025'] };
    const reordered = { groupBy: ['region', 'gender'], year: ['2025', '2026'], region: ['TJ-DU', 'TJ-SU'] };
    expect(canonicalQuestion(asked as StatisticsQueryDto)).toEqual({
      groupBy: ['region', 'gender'],
      filters: { year: ['2025', '2026'], region: ['TJ-DU', 'TJ-SU'] },
    });
    expect(JSON.stringify(canonicalQuestion(reordered as StatisticsQueryDto))).toBe(
      JSON.stringify(canonicalQuestion(asked as StatisticsQueryDto)),
    );
  });

  it('is audited by its mode, dimensions and filters', () => {
    expect(questionDetail('suppression', { groupBy: ['region'], filters: { gender: ['Feminine'] } })).toEqual({
      mode: 'suppression',
      groupBy: ['region'],
      'filter.gender': ['Feminine'],
    });
  });
});
