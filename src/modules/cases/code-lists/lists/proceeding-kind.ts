import { defineCodeList } from './code-list';

/** The steps of criminal proceedings (Panoh; HTCDS has no list for them). */
export const PROCEEDING_KIND_LIST = defineCodeList({ name: 'proceedingKind', source: 'Panoh' }, [
  ['investigation', 'Criminal investigation', 'Уголовное расследование', 'Тафтиши ҷиноӣ'],
  ['prosecution', 'Prosecution', 'Уголовное преследование', 'Таъқиби ҷиноӣ'],
  ['trial', 'Trial', 'Судебное разбирательство', 'Муҳокимаи судӣ'],
  ['verdict', 'Verdict', 'Приговор', 'Ҳукм'],
]);
export const PROCEEDING_KINDS = PROCEEDING_KIND_LIST.codes;
export type ProceedingKind = (typeof PROCEEDING_KINDS)[number];
