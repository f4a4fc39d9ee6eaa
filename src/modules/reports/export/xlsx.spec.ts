import { unzipped, wellFormed } from '../../../../test/support/xlsx';
import { columnName, toXlsx } from './xlsx';

describe('the XLSX export', () => {
  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('is a ZIP of the OOXML parts, each well-formed, every cell an inline string', () => {
    const book = toXlsx('Cases', ['reference', 'familyName'], [
      ['TJ-2026-00001', 'Раҳимова <&> "Мадина"'],
      ['TJ-2026-00002', '=HYPERLINK("http://x")\u0001'],
    ]);
    const parts = unzipped(book);
    expect([...parts.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    for (const [name, xml] of parts) expect({ name, wellFormed: wellFormed(xml) }).toEqual({ name, wellFormed: true });
    const sheet = parts.get('xl/worksheets/sheet1.xml') as string;
    expect(sheet).toContain('Раҳимова &lt;&amp;&gt; &quot;Мадина&quot;');
    expect(sheet).not.toContain('<f>');
    expect(sheet.match(/<c /g)).toHaveLength(6);
    expect(sheet.match(/t="inlineStr"/g)).toHaveLength(6);
  });

  it('is refused by the parser check when broken, so the check can fail', () => {
    expect(wellFormed('<a><b></a>')).toBe(false);
  });
});
