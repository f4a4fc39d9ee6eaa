import { AuditBudgetExceeded, FeasibleRegion } from '../linear-audit';
import { TOTAL } from '../dimensions';
import { TooDetailedError } from '../suppression';
import { RELEASE_DIMENSIONS } from './release-contract';
import type { LinkedEntry, LinkedLine, ProtectionResult, ReleaseDimension } from './release-contract';

/**
 * Protection of every table published from one snapshot as ONE linear system.
 *
 * Why one system: a reader holds every table of a release (and every answered request) at once. An
 * entry two tables share (the grand total, a one-dimensional margin of a two-way table) is one
 * unknown to them, and subtracting lines of different tables is exactly the differencing attack.
 * So entries are named by a canonical key over every release dimension (TOTAL where a table does
 * not split it) and the lines of all tables go into one system.
 *
 * Why these rules, in this order: cheap local rules first (a lone withheld entry of a line is
 * recovered by subtraction; withheld members adding up to less than k each stay below k; a zero
 * beside a withheld entry tells that a small group lacks an attribute, so it is withheld too), then
 * the linear programs that decide: every withheld entry with 0 < n < k must keep, over
 * { x >= 0 : every line holds, published entries fixed }, a lower bound of 0 (nobody can tell the
 * group exists) and an upper bound >= k (nobody can tell it is small). An entry that fails gets a
 * further entry of one of its lines withheld (a zero first: it costs the reader nothing), nearest
 * first. Entries published or withheld earlier (a catalogue table when a request is answered, the
 * tables of earlier years for a pooled table) are fixed: they are never candidates, and when only
 * they could help the protection is refused (UnprotectableError).
 *
 * Why the programs are enough: the system holds only the lines the tables publish. That is all a
 * reader knows when the set of dimension sets is decomposable (an acyclic hypergraph): the hidden
 * joint table then always exists for any margins (isAcyclic, checked before a request is answered).
 *
 * Deterministic: keys are visited in sorted order, candidates by (count, key).
 */

export { TooDetailedError };

/** The coordinates an entry key names: the year (or span of years) and every release dimension. */
export const KEY_DIMENSIONS = ['year', ...RELEASE_DIMENSIONS] as const;
export type KeyDimension = (typeof KEY_DIMENSIONS)[number];

/** The key of one entry in the linked system: its category in each dimension, TOTAL where it adds them all up. */
export function canonicalKey(coords: Partial<Record<'year' | ReleaseDimension, string>>): string {
  return KEY_DIMENSIONS.map((d) => coords[d] ?? TOTAL).join('|');
}

/** Protection would need an entry withheld that was already published (or no entry is left to withhold). */
export class UnprotectableError extends Error {
  constructor() {
    super('protection needs an entry that was published earlier');
  }
}

/** Linear-programming work one protection may take (entries touched by tableau updates; under a second). */
export const PROTECTION_WORK = 300_000_000;

/** How many rounds of withholding one protection may take before it is refused as too detailed. */
const MAX_ROUNDS = 400;

const EPS = 1e-6;

interface Term {
  name: string;
  coefficient: number;
}

/**
 * What a reader knows, as linear equations over named quantities (true values kept for the
 * feasible start): the equations, and which quantities are published. Unknown quantities are >= 0.
 */
export class LinearKnowledge {
  private readonly value = new Map<string, number>();
  private readonly known = new Set<string>();
  private readonly equations: { terms: Term[]; constant: number }[] = [];

  quantity(name: string, value: number, known: boolean): void {
    this.value.set(name, value);
    if (known) this.known.add(name);
    else this.known.delete(name);
  }

  has(name: string): boolean {
    return this.value.has(name);
  }

  valueOf(name: string): number {
    return this.value.get(name) ?? 0;
  }

  isKnown(name: string): boolean {
    return this.known.has(name);
  }

  /** Σ coefficient·quantity = constant holds for the true values. */
  equation(terms: readonly Term[], constant = 0): void {
    this.equations.push({ terms: [...terms], constant });
  }

