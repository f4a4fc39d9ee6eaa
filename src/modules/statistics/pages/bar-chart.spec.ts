import { BarChart } from './bar-chart';

describe('the bar chart', () => {
  const chart = BarChart({
    id: 'c',
    title: 'Cases by region',
    desc: 'Bars of the table beside it',
    bars: [
      { label: 'Dushanbe', value: 20 },
      { label: 'Sughd', value: null },
      { label: 'Gorno-Badakhshan', value: 0 },
    ],
    withheld: 'withheld',
  }).text;

  it('is an image with its title and description', () => {
    expect(chart).toMatch(/^<svg class="chart"[^>]* role="img" aria-labelledby="c-title c-desc">/);
    expect(chart).toContain('<title id="c-title">Cases by region</title><desc id="c-desc">Bars of the table beside it</desc>');
  });

  it('draws a withheld count as no bar, with a mark and the word, never a number', () => {
    const [, withheld] = /<g class="withheld">(.*?)<\/g>/.exec(chart) ?? [];
    expect(withheld).toContain('Sughd');
    expect(withheld).not.toContain('<rect');
    expect(withheld).toContain('<line class="withheld-mark"');
    expect(withheld).toMatch(/>withheld<\/text>$/);
    expect(withheld).not.toMatch(/>\d+<\/text>/);
    expect(chart.match(/<rect class="bar"/g)).toHaveLength(2);
  });
});
