import { defineCodeList, HTCDS } from './code-list';

/** HTCDS prs_Gender. */
export const GENDER_LIST = defineCodeList({ name: 'gender', source: `${HTCDS} prs_Gender` }, [
  ['Feminine', 'Feminine', 'Женский', 'Занона'],
  ['Masculine', 'Masculine', 'Мужской', 'Мардона'],
  ['TransgenderFeminine', 'Transgender feminine', 'Трансгендер (женский)', 'Трансгендер (занона)'],
  ['TransgenderMasculine', 'Transgender masculine', 'Трансгендер (мужской)', 'Трансгендер (мардона)'],
  ['NonConforming', 'Non-conforming', 'Небинарный', 'Ғайрибинарӣ'],
  ['NonSpecifiedUnknown', 'Not specified / unknown', 'Не указан / неизвестно', 'Нишон дода нашудааст / номаълум'],
]);
export const GENDERS = GENDER_LIST.codes;