  /**
   * The region of the unknown quantities, and a function giving the range of a linear objective
   * over them (known quantities are constants). `budget.work` is shared by every program.
   */
  region(budget: { work: number }): {
    unknowns: string[];
    /** The largest value of the objective, and a point reaching it. */
    maximum: (objective: readonly Term[]) => { value: number; solution: Float64Array };
    range: (objective: readonly Term[]) => { lower: number; upper: number; low: Float64Array; high: Float64Array };
  } {
    const unknowns = [...this.value.keys()].filter((name) => !this.known.has(name)).sort();
    const column = new Map(unknowns.map((name, i) => [name, i]));
    const rows: { column: number; coefficient: number }[][] = [];
    const rhs: number[] = [];
    for (const { terms, constant } of this.equations) {
      const row: { column: number; coefficient: number }[] = [];
      let right = constant;
      for (const term of terms) {
        const at = column.get(term.name);
        if (at === undefined) right -= term.coefficient * this.valueOf(term.name);
        else row.push({ column: at, coefficient: term.coefficient });
      }
      if (row.length > 0) {
        rows.push(row);
        rhs.push(right);
      }
    }
    const region = new FeasibleRegion(rows, rhs, unknowns.length, budget, true);
    const maximum = (objective: readonly Term[]): { value: number; solution: Float64Array } => {
      let offset = 0;
      const sparse: { column: number; coefficient: number }[] = [];
      for (const term of objective) {
        const at = column.get(term.name);
        if (at === undefined) offset += term.coefficient * this.valueOf(term.name);
        else sparse.push({ column: at, coefficient: term.coefficient });
      }
      if (sparse.length === 0) return { value: offset, solution: new Float64Array(unknowns.length) };
      const { value, solution } = region.optimise(sparse);
      return { value: offset + value, solution };
    };
    return {
      unknowns,
      maximum,
      range: (objective) => {
        const high = maximum(objective);
        const low = maximum(objective.map((t) => ({ ...t, coefficient: -t.coefficient })));
        return { lower: -low.value, upper: high.value, low: low.solution, high: high.solution };
      },
    };
  }
}

/** A linked system: its entries by key and the lines of every table (deduplicated). */
export interface LinkedSystem {
  entries: readonly LinkedEntry[];
  lines: readonly LinkedLine[];
}

/** Lines that name the same total and the same members are one line. */
export function dedupeLines(lines: readonly LinkedLine[]): LinkedLine[] {
  const seen = new Map<string, LinkedLine>();
  for (const line of lines) {
    const id = `${line.total}>${[...line.members].sort().join(',')}`;
    if (!seen.has(id)) seen.set(id, line);
  }
  return [...seen.values()];
}

/** The knowledge of a reader who sees the published entries (`hidden` are the others) and every line. */
function knowledgeOf(system: LinkedSystem, hidden: ReadonlySet<string>): LinearKnowledge {
  const knowledge = new LinearKnowledge();
  for (const entry of system.entries) knowledge.quantity(entry.key, entry.count, !hidden.has(entry.key));
  for (const line of system.lines) {
    knowledge.equation([
      ...line.members.map((name) => ({ name, coefficient: 1 })),
      { name: line.total, coefficient: -1 },
    ]);
  }
  return knowledge;
}

/**
 * The lower and upper bounds a reader can put on each withheld entry with 0 < n < k, and which of
 * them are violations (lower > 0 or upper < k). With `shortcut`, a solution already witnessing an
 * entry's 0 or k is taken for its bound (the exact bound is not needed to know it is safe).
 */
