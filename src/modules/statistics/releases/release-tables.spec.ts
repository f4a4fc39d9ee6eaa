import { makePopulation } from '../../../../test/support/release-population';
import { OTHER, TOTAL } from '../dimensions';
import { dedupeLines, withheldBounds } from './linked-protection';
import { entryKey, linesOf, poolingLines } from './release-tables';
import { answerRequest, auditRelease, buildRelease, trueTables } from './release-tables';
import type { LinkedEntry, LinkedLine, PublishedTable, SnapshotRecord } from './release-contract';

const K = 11;
const SIZES = [20, 40, 60, 200];
const SEEDS = [1, 2, 3];

function release(records: readonly SnapshotRecord[], period = '2025') {
  const built = buildRelease({ period, records, k: K });
  return { ...built, truth: trueTables({ period, records, tables: built.tables }) };
}

/** The same tables with only primary suppression: what the audit must catch. */
function primaryOnly(truth: readonly PublishedTable[]): PublishedTable[] {
  return truth.map((t) => ({
    ...t,
    entries: t.entries.map((e) => ({ key: e.key, count: (e.count ?? 0) > 0 && (e.count ?? 0) < K ? null : e.count })),
  }));
}

describe('buildRelease', () => {
  it.each(SIZES)('publishes no count 0 < n < k (%i victims)', (size) => {
    for (const seed of SEEDS) {
      const { tables, truth } = release(makePopulation(size, seed, 2025));
      tables.forEach((table, t) =>
        table.entries.forEach((entry, i) => {
          expect(entry.count === null || entry.count === 0 || entry.count >= K).toBe(true);
          if (entry.count !== null) expect(entry.count).toBe(truth[t].entries[i].count);
          if ((truth[t].entries[i].count ?? 0) > 0 && (truth[t].entries[i].count ?? 0) < K)
            expect(entry.count).toBeNull();
        }),
      );
    }
  });

  it.each(SIZES)('withholds the zeros of every line with a withheld member or total (%i victims)', (size) => {
    for (const seed of SEEDS) {
      const { tables } = release(makePopulation(size, seed, 2025));
      const count = new Map<string, number | null>();
      for (const t of tables) for (const e of t.entries) count.set(entryKey(t, e.key, 2025), e.count);
      const lines = tables.flatMap((t) => linesOf(t, 2025));
      for (const line of lines) {
        const hidden = count.get(line.total) === null || line.members.some((m) => count.get(m) === null);
        if (!hidden) continue;
        for (const member of line.members) {
          if (count.get(member) !== 0) continue;
          // A published zero is allowed only where a published total of 0 already says it.
          const impliedByZeroTotal = lines.some((l) => l.members.includes(member) && count.get(l.total) === 0);
          expect(impliedByZeroTotal).toBe(true);
        }
      }
    }
  });

  it.each(SIZES)('leaves no withheld cell narrowed below k or above 0 by all tables together (%i victims)', (size) => {
    for (const seed of SEEDS) {
      const { tables, truth } = release(makePopulation(size, seed, 2025));
      expect(auditRelease({ published: tables, truth, k: K })).toEqual([]);
    }
  });

  it('is caught by the audit when only the primary cells are withheld', () => {
    for (const size of SIZES) {
      const { truth } = release(makePopulation(size, 1, 2025));
      expect(auditRelease({ published: primaryOnly(truth), truth, k: K }).length).toBeGreaterThan(0);
    }
  });

  it('protects the one boy of 9–17 from TJ-GB in forced begging', () => {
    const records = makePopulation(200, 4, 2025);
    const { tables, recoding } = release(records);
    // His region and his exploitation type are too small to stand alone: folded into `other`.
    expect(recoding.region).toContain('TJ-GB');
    expect(recoding.exploitationType).toContain('ForcedBegging');
    const age = tables.find((t) => t.id === 'victims-by-gender-and-age') as PublishedTable;
    const boys = age.entries.find((e) => e.key[0] === 'Masculine' && e.key[1] === '9--17');
    expect(boys?.count ?? null).toBeNull();
  });

  it('gives the same tables, entries and categories in the same order for the same snapshot', () => {
    const records = makePopulation(200, 5, 2025);
    const shuffled = [...records].reverse();
    const a = buildRelease({ period: '2025', records, k: K });
    const b = buildRelease({ period: '2025', records: shuffled, k: K });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    for (const table of a.tables) {
      // Cells first in category order, each dimension's margin (TOTAL) last, `other` last among categories.
      expect(table.entries[table.entries.length - 1].key.every((v) => v === TOTAL)).toBe(true);
      for (const categories of table.categories) {
        if (categories.includes(OTHER)) expect(categories[categories.length - 1]).toBe(OTHER);
      }
    }
  });

  it('builds a release of 200 victims in well under a second', () => {
    const records = makePopulation(200, 6, 2025);
    const start = process.hrtime.bigint();
    buildRelease({ period: '2025', records, k: K });
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(500);
  });

  it('builds a quarter release from the quarter only, without the table by quarter', () => {
    const records = makePopulation(200, 7, 2025);
    const { tables, truth } = release(records, '2025-Q2');
    expect(tables.map((t) => t.id)).not.toContain('victims-by-quarter');
    const total = truth[0].entries[truth[0].entries.length - 1].count;
    expect(total).toBe(records.filter((r) => r.quarter === 2).length);
    expect(auditRelease({ published: tables, truth, k: K })).toEqual([]);
  });
});

