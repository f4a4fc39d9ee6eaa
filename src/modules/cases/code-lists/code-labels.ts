import { codeListCatalogue } from './code-list-catalogue';

type Language = 'en' | 'ru' | 'tg';

/** list name → code → labels, built once from the catalogue the API publishes. */
const LABELS = new Map(
  codeListCatalogue().lists.map((list) => [list.name, new Map(list.values.map((v) => [v.code, v.labels]))]),
);

/** The label of `code` in list `listName` in `language`; the code itself when the list lacks it. */
export function codeLabel(listName: string, code: string, language: Language): string {
  return LABELS.get(listName)?.get(code)?.[language] ?? code;
}

/** Every code of list `listName` with its label in `language`, in the list's order. */
export function codeChoices(listName: string, language: Language): Array<{ value: string; label: string }> {
  return [...(LABELS.get(listName) ?? new Map<string, Record<Language, string>>())].map(([value, labels]) => ({
    value,
    label: labels[language],
  }));
}