export function withheldBounds(
  system: LinkedSystem,
  hidden: ReadonlySet<string>,
  k: number,
  budget: { work: number },
  shortcut: boolean,
  only?: ReadonlySet<string>,
): { key: string; count: number; lower: number; upper: number }[] {
  const count = new Map(system.entries.map((e) => [e.key, e.count]));
  const targets = [...hidden]
    .filter((key) => (count.get(key) ?? 0) > 0 && (count.get(key) ?? 0) < k && (!only || only.has(key)))
    .sort();
  if (targets.length === 0) return [];
  // The true counts are a point of the region: a hidden zero reaches 0 and a hidden count >= k reaches k.
  const reachesK = new Set([...hidden].filter((key) => (count.get(key) ?? 0) >= k));
  const reachesZero = new Set([...hidden].filter((key) => (count.get(key) ?? 0) === 0));
  const note = (unknowns: readonly string[], solution: Float64Array): void => {
    solution.forEach((v, j) => {
      if (v >= k - EPS) reachesK.add(unknowns[j]);
      if (v <= EPS) reachesZero.add(unknowns[j]);
    });
  };
  const safe = (key: string): boolean => reachesK.has(key) && reachesZero.has(key);
  let whole: ReturnType<LinearKnowledge['region']> | undefined;
  const violations: { key: string; count: number; lower: number; upper: number }[] = [];
  for (const key of targets) {
    if (shortcut && safe(key)) continue;
    whole ??= knowledgeOf(system, hidden).region(budget);
    let lower = 0;
    let upper = k;
    if (!shortcut || !reachesK.has(key)) {
      const high = whole.maximum([{ name: key, coefficient: 1 }]);
      upper = high.value;
      note(whole.unknowns, high.solution);
    }
    if (!shortcut || !reachesZero.has(key)) {
      const low = whole.maximum([{ name: key, coefficient: -1 }]);
      lower = -low.value;
      note(whole.unknowns, low.solution);
    }
    if (lower > EPS || upper < k - EPS) {
      violations.push({ key, count: count.get(key) ?? 0, lower: round(lower), upper: round(upper) });
    }
  }
  return violations;
}

function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
}

/**
 * Which entries to withhold among the new ones (neither published nor withheld earlier). Throws
 * TooDetailedError when the work budget runs out, UnprotectableError when only an earlier-published
 * entry could protect a withheld one.
 */
export function protectLinked(
  system: LinkedSystem,
  k: number,
  budget: { work: number } = { work: PROTECTION_WORK },
): ProtectionResult {
  const byKey = new Map(system.entries.map((e) => [e.key, e]));
  const isNew = (key: string): boolean => {
    const entry = byKey.get(key);
    return entry !== undefined && !entry.published && !entry.withheld;
  };
  const count = (key: string): number => byKey.get(key)?.count ?? 0;
  const withheld = new Set<string>();
  for (const entry of system.entries) {
    if (entry.withheld) withheld.add(entry.key);
    else if (!entry.published && entry.count > 0 && entry.count < k) withheld.add(entry.key);
  }
  const linesOf = new Map<string, LinkedLine[]>();
  for (const line of system.lines) {
    for (const key of [line.total, ...line.members]) linesOf.set(key, [...(linesOf.get(key) ?? []), line]);
  }
  const byCount = (a: string, b: string): number => count(a) - count(b) || (a < b ? -1 : a > b ? 1 : 0);
  /** The smallest new published entry of these lines (a zero first), ties by key. */
  const candidateIn = (lines: readonly LinkedLine[]): string | undefined =>
    lines
      .flatMap((line) => [...line.members, line.total])
      .filter((key) => isNew(key) && !withheld.has(key))
      .sort(byCount)[0];
  // Withholding more only widens the region (the old one is its slice at the true counts), so an
  // entry found safe stays safe: after the first round only the entries found exposed are checked.
  let pending: Set<string> | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    protectLines(system.lines, withheld, k, count, isNew);
    let exposed: { key: string }[];
    try {
      exposed = withheldBounds(system, withheld, k, budget, true, pending);
    } catch (error) {
      if (error instanceof AuditBudgetExceeded) throw new TooDetailedError();
      throw error;
    }
    if (exposed.length === 0) return { withheld: new Set([...withheld].filter(isNew)) };
    pending = new Set(exposed.map((e) => e.key));
    let added = false;
    for (const { key } of exposed) {
      const candidate = candidateIn(linesOf.get(key) ?? []);
      if (candidate) {
        withheld.add(candidate);
        added = true;
      }
    }
    if (!added) {
      const candidate = nearestCandidate(
        exposed.map((e) => e.key),
        linesOf,
        (lines) => candidateIn(lines),
      );
      if (!candidate) throw new UnprotectableError();
      withheld.add(candidate);
    }
  }
  throw new TooDetailedError();
}