describe('buildRelease pooling', () => {
  const history = (size: number) => {
    const byYear = [2023, 2024, 2025].map((year, i) => ({ year, records: makePopulation(size, 10 + i, year) }));
    const previous = byYear.slice(0, 2).map(({ year, records }) => ({
      year,
      records,
      tables: buildRelease({ period: String(year), records, k: K }).tables,
    }));
    return { byYear, previous };
  };

  it('adds a pooled version of a sparse table over the year and the two before, from their snapshots', () => {
    const { byYear, previous } = history(40);
    const current = byYear[2].records;
    const built = buildRelease({ period: '2025', records: current, k: K, previous });
    const pooled = built.tables.filter((t) => t.pooled);
    expect(pooled.length).toBeGreaterThan(0);
    const all = byYear.flatMap((y) => y.records);
    const truth = trueTables({ period: '2025', records: all, tables: built.tables });
    for (const table of pooled) {
      expect(table.pooled).toEqual({ from: 2023, to: 2025 });
      const t = truth[built.tables.indexOf(table)];
      expect(t.entries[t.entries.length - 1].count).toBe(all.length);
      for (const entry of table.entries)
        expect(entry.count === null || entry.count === 0 || entry.count >= K).toBe(true);
    }
    expect(auditRelease({ published: built.tables, truth, k: K })).toEqual([]);
  });

  it.each([40, 60])(
    "keeps every earlier release's withheld entries protected once the pooled tables are published (%i a year)",
    (size) => {
      // Four years: 2024's release pools 2022–2024, 2025's pools 2023–2025; the reader holds all four.
      const releases: { year: number; records: SnapshotRecord[]; tables: PublishedTable[] }[] = [];
      for (const year of [2022, 2023, 2024, 2025]) {
        const records = makePopulation(size, 30 + year, year);
        const built = buildRelease({ period: String(year), records, k: K, previous: releases });
        releases.push({ year, records, tables: built.tables });
      }
      expect(releases[2].tables.some((t) => t.pooled)).toBe(true);
      expect(releases[3].tables.some((t) => t.pooled)).toBe(true);
      const all = releases.flatMap((r) => r.records);
      const entries = new Map<string, LinkedEntry>();
      const hidden = new Set<string>();
      const lines: LinkedLine[] = [];
      for (const { year, tables } of releases) {
        const truth = trueTables({ period: String(year), records: all, tables });
        tables.forEach((table, t) => {
          table.entries.forEach((e, i) => {
            const key = entryKey(table, e.key, year);
            entries.set(key, { key, count: truth[t].entries[i].count ?? 0 });
            if (e.count === null) hidden.add(key);
          });
          lines.push(...linesOf(table, year));
          if (!table.pooled) return;
          const versions: { year: number; table: PublishedTable }[] = [];
          for (let y = table.pooled.from; y <= table.pooled.to; y++) {
            const release = releases.find((r) => r.year === y) as (typeof releases)[number];
            const single = release.tables.find((o) => !o.pooled && o.dimensions.join() === table.dimensions.join());
            versions.push({ year: y, table: single as PublishedTable });
          }
          lines.push(...poolingLines(table, versions, year));
        });
      }
      const system = { entries: [...entries.values()], lines: dedupeLines(lines) };
      expect(withheldBounds(system, hidden, K, { work: Number.MAX_SAFE_INTEGER }, false)).toEqual([]);
    },
  );

  it('does not pool without the releases of both years before', () => {
    const { byYear, previous } = history(40);
    const built = buildRelease({ period: '2025', records: byYear[2].records, k: K, previous: previous.slice(1) });
    expect(built.tables.some((t) => t.pooled)).toBe(false);
  });
});

