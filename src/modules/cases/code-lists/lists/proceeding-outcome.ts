import { defineCodeList } from './code-list';

/** How a step ended (Panoh). Which outcome fits which step: PROCEEDING_OUTCOMES_BY_KIND. */
export const PROCEEDING_OUTCOME_LIST = defineCodeList({ name: 'proceedingOutcome', source: 'Panoh' }, [
  ['charged', 'Charges brought', 'Предъявлено обвинение', 'Айб эълон карда шуд'],
  ['discontinued', 'Discontinued', 'Прекращено', 'Қатъ карда шуд'],
  ['indicted', 'Sent to court', 'Направлено в суд', 'Ба суд фиристода шуд'],
  ['convicted', 'Convicted', 'Осуждён', 'Маҳкум шуд'],
  ['acquitted', 'Acquitted', 'Оправдан', 'Сафед карда шуд'],
  ['appealed', 'Appealed', 'Обжаловано', 'Шикоят карда шуд'],
  ['other', 'Other', 'Другое', 'Дигар'],
]);
export const PROCEEDING_OUTCOMES = PROCEEDING_OUTCOME_LIST.codes;
export type ProceedingOutcome = (typeof PROCEEDING_OUTCOMES)[number];
