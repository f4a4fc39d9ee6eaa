import {
  broadExploitation,
  ctdcCountry,
  ctdcGender,
  CTDC_COLUMNS,
  CtdcRow,
  CtdcSourceRecord,
  exploitationFlags,
  majorityOf,
  meansOfControlColumns,
  meansOfControlValue,
  typeOfLabourColumns,
  typeOfLabourValue,
  typeOfSexColumns,
  typeOfSexValue,
} from './ctdc-layout';

/**
 * The quasi-identifiers: what someone who knows a victim (a neighbour, a trafficker) could know and
 * match. Each has a generalisation hierarchy, from the exact value to nothing ('' = not known). Every
 * published column is a function of these generalised values only, so that an equivalence class over
 * them is an equivalence class over the whole row.
 */
const QUASI_IDENTIFIERS: readonly { name: string; levels: readonly ((r: CtdcSourceRecord) => string)[] }[] = [
  {
    name: 'yearOfRegistration',
    levels: [(r) => String(r.year), (r) => `${r.year - (r.year % 5)}-${r.year - (r.year % 5) + 4}`, () => ''],
  },
  { name: 'gender', levels: [(r) => ctdcGender(r.gender), () => ''] },
  {
    name: 'ageBroad',
    levels: [
      (r) => r.ageBand ?? '',
      (r) => (r.ageBand ? (majorityOf(r.ageBand) === 'Minor' ? '0--17' : '18+') : ''),
      () => '',
    ],
  },
  { name: 'citizenship', levels: [(r) => ctdcCountry(r.citizenship), () => ''] },
  { name: 'CountryOfExploitation', levels: [(r) => ctdcCountry(r.countryOfExploitation), () => ''] },
  {
    name: 'exploitation',
    levels: [(r) => [...r.exploitationTypes].sort().join('+'), (r) => broadExploitation(r.exploitationTypes), () => ''],
  },
  { name: 'meansOfControl', levels: [meansOfControlValue, () => ''] },
  // Published only with the exact exploitation types (see classValues).
  { name: 'typeOfLabour', levels: [typeOfLabourValue, () => ''] },
  // Published only with the exact exploitation types, like the type of labour.
  { name: 'typeOfSex', levels: [typeOfSexValue, () => ''] },
];

const EXPLOITATION = QUASI_IDENTIFIERS.findIndex((qi) => qi.name === 'exploitation');
const TYPE_OF_LABOUR = QUASI_IDENTIFIERS.findIndex((qi) => qi.name === 'typeOfLabour');
const TYPE_OF_SEX = QUASI_IDENTIFIERS.findIndex((qi) => qi.name === 'typeOfSex');

/**
 * A record's quasi-identifier values at the given levels. The type of labour is published only when
 * the exploitation types are (exact level): beside a broad type it would tell labour from sexual
 * exploitation, or single out a rare combination.
 */
function classValues(r: CtdcSourceRecord, at: readonly number[]): string[] {
  return QUASI_IDENTIFIERS.map((qi, i) =>
    (i === TYPE_OF_LABOUR || i === TYPE_OF_SEX) && at[EXPLOITATION] !== 0 ? '' : qi.levels[at[i]](r),
  );
}

export interface CtdcExport {
  csv: string;
  /** Records given. */
  records: number;
  /** Records published with at least one quasi-identifier coarser than recorded. */
  generalised: number;
  /** Records withheld because their class stayed below k. */
  withheld: number;
  /** The generalisation level chosen for each quasi-identifier (0 = as recorded). */
  levels: Record<string, number>;
}

/**
 * Rows that must be withheld beyond k-anonymity (l-diversity, say): given the rows that k-anonymity
 * keeps at some generalisation levels, the indices of those to withhold too.
 */
export type ExtraWithholding = (rows: readonly CtdcRow[]) => ReadonlySet<number>;

/**
 * k-anonymises the records over their quasi-identifiers and writes them in CTDC's column layout.
 * Full-domain generalisation, chosen greedily and deterministically: while more than
 * `maxWithheldShare` of the records would be withheld (in classes smaller than k, or by `extra`),
 * coarsen the one quasi-identifier whose coarsening withholds the fewest (ties: the order above).
 * Those records are then withheld, so every published combination of quasi-identifiers occurs at
 * least k times.
 */
