import { defineCodeList } from './code-list';

/** NRM stages (OSCE/ODIHR NRM handbook, 2nd ed.). */
export const STAGE_LIST = defineCodeList({ name: 'stage', source: 'OSCE/ODIHR NRM handbook (2nd ed.)' }, [
  ['identified', 'Identified', 'Выявлен', 'Ошкор шуд'],
  ['referred', 'Referred', 'Направлен', 'Равон карда шуд'],
  [
    'reflection',
    'Recovery and reflection period',
    'Период восстановления и размышления',
    'Давраи барқароршавӣ ва андеша',
  ],
  ['status_decided', 'Status decided', 'Статус определён', 'Мақом муайян шуд'],
  ['assistance', 'Assistance', 'Помощь', 'Кӯмак'],
  ['reintegration', 'Return and reintegration', 'Возвращение и реинтеграция', 'Бозгашт ва ҳамгироии дубора'],
  ['follow_up', 'Follow-up', 'Последующее сопровождение', 'Пайгирӣ'],
  ['closed', 'Closed', 'Закрыт', 'Пӯшида'],
]);
export const CASE_STAGES = STAGE_LIST.codes;
export type CaseStage = (typeof CASE_STAGES)[number];
