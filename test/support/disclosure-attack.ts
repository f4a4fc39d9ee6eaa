import { auditRelease, buildRelease } from '../../src/modules/statistics/releases/release-tables';
import { FeasibleRegion } from '../../src/modules/statistics/linear-audit';
import type {
  PublishedEntry,
  PublishedTable,
  ReleaseDimension,
} from '../../src/modules/statistics/releases/release-contract';
import { RELEASE_DIMENSIONS } from '../../src/modules/statistics/releases/release-contract';
import { MULTI_VALUED } from '../../src/modules/statistics/dimensions';
import type { Dimension } from '../../src/modules/statistics/dimensions';
import { keyOf, StatisticalTable } from '../../src/modules/statistics/statistical-table';

interface Equation {
  terms: { variable: string; coefficient: number }[];
  constant: number;
}

/**
 * An attacker who knows every published entry exactly (even better than published: the true count of
 * every entry that is not withheld), that every withheld entry counts at least `minimum` (0: a zero
 * may be withheld too), and that
 * every line of a one-value-per-case dimension adds up to its total. Returns the values a withheld
 * entry can take consistently with all of it: every combination of cells and totals, solved.
 */
export function feasibleValues(
  categories: readonly (readonly string[])[],
  dimensions: readonly Dimension[],
  known: (key: string[]) => number | null,
  target: string[],
  options: { minimum?: number; maximum: number; stopAfter?: number; around?: number; from?: number },
): Set<number> {
  const table = new StatisticalTable(categories, new Map());
  const unknown = new Set(table.entries.filter((e) => known(e) === null).map(keyOf));
  const equations: Equation[] = [];
  for (const line of table.lines()) {
    if (MULTI_VALUED.has(dimensions[line.axis])) continue;
    const terms: Equation['terms'] = [];
    let constant = 0;
    for (const [entry, coefficient] of [...line.members.map((m) => [m, 1] as const), [line.total, -1] as const]) {
      const value = known(entry);
      if (value === null) terms.push({ variable: keyOf(entry), coefficient });
      else constant -= coefficient * value;
    }
    if (terms.length) equations.push({ terms, constant });
  }
  const minimum = options.minimum ?? 0;
  const values = new Set<number>();
  // Nearest the true value first: an alternative, if there is one, is usually close.
  const around = options.around ?? minimum;
  // `from`: only values from there up are tried (is a value of at least k possible?).
  const candidates = Array.from({ length: options.maximum - minimum + 1 }, (_, i) => minimum + i)
    .filter((v) => options.from === undefined || v >= options.from)
    .sort((a, b) => Math.abs(a - around) - Math.abs(b - around) || a - b);
  for (const v of candidates) {
    if (solvable(new Map([[keyOf(target), v]]), [...unknown], equations, minimum, options.maximum)) values.add(v);
    if (options.stopAfter && values.size >= options.stopAfter) break;
  }
  return values;
}

