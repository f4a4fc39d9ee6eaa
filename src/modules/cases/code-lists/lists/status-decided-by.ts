import { defineCodeList, HTCDS } from './code-list';

/** HTCDS vic_TraffickingStatusDecisionMakingOrg. */
export const STATUS_DECIDED_BY_LIST = defineCodeList(
  { name: 'statusDecidedBy', source: `${HTCDS} vic_TraffickingStatusDecisionMakingOrg` },
  [
    ['Police', 'Police', 'Полиция', 'Милитсия'],
    ['NGO', 'NGO', 'НПО', 'ТҒД'],
    ['CourtOrProsecution', 'Court or prosecution', 'Суд или прокуратура', 'Суд ё прокуратура'],
    [
      'NonPoliceGovernmentalOrganization',
      'Non-police governmental organisation',
      'Государственный орган (не полиция)',
      'Мақомоти давлатӣ (ғайр аз милитсия)',
    ],
    ['Other', 'Other', 'Другое', 'Дигар'],
  ],
);
export const STATUS_DECISION_MAKERS = STATUS_DECIDED_BY_LIST.codes;
export type StatusDecisionMaker = (typeof STATUS_DECISION_MAKERS)[number];
