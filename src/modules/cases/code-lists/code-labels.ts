import { codeListCatalogue } from './code-list-catalogue';
import type { CodeListValue } from './lists/code-list';

/** The languages the code lists are labelled in (the pages' languages). */
export type LabelLanguage = keyof CodeListValue['labels'];

const LABELS = new Map(
  codeListCatalogue().lists.map((list) => [list.name, new Map(list.values.map((value) => [value.code, value.labels]))]),
);

/** A code's label in `language`, from the list it belongs to; the code itself for one the list lacks. */
export function codeLabel(list: string, code: string, language: LabelLanguage): string {
  return LABELS.get(list)?.get(code)?.[language] ?? code;
}

/** A list's codes (or the ones given, in their order) with their labels, for a form's choices. */
export function codeChoices(
  list: string,
  language: LabelLanguage,
  codes?: readonly string[],
): Array<{ value: string; label: string }> {
  const values = LABELS.get(list);
  if (!values) throw new Error(`no code list ${list}`);
  return (codes ?? [...values.keys()]).map((code) => ({ value: code, label: codeLabel(list, code, language) }));
}
