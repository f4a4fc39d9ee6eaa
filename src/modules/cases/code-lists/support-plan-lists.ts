import type { Labelled } from './labels';

/** HTCDS v2.0 spl_Type, exactly as the standard spells its values. */
export const HTCDS_SUPPORT_PLAN_TYPES = [
  'Education',
  'Financial',
  'Health',
  'LabourExploitationRehabilitation',
  'Legal',
  'Livelihood',
  'RightsBasedTraining',
  'SexualExploitationRehabilitation',
  'SocialCare',
] as const;

/**
 * Panoh's local extension of spl_Type: kinds of support the NRM of Tajikistan plans that HTCDS has
 * no value for. They are not HTCDS values; an HTCDS export maps them (Shelter and Return to
 * SocialCare, Psychosocial to Health) and says so.
 */
export const LOCAL_SUPPORT_PLAN_TYPES = ['Shelter', 'Psychosocial', 'Return'] as const;

export const ASSISTANCE_TYPES = [...HTCDS_SUPPORT_PLAN_TYPES, ...LOCAL_SUPPORT_PLAN_TYPES] as const;
export type AssistanceType = (typeof ASSISTANCE_TYPES)[number];

/**
 * Where an assistance item stands (Panoh): `planned` (no actual dates), `in_progress` (started),
 * `delivered` (started and ended), `cancelled` (not delivered, or stopped).
 */
export const ASSISTANCE_STATUSES = ['planned', 'in_progress', 'delivered', 'cancelled'] as const;
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number];

export const ASSISTANCE_TYPE_LABELS: readonly Labelled[] = [
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
];

export const ASSISTANCE_STATUS_LABELS: readonly Labelled[] = [
  ['planned', 'Planned', 'Запланировано', 'Ба нақша гирифта шуд'],
  ['in_progress', 'In progress', 'Оказывается', 'Дар ҷараён'],
  ['delivered', 'Delivered', 'Оказано', 'Расонида шуд'],
  ['cancelled', 'Cancelled', 'Отменено', 'Бекор карда шуд'],
];
