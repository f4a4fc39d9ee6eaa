/** A code with its labels, in the order [code, English, Russian, Tajik]. */
export type LabelledCode = readonly [code: string, en: string, ru: string, tg: string];

export interface CodeListValue {
  code: string;
  labels: { en: string; ru: string; tg: string };
}

/** A code list as the API publishes it. */
export interface CodeList {
  name: string;
  source: string;
  version?: string;
  values: CodeListValue[];
}

/** The codes of `rows`, in their order, each as its literal type. */
type CodesOf<R extends readonly LabelledCode[]> = {
  readonly [I in keyof R]: R[I] extends readonly [infer Code, ...unknown[]] ? Code : never;
};

export const HTCDS = 'HTCDS v2.0';

/**
 * A code list from its codes and their labels, written together: the codes (for validation and
 * types) and the list the API publishes both come from the same rows.
 */
export function defineCodeList<const R extends readonly LabelledCode[]>(
  about: Omit<CodeList, 'values'>,
  rows: R,
): { list: CodeList; codes: CodesOf<R> } {
  return {
    list: { ...about, values: rows.map(([code, en, ru, tg]) => ({ code, labels: { en, ru, tg } })) },
    codes: codesOf(rows),
  };
}

/** The codes of `rows`, in their order. */
export function codesOf<const R extends readonly LabelledCode[]>(rows: R): CodesOf<R> {
  return rows.map(([code]) => code) as unknown as CodesOf<R>;
}
