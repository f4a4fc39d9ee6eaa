import { CTDC_COLUMNS, CtdcSourceRecord } from '../ctdc-layout';
import { MULTIPLE } from './release-contract';
import { syntheticMicrodata } from './synthetic-microdata';

const record = (overrides: Partial<CtdcSourceRecord>): CtdcSourceRecord => ({
  year: 2025,
  gender: 'Feminine',
  ageBand: '18--20',
  citizenship: null,
  countryOfExploitation: 'RUS',
  exploitationTypes: ['SexualExploitation'],
  meansOfControl: [],
  labourSector: null,
  sexExploitationTypes: [],
  ...overrides,
});

function parse(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trimEnd().split('\r\n');
  expect(header.split(',')).toEqual([...CTDC_COLUMNS]);
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [CTDC_COLUMNS[i], v])));
}

describe('the CTDC dataset of a dp release', () => {
  const records = [
    record({}),
    record({
      gender: 'Masculine',
      ageBand: '9--17',
      exploitationTypes: ['ForcedBegging'],
      countryOfExploitation: 'AFG',
    }),
    record({ exploitationTypes: [MULTIPLE] }),
    record({ gender: null, ageBand: 'other', countryOfExploitation: null, exploitationTypes: [] }),
  ];

  it('writes the CTDC layout with the published attributes and nothing else', () => {
    const rows = parse(syntheticMicrodata(records));
    expect(rows).toHaveLength(4);
    const boy = rows.find((r) => r.gender === 'Male');
    expect(boy).toMatchObject({
      yearOfRegistration: '2025',
      ageBroad: '9--17',
      majorityStatus: 'Minor',
      CountryOfExploitation: 'AF',
      isOtherExploit: '1',
      isForcedLabour: '0',
      citizenship: '',
      meansOfControlNotSpecified: '',
      typeOfLabourBegging: '',
    });
    // Several types, which ones not published: the flags are not known, not 0.
    const multiple = rows.filter((r) => r.gender === 'Female' && r.isSexualExploit === '');
    expect(multiple).toHaveLength(1);
    const unknown = rows.find((r) => r.gender === '');
    expect(unknown).toMatchObject({ ageBroad: '', majorityStatus: '', CountryOfExploitation: '', isForcedLabour: '' });
  });

  it('writes the rows in a canonical order: the same records in any order give the same bytes', () => {
    const csv = syntheticMicrodata(records);
    expect(syntheticMicrodata([...records].reverse())).toBe(csv);
    const lines = csv.trimEnd().split('\r\n').slice(1);
    expect(lines).toEqual([...lines].sort());
    expect(syntheticMicrodata([])).toBe(CTDC_COLUMNS.join(',') + '\r\n');
  });
});
