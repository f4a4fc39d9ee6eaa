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
