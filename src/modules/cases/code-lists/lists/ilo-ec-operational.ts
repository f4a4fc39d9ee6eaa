import { defineCodeList } from './code-list';

/**
 * ILO/European Commission, "Operational indicators of trafficking in human beings" (2009), adults,
 * by dimension and strength (strong / medium), the ones a first screening asks about.
 */
export const ILO_EC_OPERATIONAL_LIST = defineCodeList(
  {
    name: 'ilo_ec_operational',
    source: 'ILO/EC operational indicators of trafficking in human beings (2009)',
    version: '2009',
  },
  [
    [
      'deceptive_recruitment.nature_of_job',
      'Deceived about the nature of the job or location',
      'Обман о характере работы или месте',
      'Фиреб дар бораи навъи кор ё ҷой',
    ],
    [
      'deceptive_recruitment.conditions_of_work',
      'Deceived about conditions of work',
      'Обман об условиях труда',
      'Фиреб дар бораи шароити кор',
    ],
    [
      'deceptive_recruitment.content_or_legality_of_contract',
      'Deceived about the contract or its legality',
      'Обман о содержании или законности договора',
      'Фиреб дар бораи шартнома ё қонунии он',
    ],
    [
      'deceptive_recruitment.wages_or_earnings',
      'Deceived about wages or earnings',
      'Обман о заработке',
      'Фиреб дар бораи музди меҳнат',
    ],
    ['coercive_recruitment.violence', 'Violence during recruitment', 'Насилие при вербовке', 'Зӯроварӣ ҳангоми ҷалб'],
    [
      'coercive_recruitment.abduction_or_forced_marriage',
      'Abduction, forced marriage or forced adoption',
      'Похищение, принудительный брак или усыновление',
      'Рабудан, издивоҷ ё фарзандхондии маҷбурӣ',
    ],
    [
      'coercive_recruitment.confiscation_of_documents',
      'Documents confiscated during recruitment',
      'Изъятие документов при вербовке',
      'Гирифтани ҳуҷҷатҳо ҳангоми ҷалб',
    ],
    [
      'coercive_recruitment.debt_bondage',
      'Debt bondage from recruitment',
      'Долговая кабала при вербовке',
      'Қарзи ғуломона ҳангоми ҷалб',
    ],
    [
      'abuse_of_vulnerability_recruitment.economic_situation',
      'Abuse of a difficult economic situation',
      'Использование тяжёлого материального положения',
      'Сӯистифода аз вазъи душвори иқтисодӣ',
    ],
    [
      'abuse_of_vulnerability_recruitment.difficult_family_situation',
      'Abuse of a difficult family situation',
      'Использование тяжёлой семейной ситуации',
      'Сӯистифода аз вазъи душвори оилавӣ',
    ],
    [
      'abuse_of_vulnerability_recruitment.lack_of_education_or_language',
      'Abuse of lack of education or language',
      'Использование отсутствия образования или знания языка',
      'Сӯистифода аз набудани маълумот ё забондонӣ',
    ],
    [
      'exploitative_conditions.excessive_working_days_or_hours',
      'Excessive working days or hours',
      'Чрезмерная продолжительность работы',
      'Рӯзҳо ё соатҳои аз ҳад зиёди корӣ',
    ],
    [
      'exploitative_conditions.bad_living_conditions',
      'Bad living conditions',
      'Плохие условия проживания',
      'Шароити бади зиндагӣ',
    ],
    ['exploitative_conditions.hazardous_work', 'Hazardous work', 'Опасная работа', 'Кори хатарнок'],
    [
      'exploitative_conditions.low_or_no_salary',
      'Low or no salary',
      'Низкая зарплата или её отсутствие',
      'Музди кам ё набудани он',
    ],
    [
      'exploitative_conditions.no_respect_of_labour_laws',
      'No respect of labour laws or contract',
      'Несоблюдение трудового законодательства',
      'Риоя накардани қонунҳои меҳнат',
    ],
    [
      'coercion_at_destination.forced_to_act_against_will',
      'Forced to act against their will',
      'Принуждение к действиям против воли',
      'Маҷбур кардан бар хилофи хоҳиш',
    ],
    [
      'coercion_at_destination.isolation_or_surveillance',
      'Isolation, confinement or surveillance',
      'Изоляция, лишение свободы или слежка',
      'Ҷудо кардан, маҳбус кардан ё назорат',
    ],
    [
      'coercion_at_destination.threats_of_violence_or_denunciation',
      'Threats of violence or of denunciation',
      'Угрозы насилием или доносом',
      'Таҳдиди зӯроварӣ ё хабар додан ба мақомот',
    ],
    [
      'coercion_at_destination.confiscation_of_documents',
      'Confiscation of documents',
      'Изъятие документов',
      'Гирифтани ҳуҷҷатҳо',
    ],
    ['coercion_at_destination.debt_bondage', 'Debt bondage', 'Долговая кабала', 'Қарзи ғуломона'],
    [
      'abuse_of_vulnerability_at_destination.dependency',
      'Dependency on the exploiter',
      'Зависимость от эксплуататора',
      'Вобастагӣ аз истисморгар',
    ],
    [
      'abuse_of_vulnerability_at_destination.irregular_status',
      'Irregular migration status',
      'Нелегальный миграционный статус',
      'Мақоми ғайриқонунии муҳоҷиратӣ',
    ],
    [
      'abuse_of_vulnerability_at_destination.isolation_from_family',
      'Isolation from family and community',
      'Отрыв от семьи и общины',
      'Ҷудоӣ аз оила ва ҷомеа',
    ],
  ],
);
