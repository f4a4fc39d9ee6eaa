import { defineCodeList } from './code-list';

/** The age bands of the children accompanying a person (HTCDS prs_NumberOfChildren, by band). */
export const CHILD_AGE_BAND_LIST = defineCodeList({ name: 'childAgeBand', source: 'Panoh' }, [
  ['0--4', '0–4 years', '0–4 лет', '0–4 сола'],
  ['5--8', '5–8 years', '5–8 лет', '5–8 сола'],
  ['9--12', '9–12 years', '9–12 лет', '9–12 сола'],
  ['13--17', '13–17 years', '13–17 лет', '13–17 сола'],
]);
export const CHILD_AGE_BANDS = CHILD_AGE_BAND_LIST.codes;
