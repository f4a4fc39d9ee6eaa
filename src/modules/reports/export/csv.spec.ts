import { neutralised, toCsv } from './csv';

describe('the CSV export', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'prefixes %j so that a spreadsheet shows it as text',
    (value) => {
      expect(neutralised(value)).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text alone', () => {
    expect(neutralised('Рахимова')).toBe('Рахимова');
    expect(neutralised('2026-01-05')).toBe('2026-01-05');
  });

  it('quotes commas, quotes and line breaks, and guards a quoted formula too', () => {
    const text = toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=1+2,3', 'line\nbreak']]).toString('utf8');
    expect(text).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"\'=1+2,3","line\nbreak"\r\n');
  });
});
