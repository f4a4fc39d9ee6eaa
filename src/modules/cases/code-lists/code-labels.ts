import type { Language } from '../../../core/web/i18n';
import { codeListCatalogue } from './code-list-catalogue';

const LABELS = new Map(
  codeListCatalogue().lists.map((list) => [list.name, new Map(list.values.map((value) => [value.code, value.labels]))]),
);

/** A code's label in a language, from its list (`region`, `gender`, …); undefined for a code not in it. */
export function codeLabel(list: string, code: string, language: Language): string | undefined {
  return LABELS.get(list)?.get(code)?.[language];
}