export function exportCtdc(
  records: readonly CtdcSourceRecord[],
  k: number,
  maxWithheldShare = 0.05,
  extra?: ExtraWithholding,
): CtdcExport {
  const levels = QUASI_IDENTIFIERS.map(() => 0);
  const classKey = (r: CtdcSourceRecord, at: number[]): string => classValues(r, at).join('\u001f');
  /** The records published at the levels `at`, in the given order. */
  const publishedAt = (at: number[]): CtdcSourceRecord[] => {
    const sizes = new Map<string, number>();
    for (const r of records) sizes.set(classKey(r, at), (sizes.get(classKey(r, at)) ?? 0) + 1);
    const kept = records.filter((r) => (sizes.get(classKey(r, at)) ?? 0) >= k);
    if (!extra) return kept;
    const dropped = extra(kept.map((r) => rowOf(r, at)));
    return kept.filter((_, i) => !dropped.has(i));
  };
  const withheldAt = (at: number[]): number => records.length - publishedAt(at).length;
  let withheldCount = withheldAt(levels);
  while (withheldCount > records.length * maxWithheldShare) {
    let best: { index: number; withheld: number } | undefined;
    QUASI_IDENTIFIERS.forEach((qi, index) => {
      if (levels[index] >= qi.levels.length - 1) return;
      const trial = levels.map((level, i) => (i === index ? level + 1 : level));
      const result = withheldAt(trial);
      if (!best || result < best.withheld) best = { index, withheld: result };
    });
    if (!best) break;
    levels[best.index] += 1;
    withheldCount = best.withheld;
  }

  const exact = QUASI_IDENTIFIERS.map(() => 0);
  const published = publishedAt(levels);
  const lines = published.map((r) => toCsvLine(rowOf(r, levels)));
  lines.sort();
  return {
    csv: [CTDC_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n',
    records: records.length,
    generalised: published.filter((r) => classKey(r, levels) !== classKey(r, exact)).length,
    withheld: records.length - published.length,
    levels: Object.fromEntries(QUASI_IDENTIFIERS.map((qi, i) => [qi.name, levels[i]])),
  };
}

/** The published row, from the record's generalised quasi-identifier values and nothing else. */
function rowOf(r: CtdcSourceRecord, levels: number[]): CtdcRow {
  const values = classValues(r, levels);
  const value = (name: string): string => values[QUASI_IDENTIFIERS.findIndex((qi) => qi.name === name)];
  const exploitationLevel = levels[EXPLOITATION];
  const exploitation = value('exploitation');
  const ageBroad = value('ageBroad');
  return {
    ...meansOfControlColumns(value('meansOfControl')),
    ...typeOfLabourColumns(value('typeOfLabour')),
    ...typeOfSexColumns(value('typeOfSex')),
    ...exploitationFlags(
      exploitationLevel === 0 ? (exploitation === '' ? [] : exploitation.split('+')) : undefined,
      exploitationLevel === 0 ? broadExploitation(exploitation === '' ? [] : exploitation.split('+')) : exploitation,
    ),
    yearOfRegistration: value('yearOfRegistration'),
    Datasource: 'Case Management',
    gender: value('gender'),
    ageBroad,
    majorityStatus: majorityOf(ageBroad),
    citizenship: value('citizenship'),
    CountryOfExploitation: value('CountryOfExploitation'),
  };
}

/**
 * A summary count as published in the export's headers: exact counts would say, say, that exactly
 * two records were withheld. 0 stays 0, 0 < n < k reads `<k`, anything else is rounded to the nearest 5.
 */
export function bandedCount(n: number, k: number): string {
  if (n === 0) return '0';
  if (n < k) return `<${k}`;
  return String(Math.round(n / 5) * 5);
}

function toCsvLine(row: CtdcRow): string {
  return CTDC_COLUMNS.map((column) => csvField(row[column] ?? '')).join(',');
}

/** A CSV field that a spreadsheet will not run as a formula and that cannot break the line. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
