import { defineCodeList } from './code-list';

/** What a screening found (Panoh). */
export const SCREENING_RESULT_LIST = defineCodeList({ name: 'screeningResult', source: 'Panoh' }, [
  ['indicators_present', 'Indicators present', 'Признаки выявлены', 'Нишонаҳо мавҷуданд'],
  ['no_indicators', 'No indicators', 'Признаков нет', 'Нишонаҳо нестанд'],
  ['inconclusive', 'Inconclusive', 'Не определено', 'Номуайян'],
]);
export const SCREENING_RESULTS = SCREENING_RESULT_LIST.codes;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];
