import fc from 'fast-check';
import { AGE_BANDS, COUNTRIES, EXPLOITATION_TYPES, GENDERS } from '../cases/code-lists';
import { csvField, exportCtdc } from './ctdc-export';
import { CTDC_COLUMNS, CtdcSourceRecord } from './ctdc-layout';

const record = fc.record<CtdcSourceRecord>({
  year: fc.integer({ min: 2019, max: 2026 }),
  gender: fc.option(fc.constantFrom(...GENDERS), { nil: null }),
  ageBand: fc.option(fc.constantFrom(...AGE_BANDS), { nil: null }),
  citizenship: fc.option(fc.constantFrom('TJK', 'UZB', 'AFG'), { nil: null }),
  countryOfExploitation: fc.option(fc.constantFrom(...COUNTRIES.slice(0, 6)), { nil: null }),
  exploitationTypes: fc.subarray([...EXPLOITATION_TYPES], { maxLength: 2 }),
  meansOfControl: fc.subarray(['DebtBondage', 'WithholdsDocuments', 'PhysicalThreats']),
  labourSector: fc.option(fc.constantFrom('F_Construction', 'A_AgricultureForestryAndFishing'), { nil: null }),
});

function parse(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trimEnd().split('\r\n');
  expect(header.split(',')).toEqual([...CTDC_COLUMNS]);
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [CTDC_COLUMNS[i], v])));
}

/**
 * The equivalence classes over every published column (not only the quasi-identifiers): a column that
 * varies between records and is not generalised with them would split a class.
 */
export function classSizes(rows: readonly Record<string, string>[]): number[] {
  const classes = new Map<string, number>();
  for (const row of rows) {
    const key = CTDC_COLUMNS.map((c) => row[c]).join('|');
    classes.set(key, (classes.get(key) ?? 0) + 1);
  }
  return [...classes.values()];
}

const base: CtdcSourceRecord = {
  year: 2025,
  gender: 'Masculine',
  ageBand: '21--23',
  citizenship: 'TJK',
  countryOfExploitation: 'RUS',
  exploitationTypes: ['ForcedLabour'],
  meansOfControl: ['WithholdsDocuments'],
  labourSector: 'F_Construction',
};

describe('exportCtdc', () => {
  it('publishes every combination of all published columns at least k times, and accounts for every record', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 300 }), (records) => {
        const result = exportCtdc(records, 11);
        const rows = parse(result.csv);
        expect(rows.length + result.withheld).toBe(records.length);
        for (const size of classSizes(rows)) expect(size).toBeGreaterThanOrEqual(11);
      }),
      { numRuns: 60 },
    );
  });

  it('does not single out a record by its type of labour once exploitation is generalised', () => {
    // Level 1 (broad): the one child-labour-and-begging record must not be the only row with begging.
    const records = [
      ...Array.from({ length: 11 }, () => ({ ...base })),
      { ...base, exploitationTypes: ['ChildLabour', 'ForcedBegging'], labourSector: null },
    ];
    const result = exportCtdc(records, 11);
    const rows = parse(result.csv);
    expect(rows.length + result.withheld).toBe(12);
    for (const size of classSizes(rows)) expect(size).toBeGreaterThanOrEqual(11);
    expect(rows.filter((r) => r.typeOfLabourBegging === '1')).toEqual([]);
    // Level 2 (no exploitation): filled or empty labour columns must not tell labour from sexual cases.
    const mixed = [
      ...Array.from({ length: 11 }, () => ({ ...base })),
      ...Array.from({ length: 3 }, () => ({ ...base, exploitationTypes: ['SexualExploitation'], labourSector: null })),
    ];
    const coarse = exportCtdc(mixed, 11);
    const coarseRows = parse(coarse.csv);
    for (const size of classSizes(coarseRows)) expect(size).toBeGreaterThanOrEqual(11);
    expect(coarseRows.length + coarse.withheld).toBe(14);
  });

  it('withholds everything from a population below k', () => {
    const records = Array.from({ length: 10 }, () => ({
      year: 2025,
      gender: 'Feminine',
      ageBand: '18--20',
      citizenship: 'TJK',
      countryOfExploitation: 'RUS',
      exploitationTypes: ['SexualExploitation'],
      meansOfControl: [],
      labourSector: null,
    }));
    const result = exportCtdc(records, 11);
    expect(result.withheld).toBe(10);
    expect(parse(result.csv)).toEqual([]);
  });

  it('keeps exact values when every class is large enough, and maps the codes to CTDC values', () => {
    const records = Array.from({ length: 12 }, () => ({ ...base }));
    const result = exportCtdc(records, 11);
    expect(result).toMatchObject({ generalised: 0, withheld: 0 });
    expect(parse(result.csv)[0]).toMatchObject({
      yearOfRegistration: '2025',
      gender: 'Male',
      ageBroad: '21--23',
      majorityStatus: 'Adult',
      citizenship: 'TJ',
      CountryOfExploitation: 'RU',
      isForcedLabour: '1',
      isSexualExploit: '0',
      meansOfControlWithholdsDocuments: '1',
      meansOfControlDebtBondage: '0',
      typeOfLabourConstruction: '1',
      typeOfSexProstitution: '',
    });
  });

  it("fills CTDC's RestrictsMovement and UsesChildren columns from Panoh's local extension", () => {
    const records = Array.from({ length: 12 }, () => ({
      ...base,
      meansOfControl: ['RestrictsMovement', 'UsesChildren'],
    }));
    const [row] = parse(exportCtdc(records, 11).csv);
    expect(row).toMatchObject({
      meansOfControlRestrictsMovement: '1',
      meansOfControlUsesChildren: '1',
      meansOfControlWithholdsDocuments: '0',
      meansOfControlOther: '0',
      meansOfControlNotSpecified: '0',
    });
    const [without] = parse(
      exportCtdc(
        Array.from({ length: 12 }, () => ({ ...base })),
        11,
      ).csv,
    );
    expect(without).toMatchObject({ meansOfControlRestrictsMovement: '0', meansOfControlUsesChildren: '0' });
  });

  it('writes fields a spreadsheet will not run as formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('48+')).toBe('48+');
  });
});
