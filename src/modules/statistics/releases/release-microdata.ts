import { exportCtdc, ExtraWithholding } from '../ctdc-export';
import { CTDC_COLUMNS, CtdcColumn, CtdcRow } from '../ctdc-layout';
import type { SnapshotRecord } from './release-contract';

/**
 * The CTDC dataset of a suppression-mode release: the snapshot's records, k-anonymous over every
 * published column (ctdc-export.ts) and l-diverse for the sensitive columns.
 *
 * k-anonymity alone lets someone who knows a victim's year, gender, age, citizenship and country of
 * exploitation find the victim's rows and, when all of them say the same thing, read how the victim was
 * exploited and controlled — the group attribute disclosure of a published zero. So, per equivalence
 * class over the columns a neighbour could know (every column outside the groups below), each group
 * of sensitive columns must show at least l distinct values (each value a whole group's columns
 * together) — distinct l-diversity (Machanavajjhala et al. 2007):
 *   - the exploitation-type flags, the means-of-control flags, the type of labour, the type of sex
 *     exploitation.
 * A group left empty in every row of a class (not recorded, not applicable, or generalised away)
 * shows nothing and passes. A class that fails is withheld whole; when that would withhold more than
 * ctdc-export's share, a quasi-identifier is generalised further first, chosen as k-anonymity chooses.
 * Withholding whole classes keeps every published class over all columns at k or more.
 *
 * Rows are sorted and everything is chosen deterministically from the records, so the same snapshot
 * gives the same bytes on every call; the release stores them anyway.
 */

const EXPLOITATION_FLAGS: readonly CtdcColumn[] = [
  'isForcedLabour',
  'isSexualExploit',
  'isOtherExploit',
  'isSexAndLabour',
  'isForcedMarriage',
  'isForcedMilitary',
  'isOrganRemoval',
  'isSlaveryAndPractices',
];

export const SENSITIVE_GROUPS: Readonly<Record<string, readonly CtdcColumn[]>> = {
  exploitationType: EXPLOITATION_FLAGS,
  meansOfControl: CTDC_COLUMNS.filter((c) => c.startsWith('meansOfControl')),
  typeOfLabour: CTDC_COLUMNS.filter((c) => c.startsWith('typeOfLabour')),
  typeOfSex: CTDC_COLUMNS.filter((c) => c.startsWith('typeOfSex')),
};

const SENSITIVE = new Set(Object.values(SENSITIVE_GROUPS).flat());

/** The columns that define an l-diversity class: everything a neighbour could know. */
export const KNOWN_COLUMNS: readonly CtdcColumn[] = CTDC_COLUMNS.filter((c) => !SENSITIVE.has(c));

/** The rows (indices) in classes over KNOWN_COLUMNS where some sensitive group shows fewer than l values. */
export function lessThanLDiverse(l: number): ExtraWithholding {
  return (rows: readonly CtdcRow[]) => {
    const classes = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const key = KNOWN_COLUMNS.map((c) => row[c] ?? '').join('\u001f');
      const members = classes.get(key);
      if (members) members.push(i);
      else classes.set(key, [i]);
    });
    const withheld = new Set<number>();
    for (const members of classes.values()) {
      const diverse = Object.values(SENSITIVE_GROUPS).every((columns) => {
        const values = new Set(members.map((i) => columns.map((c) => rows[i][c] ?? '').join('\u001f')));
        const empty = columns.map(() => '').join('\u001f');
        return values.size >= l || (values.size === 1 && values.has(empty));
      });
      if (!diverse) for (const i of members) withheld.add(i);
    }
    return withheld;
  };
}

/** The suppression-mode CTDC CSV of a release's snapshot: k-anonymous, l-diverse, byte-stable. */
export function releaseMicrodata(input: { records: readonly SnapshotRecord[]; k: number; l: number }): string {
  const { k, l } = input;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
  if (!Number.isInteger(l) || l < 1) throw new RangeError('l must be a positive integer');
  return exportCtdc(
    input.records.map((r) => r.ctdc),
    k,
    undefined,
    lessThanLDiverse(l),
  ).csv;
}