function solvable(
  assigned: Map<string, number>,
  variables: string[],
  equations: Equation[],
  minimum: number,
  maximum: number,
): boolean {
  const local = new Map(assigned);
  // Propagate: an equation with one unknown left fixes it.
  for (let changed = true; changed;) {
    changed = false;
    for (const equation of equations) {
      let sum = 0;
      let open: Equation['terms'][number] | undefined;
      let opens = 0;
      for (const term of equation.terms) {
        const value = local.get(term.variable);
        if (value === undefined) {
          open = term;
          opens += 1;
        } else sum += term.coefficient * value;
      }
      if (opens === 0 && sum !== equation.constant) return false;
      if (opens === 1 && open) {
        const value = (equation.constant - sum) / open.coefficient;
        if (!Number.isInteger(value) || value < minimum || value > maximum) return false;
        local.set(open.variable, value);
        changed = true;
      }
    }
  }
  const next = variables.find((v) => !local.has(v));
  if (next === undefined) return true;
  for (let v = minimum; v <= maximum; v++) {
    if (solvable(new Map([...local, [next, v]]), variables, equations, minimum, maximum)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// The attacks on releases (test/e2e/statistics-attacks.e2e-spec.ts): a population with one rare victim,
// and a reader who combines every number a snapshot's tables publish into one linear program.

/** The smallest count a release publishes (config statistics.threshold, default). */
export const K = 11;

/** The codes of one victim of the attack's population, as a caseworker registers them. */
export interface AttackCase {
  registeredOn: string;
  region: string;
  gender: string;
  ageBand: string;
  exploitationType: string;
  countryOfExploitation: string;
}

/** The one rare victim: the only boy of 9–17 from Gorno-Badakhshan, forced begging, exploited in Afghanistan. */
export const RARE_BOY = {
  region: 'TJ-GB',
  gender: 'Masculine',
  ageBand: '9--17',
  exploitationType: 'ForcedBegging',
  countryOfExploitation: 'AFG',
} as const;

export const ADULT_BANDS = ['18--20', '21--23', '24--26', '27--29', '30--38', '39--47', '48+'] as const;

/**
 * 200 victims identified in `year`: the rare boy; 84 men of Gorno-Badakhshan in forced labour in
 * Russia, twelve in each adult age band; twelve boys of 9–17 from Dushanbe in forced labour; and
 * women of the four other regions, each group at least k. Every category the boy shares with others
 * is large (so a live question could name it); only his combination is rare.
 */
export function attackPopulation(year = 2025): AttackCase[] {
  const cases: Omit<AttackCase, 'registeredOn'>[] = [];
  const add = (count: number, c: Omit<AttackCase, 'registeredOn'>) => {
    for (let i = 0; i < count; i++) cases.push({ ...c });
  };
  add(1, RARE_BOY);
  for (const ageBand of ADULT_BANDS) {
    add(12, {
      region: 'TJ-GB',
      gender: 'Masculine',
      ageBand,
      exploitationType: 'ForcedLabour',
      countryOfExploitation: 'RUS',
    });
  }
  add(12, {
    region: 'TJ-DU',
    gender: 'Masculine',
    ageBand: '9--17',
    exploitationType: 'ForcedLabour',
    countryOfExploitation: 'RUS',
  });
  add(25, {
    region: 'TJ-DU',
    gender: 'Feminine',
    ageBand: '21--23',
    exploitationType: 'SexualExploitation',
    countryOfExploitation: 'RUS',
  });
  add(25, {
    region: 'TJ-SU',
    gender: 'Feminine',
    ageBand: '24--26',
    exploitationType: 'ForcedMarriage',
    countryOfExploitation: 'KAZ',
  });
  add(12, {
    region: 'TJ-KT',
    gender: 'Feminine',
    ageBand: '30--38',
    exploitationType: 'ForcedBegging',
    countryOfExploitation: 'RUS',
  });
  add(13, {
    region: 'TJ-KT',
    gender: 'Feminine',
    ageBand: '30--38',
    exploitationType: 'ForcedLabour',
    countryOfExploitation: 'RUS',
  });
  add(28, {
    region: 'TJ-RA',
    gender: 'Feminine',
    ageBand: '27--29',
    exploitationType: 'ForcedLabour',
    countryOfExploitation: 'RUS',
  });
  return cases.map((c, i) => ({
    ...c,
    registeredOn: `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  }));
}

/** The body of POST /cases for one victim of the population (a made-up name: only the codes count). */
export function caseBody(c: AttackCase, n: number) {
  return {
    person: { familyName: 'Attack', givenName: `Person ${n}` },
    registeredOn: c.registeredOn,
    gender: c.gender,
    ageBand: c.ageBand,
    regionOfOrigin: c.region,
    countryOfExploitation: c.countryOfExploitation,
    exploitationTypes: [c.exploitationType],
  };
}

/** A victim's coordinate in every release dimension, as the truth the attacker does not have. */
export type AttackRecord = Record<ReleaseDimension, string>;

export function recordOf(c: AttackCase, referralOutcome = 'none'): AttackRecord {
  const month = Number(c.registeredOn.slice(5, 7));
  return {
    quarter: String(Math.ceil(month / 3)),
    region: c.region,
    gender: c.gender,
    ageBand: c.ageBand,
    exploitationType: c.exploitationType,
    countryOfExploitation: c.countryOfExploitation,
    stage: 'identified',
    traffickingStatus: 'PossibleVictimOfTrafficking',
    referralOutcome,
  };
}

/**
 * The canonical name of an entry: its coordinate in every release dimension (TOTAL where the table
 * does not split it) and the years it adds up, so that an entry two tables share is one unknown.
 * The attacker's own naming, independent of the release engine's.
 */
export function entryName(table: Pick<PublishedTable, 'dimensions' | 'pooled'>, key: readonly string[]): string {
  const coordinates = new Map<string, string>(table.dimensions.map((d, i) => [d, key[i]]));
  const years = table.pooled ? `${table.pooled.from}-${table.pooled.to}` : 'period';
  return [`years=${years}`, ...RELEASE_DIMENSIONS.map((d) => `${d}=${coordinates.get(d) ?? '*'}`)].join('|');
}

/** A table's lines: a margin along one axis and the entries that break it down. */
export function linesOf(table: PublishedTable): { total: PublishedEntry; members: PublishedEntry[] }[] {
  const byKey = new Map(table.entries.map((e) => [e.key.join('\u0000'), e]));
  const lines: { total: PublishedEntry; members: PublishedEntry[] }[] = [];
  for (const entry of table.entries) {
    entry.key.forEach((coordinate, axis) => {
      if (coordinate !== '*') return;
      const members = table.categories[axis]
        .map((category) => byKey.get(entry.key.map((k, i) => (i === axis ? category : k)).join('\u0000')))
        .filter((e): e is PublishedEntry => e !== undefined);
      lines.push({ total: entry, members });
    });
  }
  return lines;
}

/**
 * Lines of published tables where a published zero sits next to a withheld member or total. A zero
 * that another line already gives (a member of a line whose published total is 0, in any table of
 * the snapshot) tells nothing more, and is not counted: that line is checked in its own right.
 */
export function zerosNextToWithheld(tables: readonly PublishedTable[]): string[] {
  const givenZero = new Set<string>();
  for (const table of tables) {
    for (const line of linesOf(table)) {
      if (line.total.count === 0) for (const m of line.members) givenZero.add(entryName(table, m.key));
    }
  }
  const found: string[] = [];
  for (const table of tables) {
    for (const line of linesOf(table)) {
      const withheld = line.total.count === null || line.members.some((m) => m.count === null);
      const zeros = line.members.filter((m) => m.count === 0 && !givenZero.has(entryName(table, m.key)));
      if (withheld && zeros.length) found.push(`${table.id} ${JSON.stringify(line.total.key)}`);
    }
  }
  return found;
}

export interface Bounds {
  lower: number;
  upper: number;
}

/**
 * The reader of a snapshot's releases: every published number of every table (catalogue and
 * requests), every line's sum and non-negativity, as one linear system over the canonical entries.
 * Returns, for every entry no table publishes, the smallest and the largest value it can take (two
 * linear programs each: the largest value directly, the smallest as the largest slack below an
 * upper bound), and the names published with two different values (there must be none).
 */
export function linkedBounds(tables: readonly PublishedTable[]): {
  bounds: Map<string, Bounds>;
  known: Map<string, number>;
  inconsistent: string[];
} {
  const known = new Map<string, number>();
  const seen = new Set<string>();
  const inconsistent: string[] = [];
  for (const table of tables) {
    for (const entry of table.entries) {
      const name = entryName(table, entry.key);
      seen.add(name);
      if (entry.count === null) continue;
      const before = known.get(name);
      if (before !== undefined && before !== entry.count) inconsistent.push(name);
      known.set(name, entry.count);
    }
  }
  const unknowns = [...seen].filter((name) => !known.has(name)).sort();
  const column = new Map(unknowns.map((name, i) => [name, i]));
  const rows: { column: number; coefficient: number }[][] = [];
  const rhs: number[] = [];
  for (const table of tables) {
    for (const line of linesOf(table)) {
      const terms: { column: number; coefficient: number }[] = [];
      let constant = 0;
      for (const [entry, coefficient] of [...line.members.map((m) => [m, 1] as const), [line.total, -1] as const]) {
        const name = entryName(table, entry.key);
        const value = known.get(name);
        if (value === undefined) terms.push({ column: column.get(name) as number, coefficient });
        else constant -= coefficient * value;
      }
      if (terms.length) {
        rows.push(terms);
        rhs.push(constant);
      }
    }
  }
  const n = unknowns.length;
  const bounds = new Map<string, Bounds>();
  if (n === 0) return { bounds, known, inconsistent };
  const upper = new FeasibleRegion(rows, rhs, n, { work: 1e12 });
  const uppers = unknowns.map((_, i) => upper.maximise(i).value);
  // x_t + y_t = U_t with U_t at least the largest value: max y_t = U_t − min x_t.
  const caps = uppers.map((u) => (Number.isFinite(u) ? Math.ceil(u) + 1 : 1e7));
  const lowerRows = [
    ...rows,
    ...unknowns.map((_, i) => [
      { column: i, coefficient: 1 },
      { column: n + i, coefficient: 1 },
    ]),
  ];
  const lowerRegion = new FeasibleRegion(lowerRows, [...rhs, ...caps], 2 * n, { work: 1e12 });
  unknowns.forEach((name, i) => {
    const lower = caps[i] - lowerRegion.maximise(n + i).value;
    bounds.set(name, { lower: Math.max(0, Math.round(lower * 1e6) / 1e6), upper: Math.round(uppers[i] * 1e6) / 1e6 });
  });
  return { bounds, known, inconsistent };
}

/** The true count of a published entry over the population (after the table's global recoding). */
export function trueCount(table: PublishedTable, key: readonly string[], records: readonly AttackRecord[]): number {
  return records.filter((record) =>
    table.dimensions.every((dimension, axis) => {
      const coordinate = key[axis];
      const value = record[dimension];
      if (coordinate === '*') return true;
      if (dimension === 'quarter') return coordinate.endsWith(value);
      if (coordinate === 'other') {
        return (table.folded[dimension] ?? []).includes(value) || !table.categories[axis].includes(value);
      }
      return coordinate === value;
    }),
  ).length;
}

/** The same tables with every true count, nothing withheld. */
export function truthOf(tables: readonly PublishedTable[], records: readonly AttackRecord[]): PublishedTable[] {
  return tables.map((table) => ({
    ...table,
    entries: table.entries.map((entry) => ({ key: entry.key, count: trueCount(table, entry.key, records) })),
  }));
}

/** Whether an entry's coordinates all agree with the rare boy's (or are margins). */
export function containsRareBoy(table: PublishedTable, key: readonly string[]): boolean {
  const boy: Partial<Record<ReleaseDimension, string>> = RARE_BOY;
  return table.dimensions.every((d, axis) => {
    const coordinate = key[axis];
    if (coordinate === '*' || boy[d] === undefined) return true;
    if (coordinate === 'other') return (table.folded[d] ?? []).includes(boy[d] as string);
    return coordinate === boy[d];
  });
}

/** The release engine's functions the attacks and the utility benchmark call (docs/statistics.md). */
export interface ReleaseEngine {
  auditRelease: typeof auditRelease;
  buildRelease: typeof buildRelease;
}

/** The release engine's audit and builder, as the attacks and the utility bench call them. */
export function releaseEngine(): Promise<ReleaseEngine> {
  return Promise.resolve({ auditRelease, buildRelease });
}