describe('answerRequest', () => {
  const records = makePopulation(200, 8, 2025);
  const built = buildRelease({ period: '2025', records, k: K });
  const ask = (published: readonly PublishedTable[], dimensions: PublishedTable['dimensions'], id = 'request-1') =>
    answerRequest({ period: '2025', records, k: K, recoding: built.recoding, published, dimensions, id });

  it('publishes a new table jointly with the catalogue, withholding only its own new entries', () => {
    const answer = ask(built.tables, ['region', 'gender']);
    if (!answer.ok) throw new Error(answer.code);
    const earlier = new Map<string, number | null>();
    for (const t of built.tables) for (const e of t.entries) earlier.set(entryKey(t, e.key, 2025), e.count);
    for (const e of answer.table.entries) {
      const key = entryKey(answer.table, e.key, 2025);
      if (earlier.has(key)) expect(e.count).toBe(earlier.get(key));
    }
    const published = [...built.tables, answer.table];
    const truth = trueTables({ period: '2025', records, tables: published });
    expect(auditRelease({ published, truth, k: K })).toEqual([]);
    expect(auditRelease({ published: primaryOnly(truth), truth, k: K }).length).toBeGreaterThan(0);
  });

  it.each([
    [['region', 'gender', 'exploitationType']],
    [['gender', 'ageBand', 'exploitationType']],
    [['stage', 'referralOutcome', 'region']],
  ] as const)(
    'answers the three-way request %j within the work budget, and the joint audit finds nothing',
    (dimensions) => {
      const start = process.hrtime.bigint();
      const answer = ask(built.tables, dimensions);
      expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(3000);
      if (!answer.ok) throw new Error(answer.code);
      const published = [...built.tables, answer.table];
      const truth = trueTables({ period: '2025', records, tables: published });
      expect(auditRelease({ published, truth, k: K })).toEqual([]);
    },
  );

  it('refuses a request that would make the published designs cyclic', () => {
    const first = ask(built.tables, ['region', 'gender']);
    if (!first.ok) throw new Error(first.code);
    // Catalogue has gender×age; with region×gender, age×region closes a cycle.
    expect(ask([...built.tables, first.table], ['ageBand', 'region'], 'request-2')).toEqual({
      ok: false,
      code: 'cyclic',
    });
  });

  it('refuses as unprotectable when only an entry published earlier could protect the new table', () => {
    const region = built.tables.find((t) => t.id === 'victims-by-region') as PublishedTable;
    const truth = trueTables({ period: '2025', records, tables: [region] })[0];
    const at = region.entries.findIndex((e, i) => e.count === null && (truth.entries[i].count ?? 0) > 0);
    expect(at).toBeGreaterThanOrEqual(0);
    // An earlier publication that (wrongly) showed a small region: its row of the new table cannot be hidden.
    const leaked = { ...region, entries: region.entries.map((e, i) => (i === at ? truth.entries[i] : e)) };
    const published = built.tables.map((t) => (t.id === region.id ? leaked : t));
    expect(ask(published, ['region', 'gender'])).toEqual({ ok: false, code: 'unprotectable' });
  });

  it('refuses as too detailed a table with too many cells', () => {
    const answer = answerRequest({
      period: '2025',
      records,
      k: K,
      recoding: {},
      published: built.tables,
      dimensions: ['exploitationType', 'countryOfExploitation', 'ageBand'],
      id: 'request-1',
    });
    expect(answer).toEqual({ ok: false, code: 'too-detailed' });
  });

  it('gives the same answer to the same request', () => {
    expect(JSON.stringify(ask(built.tables, ['gender', 'exploitationType']))).toBe(
      JSON.stringify(ask(built.tables, ['gender', 'exploitationType'])),
    );
  });
});
