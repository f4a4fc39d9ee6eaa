import { defineCodeList, HTCDS } from './code-list';

/** HTCDS hte_Type. */
export const TRAFFICKING_EVENT_TYPE_LIST = defineCodeList(
  { name: 'traffickingEventType', source: `${HTCDS} hte_Type` },
  [
    ['Recruitment', 'Recruitment', 'Вербовка', 'Ҷалб'],
    ['Transit', 'Transit', 'Транзит', 'Транзит'],
    ['Exploitation', 'Exploitation', 'Эксплуатация', 'Истисмор'],
  ],
);
export const TRAFFICKING_EVENT_TYPES = TRAFFICKING_EVENT_TYPE_LIST.codes;
export type TraffickingEventType = (typeof TRAFFICKING_EVENT_TYPES)[number];
