import { defineCodeList } from './code-list';

/** CTDC age bands (ageBroad). */
export const AGE_BAND_LIST = defineCodeList({ name: 'ageBand', source: 'CTDC ageBroad' }, [
  ['0--8', '0–8 years', '0–8 лет', '0–8 сола'],
  ['9--17', '9–17 years', '9–17 лет', '9–17 сола'],
  ['18--20', '18–20 years', '18–20 лет', '18–20 сола'],
  ['21--23', '21–23 years', '21–23 лет', '21–23 сола'],
  ['24--26', '24–26 years', '24–26 лет', '24–26 сола'],
  ['27--29', '27–29 years', '27–29 лет', '27–29 сола'],
  ['30--38', '30–38 years', '30–38 лет', '30–38 сола'],
  ['39--47', '39–47 years', '39–47 лет', '39–47 сола'],
  ['48+', '48+ years', '48+ лет', '48+ сола'],
]);
export const AGE_BANDS = AGE_BAND_LIST.codes;
