import { codeListCatalogue } from './code-list-catalogue';
import type { CodeList } from './lists/code-list';

export type LabelLanguage = 'en' | 'ru' | 'tg';

/** A code list as a person reads it: each code with its label in one language, in the list's order. */
export interface LabelledList {
  /** The code's label; an unknown code (a list changed since) reads as the code itself. */
  label(code: string): string;
  choices: ReadonlyArray<{ value: string; label: string }>;
}

const LISTS = new Map<string, CodeList>(codeListCatalogue().lists.map((list) => [list.name, list]));

/** The list `name` (as GET /code-lists names it, or a screening's indicator list) labelled in `language`. */
export function labelledList(name: string, language: LabelLanguage): LabelledList {
  const list = LISTS.get(name);
  if (!list) throw new Error(`no code list ${name}`);
  const labels = new Map(list.values.map((v) => [v.code, v.labels[language]]));
  return {
    label: (code) => labels.get(code) ?? code,
    choices: list.values.map((v) => ({ value: v.code, label: v.labels[language] })),
  };
}

/** The label of `code` in list `listName` in `language`; the code itself when the list or code is unknown. */
export function codeLabel(listName: string, code: string, language: LabelLanguage): string {
  return LISTS.has(listName) ? labelledList(listName, language).label(code) : code;
}

/** Every code of list `listName` with its label in `language`, in the list's order. */
export function codeChoices(listName: string, language: LabelLanguage): Array<{ value: string; label: string }> {
  return LISTS.has(listName) ? [...labelledList(listName, language).choices] : [];
}
