import { defineCodeList, HTCDS } from './code-list';

/** HTCDS vic_TraffickingStatus. */
export const TRAFFICKING_STATUS_LIST = defineCodeList(
  { name: 'traffickingStatus', source: `${HTCDS} vic_TraffickingStatus` },
  [
    [
      'PossibleVictimOfTrafficking',
      'Possible victim of trafficking',
      'Возможная жертва торговли людьми',
      'Қурбонии эҳтимолии савдои одамон',
    ],
    ['ActualVictimOfTrafficking', 'Actual victim of trafficking', 'Жертва торговли людьми', 'Қурбонии савдои одамон'],
    [
      'NotAVictimOfTrafficking',
      'Not a victim of trafficking',
      'Не является жертвой торговли людьми',
      'Қурбонии савдои одамон нест',
    ],
  ],
);
export const TRAFFICKING_STATUSES = TRAFFICKING_STATUS_LIST.codes;
export type TraffickingStatus = (typeof TRAFFICKING_STATUSES)[number];
