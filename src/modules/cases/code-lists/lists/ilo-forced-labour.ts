import { defineCodeList } from './code-list';

/** ILO, "Hard to see, harder to count" (2nd ed., 2012): the 11 indicators of forced labour. */
export const ILO_FORCED_LABOUR_LIST = defineCodeList(
  { name: 'ilo_forced_labour_11', source: 'ILO indicators of forced labour (2012)', version: '2012' },
  [
    ['abuse_of_vulnerability', 'Abuse of vulnerability', 'Злоупотребление уязвимостью', 'Сӯистифода аз осебпазирӣ'],
    ['deception', 'Deception', 'Обман', 'Фиреб'],
    [
      'restriction_of_movement',
      'Restriction of movement',
      'Ограничение свободы передвижения',
      'Маҳдуд кардани озодии ҳаракат',
    ],
    ['isolation', 'Isolation', 'Изоляция', 'Ҷудо кардан'],
    [
      'physical_and_sexual_violence',
      'Physical and sexual violence',
      'Физическое и сексуальное насилие',
      'Зӯроварии ҷисмонӣ ва шаҳвонӣ',
    ],
    ['intimidation_and_threats', 'Intimidation and threats', 'Запугивание и угрозы', 'Тарсондан ва таҳдид'],
    [
      'retention_of_identity_documents',
      'Retention of identity documents',
      'Удержание документов',
      'Нигоҳ доштани ҳуҷҷатҳо',
    ],
    ['withholding_of_wages', 'Withholding of wages', 'Невыплата заработной платы', 'Напардохтани музди меҳнат'],
    ['debt_bondage', 'Debt bondage', 'Долговая кабала', 'Қарзи ғуломона'],
    [
      'abusive_working_and_living_conditions',
      'Abusive working and living conditions',
      'Невыносимые условия труда и жизни',
      'Шароити вазнини кор ва зиндагӣ',
    ],
    ['excessive_overtime', 'Excessive overtime', 'Чрезмерная сверхурочная работа', 'Кори изофаи аз ҳад зиёд'],
  ],
);