/** The candidate of the lines nearest (in steps through shared lines) to the exposed entries. */
function nearestCandidate(
  from: readonly string[],
  linesOf: ReadonlyMap<string, readonly LinkedLine[]>,
  candidateIn: (lines: readonly LinkedLine[]) => string | undefined,
): string | undefined {
  const seen = new Set(from);
  let frontier = [...from];
  while (frontier.length > 0) {
    const touching = [...new Set(frontier.flatMap((key) => linesOf.get(key) ?? []))];
    const candidate = candidateIn(touching);
    if (candidate) return candidate;
    frontier = touching.flatMap((line) => [line.total, ...line.members]).filter((key) => !seen.has(key));
    frontier.forEach((key) => seen.add(key));
  }
  return undefined;
}

/**
 * The local rules, until nothing changes: zeros beside a withheld entry, a lone withheld entry of a
 * line, withheld members adding up to less than k. Only new entries are withheld here; a line these
 * rules cannot fix is left to the programs (which then say whether anything can).
 */
function protectLines(
  lines: readonly LinkedLine[],
  withheld: Set<string>,
  k: number,
  count: (key: string) => number,
  isNew: (key: string) => boolean,
): void {
  let changed = true;
  const byCount = (a: string, b: string): number => count(a) - count(b) || (a < b ? -1 : a > b ? 1 : 0);
  const memberOf = new Map<string, LinkedLine[]>();
  for (const line of lines) for (const m of line.members) memberOf.set(m, [...(memberOf.get(m) ?? []), line]);
  // A zero inside a line whose published total is 0 is known from that total: withholding it hides nothing.
  const knownZero = (key: string): boolean =>
    (memberOf.get(key) ?? []).some((line) => count(line.total) === 0 && !withheld.has(line.total));
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenMembers = line.members.filter((m) => withheld.has(m));
      const totalHidden = withheld.has(line.total);
      const hidden = hiddenMembers.length + (totalHidden ? 1 : 0);
      if (hidden === 0) continue;
      for (const member of line.members) {
        if (count(member) === 0 && isNew(member) && !withheld.has(member) && !knownZero(member)) {
          withheld.add(member);
          changed = true;
        }
      }
      const hiddenNow = line.members.filter((m) => withheld.has(m)).length + (totalHidden ? 1 : 0);
      let exposed = hiddenNow === 1;
      if (!exposed && !totalHidden && hiddenMembers.some((m) => count(m) > 0 && count(m) < k)) {
        exposed = line.members.filter((m) => withheld.has(m)).reduce((sum, m) => sum + count(m), 0) < k;
      }
      if (!exposed) continue;
      const candidate = line.members.filter((m) => count(m) > 0 && isNew(m) && !withheld.has(m)).sort(byCount)[0];
      if (candidate) withheld.add(candidate);
      else if (!totalHidden && isNew(line.total) && count(line.total) > 0) withheld.add(line.total);
      else continue;
      changed = true;
    }
  }
}

/**
 * Whether a set of dimension sets is decomposable (an acyclic hypergraph), by Graham's reduction:
 * drop a dimension that only one set has, drop a set contained in another; acyclic when nothing is
 * left. A cyclic design (region×gender, gender×age, age×region) constrains the hidden joint table
 * beyond the published lines, which the programs above would not see.
 */
export function isAcyclic(sets: readonly (readonly string[])[]): boolean {
  let edges = sets.map((s) => new Set(s)).filter((s) => s.size > 0);
  for (;;) {
    let changed = false;
    const occurrences = new Map<string, number>();
    for (const edge of edges) for (const v of edge) occurrences.set(v, (occurrences.get(v) ?? 0) + 1);
    for (const edge of edges) {
      for (const v of [...edge]) {
        if (occurrences.get(v) === 1) {
          edge.delete(v);
          changed = true;
        }
      }
    }
    const kept: Set<string>[] = [];
    edges.forEach((edge, i) => {
      if (edge.size === 0) {
        changed = true;
        return;
      }
      const contained = edges.some(
        (other, j) =>
          j !== i &&
          [...edge].every((v) => other.has(v)) &&
          (other.size > edge.size || (other.size === edge.size && j < i)),
      );
      if (contained) changed = true;
      else kept.push(edge);
    });
    edges = kept;
    if (edges.length === 0) return true;
    if (!changed) return false;
  }
}
