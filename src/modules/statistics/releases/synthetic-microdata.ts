import { randomInt } from 'node:crypto';
import { AGE_BANDS, EXPLOITATION_TYPES } from '../../cases/code-lists';
import { csvField } from '../ctdc-export';
import {
  broadExploitation,
  ctdcCountry,
  ctdcGender,
  CTDC_COLUMNS,
  CtdcRow,
  CtdcSourceRecord,
  exploitationFlags,
  majorityOf,
} from '../ctdc-layout';
import { TOTAL, UNKNOWN } from '../dimensions';
import type { PublishedTable } from './release-contract';

/**
 * The CTDC dataset of a dp release: synthetic records drawn from the release's post-processed noisy
 * tables and nothing else, as CTDC publishes its own synthetic data from noisy marginals. Reading only
 * published numbers, the dataset is post-processing: it spends no budget, touches no exact count, and
 * cannot tell more than the tables already do (the attack of two downloads around one new case sees
 * two independent draws from two noisy releases, not the class that grew).
 *
 * How a record is drawn, for a release whose tables add up to T:
 *   - gender and age band together, from the gender × age table: each cell of count c gives c records;
 *   - exploitation type and country of exploitation, each from its one-way table: the T values with
 *     their published counts, in a uniformly random order (node:crypto), paired with the records;
 *   - the year: the period's, or in a span of years from the table by quarter, like the others;
 *   - what no table of the release publishes (citizenship, means of control, labour sector, types of
 *     sexual exploitation) is left not known: drawing it would need exact data or more budget.
 * So every one-way table used, and the gender × age table, is reproduced exactly by the records; the
 * associations between the tables are not (no table publishes them), and the dataset says nothing of
 * them beyond chance.
 *
 * A record carries its categories as the tables name them: `Unknown` as null (or no type), `other` and
 * `Multiple` as themselves (exploitationTypes [`Multiple`]: several types, which ones not published).
 */

const GENDER_AND_AGE = 'victims-by-gender-and-age';
const EXPLOITATION_TYPE = 'victims-by-exploitation-type';
const COUNTRY = 'victims-by-country-of-exploitation';
const QUARTER = 'victims-by-quarter';

/** The cells of a table (no margin), each with its count. */
function cellsOf(table: PublishedTable): { key: readonly string[]; count: number }[] {
  return table.entries.filter((e) => !e.key.includes(TOTAL)).map((e) => ({ key: e.key, count: e.count ?? 0 }));
}

/** The values of a one-way table, each repeated as often as its count, in a uniformly random order. */
function shuffledValues(table: PublishedTable | undefined, total: number): (string | null)[] {
  if (!table) return Array.from({ length: total }, () => null);
  const values = cellsOf(table).flatMap(({ key, count }) => Array.from({ length: count }, () => key[0]));
  if (values.length !== total) throw new Error(`table ${table.id} does not add up to the release's total`);
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

const known = (value: string | null): string | null => (value === null || value === UNKNOWN ? null : value);

/** Synthetic CTDC source records from a dp release's tables (see the header). */
export function synthesise(input: { tables: readonly PublishedTable[]; years: readonly number[] }): CtdcSourceRecord[] {
  const byId = new Map(input.tables.map((t) => [t.id, t]));
  const any = input.tables[0];
  if (!any) return [];
  const total = any.entries.find((e) => e.key.every((v) => v === TOTAL))?.count ?? 0;

  const genderAndAge = byId.get(GENDER_AND_AGE);
  const people: { gender: string | null; ageBand: string | null }[] = genderAndAge
    ? cellsOf(genderAndAge).flatMap(({ key, count }) =>
        Array.from({ length: count }, () => ({ gender: known(key[0]), ageBand: known(key[1]) })),
      )
    : Array.from({ length: total }, () => ({ gender: null, ageBand: null }));
  if (people.length !== total) throw new Error(`table ${GENDER_AND_AGE} does not add up to the release's total`);

  const types = shuffledValues(byId.get(EXPLOITATION_TYPE), total);
  const countries = shuffledValues(byId.get(COUNTRY), total);
  const years =
    input.years.length > 1 && byId.has(QUARTER)
      ? shuffledValues(byId.get(QUARTER), total).map((q) => Number(q?.slice(0, 4)))
      : people.map(() => input.years[0]);

  return people.map((person, i) => {
    const type = known(types[i]);
    return {
      year: years[i],
      gender: person.gender,
      ageBand: person.ageBand,
      citizenship: null,
      countryOfExploitation: known(countries[i]),
      exploitationTypes: type === null ? [] : [type],
      meansOfControl: [],
      labourSector: null,
      sexExploitationTypes: [],
    };
  });
}

/**
 * A synthetic record as a CTDC row. Only what the tables published is filled; everything else is
 * empty (CTDC's not known), including the exploitation flags of `Multiple` (which types, no table says)
 * and the means-of-control, type-of-labour and type-of-sex columns.
 */
function rowOf(record: CtdcSourceRecord): CtdcRow {
  const ageBroad = record.ageBand && (AGE_BANDS as readonly string[]).includes(record.ageBand) ? record.ageBand : '';
  const single =
    record.exploitationTypes.length === 1 &&
    (EXPLOITATION_TYPES as readonly string[]).includes(record.exploitationTypes[0])
      ? [...record.exploitationTypes]
      : undefined;
  return {
    ...(single ? exploitationFlags(single, broadExploitation(single)) : {}),
    yearOfRegistration: String(record.year),
    Datasource: 'Case Management',
    gender: ctdcGender(record.gender),
    ageBroad,
    majorityStatus: majorityOf(ageBroad),
    CountryOfExploitation: ctdcCountry(record.countryOfExploitation),
  };
}

/**
 * The dp release's CTDC CSV, in the layout of ctdc-layout.ts, rows sorted: the order of the rows says
 * nothing of how they were drawn, and the same records always give the same bytes.
 */
export function syntheticMicrodata(records: readonly CtdcSourceRecord[]): string {
  const lines = records.map((r) => {
    const row = rowOf(r);
    return CTDC_COLUMNS.map((column) => csvField(row[column] ?? '')).join(',');
  });
  lines.sort();
  return [CTDC_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
