import { codesOf, defineCodeList, HTCDS } from './code-list';

/** HTCDS v2.0 spl_Type, exactly as the standard spells its values. */
const HTCDS_ROWS = [
  ['Education', 'Education', 'Образование', 'Маориф'],
  ['Financial', 'Financial support', 'Финансовая помощь', 'Кӯмаки молиявӣ'],
  ['Health', 'Health care', 'Медицинская помощь', 'Ёрии тиббӣ'],
  [
    'LabourExploitationRehabilitation',
    'Rehabilitation after labour exploitation',
    'Реабилитация после трудовой эксплуатации',
    'Барқарорсозӣ пас аз истисмори меҳнатӣ',
  ],
  ['Legal', 'Legal assistance', 'Юридическая помощь', 'Ёрии ҳуқуқӣ'],
  ['Livelihood', 'Livelihood', 'Средства к существованию', 'Маблағи зиндагӣ'],
  ['RightsBasedTraining', 'Rights-based training', 'Обучение правам', 'Омӯзиши ҳуқуқҳо'],
  [
    'SexualExploitationRehabilitation',
    'Rehabilitation after sexual exploitation',
    'Реабилитация после сексуальной эксплуатации',
    'Барқарорсозӣ пас аз истисмори шаҳвонӣ',
  ],
  ['SocialCare', 'Social care', 'Социальная помощь', 'Ёрии иҷтимоӣ'],
] as const;

/**
 * Panoh's local extension of spl_Type: kinds of support the NRM of Tajikistan plans that HTCDS has
 * no value for. They are not HTCDS values; an HTCDS export maps them (Shelter and Return to
 * SocialCare, Psychosocial to Health) and says so.
 */
const LOCAL_ROWS = [
  ['Shelter', 'Shelter (local extension)', 'Приют (местное дополнение)', 'Паноҳгоҳ (иловаи маҳаллӣ)'],
  [
    'Psychosocial',
    'Psychosocial support (local extension)',
    'Психосоциальная помощь (местное дополнение)',
    'Ёрии равонӣ-иҷтимоӣ (иловаи маҳаллӣ)',
  ],
  [
    'Return',
    'Return and reintegration (local extension)',
    'Возвращение и реинтеграция (местное дополнение)',
    'Бозгашт ва ҳамгироӣ (иловаи маҳаллӣ)',
  ],
] as const;

export const ASSISTANCE_TYPE_LIST = defineCodeList(
  {
    name: 'assistanceType',
    source: `${HTCDS} spl_Type, with the local extension Shelter, Psychosocial, Return (Panoh)`,
  },
  [...HTCDS_ROWS, ...LOCAL_ROWS],
);
export const HTCDS_SUPPORT_PLAN_TYPES = codesOf(HTCDS_ROWS);
export const LOCAL_SUPPORT_PLAN_TYPES = codesOf(LOCAL_ROWS);
export const ASSISTANCE_TYPES = ASSISTANCE_TYPE_LIST.codes;
export type AssistanceType = (typeof ASSISTANCE_TYPES)[number];
