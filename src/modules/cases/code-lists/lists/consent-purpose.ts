import { defineCodeList } from './code-list';

/** What a person consents to, one purpose at a time (Panoh). */
export const CONSENT_PURPOSE_LIST = defineCodeList({ name: 'consentPurpose', source: 'Panoh' }, [
  ['assistance', 'Assistance', 'Помощь', 'Кӯмак'],
  [
    'referral',
    'Referral to a named organisation',
    'Направление в указанную организацию',
    'Равон кардан ба ташкилоти номбаршуда',
  ],
  [
    'law_enforcement_disclosure',
    'Disclosure to law enforcement',
    'Передача сведений правоохранительным органам',
    'Ошкор кардан ба мақомоти ҳифзи ҳуқуқ',
  ],
  ['statistics', 'Statistics', 'Статистика', 'Омор'],
]);
export const CONSENT_PURPOSES = CONSENT_PURPOSE_LIST.codes;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
