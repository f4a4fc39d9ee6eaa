import { codesOf, defineCodeList, HTCDS } from './code-list';

/** HTCDS vic_MethodsOfControl. */
const HTCDS_ROWS = [
  ['PhysicalThreats', 'Threats of physical harm', 'Угрозы физической расправы', 'Таҳдиди зарари ҷисмонӣ'],
  [
    'ThreatsLawEnforcement',
    'Threats of law-enforcement action',
    'Угрозы обращения в полицию',
    'Таҳдиди муроҷиат ба милитсия',
  ],
  ['ThreatensChildrenFamily', 'Threats to children or family', 'Угрозы детям или семье', 'Таҳдид ба фарзандон ё оила'],
  ['DebtBondage', 'Debt bondage', 'Долговая кабала', 'Қарзи ғуломона'],
  ['FalsePromises', 'False promises', 'Ложные обещания', 'Ваъдаҳои дурӯғ'],
  ['PhysicalAbuse', 'Physical abuse', 'Физическое насилие', 'Зӯроварии ҷисмонӣ'],
  ['SexualAbuse', 'Sexual abuse', 'Сексуальное насилие', 'Зӯроварии шаҳвонӣ'],
  ['TakesEarnings', 'Takes earnings', 'Отбирает заработок', 'Музди меҳнатро мегирад'],
  [
    'RestrictsFinancialAccess',
    'Restricts access to money',
    'Ограничивает доступ к деньгам',
    'Дастрасӣ ба пулро маҳдуд мекунад',
  ],
  [
    'RestrictsMedicalCare',
    'Restricts medical care',
    'Ограничивает медицинскую помощь',
    'Кӯмаки тиббиро маҳдуд мекунад',
  ],
  ['WithholdsNecessities', 'Withholds necessities', 'Лишает самого необходимого', 'Аз чизҳои зарурӣ маҳрум мекунад'],
  ['PsychologicalAbuse', 'Psychological abuse', 'Психологическое насилие', 'Зӯроварии равонӣ'],
  ['PsychoactiveSubstance', 'Psychoactive substances', 'Психоактивные вещества', 'Моддаҳои психоактивӣ'],
  ['ExcessiveWorkingHours', 'Excessive working hours', 'Чрезмерный рабочий день', 'Соатҳои аз ҳад зиёди корӣ'],
  ['WithholdsDocuments', 'Withholds documents', 'Удерживает документы', 'Ҳуҷҷатҳоро нигоҳ медорад'],
  ['Other', 'Other', 'Другое', 'Дигар'],
] as const;

/**
 * Panoh's local extension: two means of control the CTDC dataset keeps as columns
 * (meansOfControlRestrictsMovement, meansOfControlUsesChildren) that HTCDS 2.0's vic_MethodsOfControl
 * dropped. They are not HTCDS values: an HTCDS export leaves them out (or maps them to Other) and says so;
 * the CTDC export fills their own columns from them.
 */
const LOCAL_ROWS = [
  [
    'RestrictsMovement',
    'Restricts movement (local extension, CTDC)',
    'Ограничивает передвижение (местное дополнение, CTDC)',
    'Ҳаракатро маҳдуд мекунад (иловаи маҳаллӣ, CTDC)',
  ],
  [
    'UsesChildren',
    'Uses children (local extension, CTDC)',
    'Использует детей (местное дополнение, CTDC)',
    'Кӯдаконро истифода мебарад (иловаи маҳаллӣ, CTDC)',
  ],
] as const;

export const MEANS_OF_CONTROL_LIST = defineCodeList(
  {
    name: 'meansOfControl',
    source: `${HTCDS} vic_MethodsOfControl, with the local extension RestrictsMovement, UsesChildren (CTDC)`,
  },
  [...HTCDS_ROWS, ...LOCAL_ROWS],
);
export const HTCDS_MEANS_OF_CONTROL = codesOf(HTCDS_ROWS);
export const LOCAL_MEANS_OF_CONTROL = codesOf(LOCAL_ROWS);
export const MEANS_OF_CONTROL = MEANS_OF_CONTROL_LIST.codes;
