/** [code, English, Russian, Tajik] */
export type Labelled = readonly [string, string, string, string];

export const STAGE_LABELS: readonly Labelled[] = [
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
];

export const TRAFFICKING_STATUS_LABELS: readonly Labelled[] = [
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
];

export const STATUS_DECISION_MAKER_LABELS: readonly Labelled[] = [
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
];

export const GENDER_LABELS: readonly Labelled[] = [
  ['Feminine', 'Feminine', 'Женский', 'Занона'],
  ['Masculine', 'Masculine', 'Мужской', 'Мардона'],
  ['TransgenderFeminine', 'Transgender feminine', 'Трансгендер (женский)', 'Трансгендер (занона)'],
  ['TransgenderMasculine', 'Transgender masculine', 'Трансгендер (мужской)', 'Трансгендер (мардона)'],
  ['NonConforming', 'Non-conforming', 'Небинарный', 'Ғайрибинарӣ'],
  ['NonSpecifiedUnknown', 'Not specified / unknown', 'Не указан / неизвестно', 'Нишон дода нашудааст / номаълум'],
];

export const EXPLOITATION_TYPE_LABELS: readonly Labelled[] = [
  ['ForcedLabour', 'Forced labour', 'Принудительный труд', 'Меҳнати маҷбурӣ'],
  ['SexualExploitation', 'Sexual exploitation', 'Сексуальная эксплуатация', 'Истисмори шаҳвонӣ'],
  ['ChildLabour', 'Child labour', 'Детский труд', 'Меҳнати кӯдакон'],
  ['ForcedMarriage', 'Forced marriage', 'Принудительный брак', 'Издивоҷи маҷбурӣ'],
  ['Servitude', 'Servitude', 'Подневольное состояние', 'Ғуломдорӣ'],
  [
    'ForcedMilitaryByNonStateActors',
    'Forced military service by non-state actors',
    'Принудительная служба в негосударственных вооружённых группах',
    'Хизмати маҷбурии ҳарбӣ дар гурӯҳҳои ғайридавлатӣ',
  ],
  ['OrganRemoval', 'Organ removal', 'Изъятие органов', 'Гирифтани узвҳо'],
  ['ForcedBegging', 'Forced begging', 'Принудительное попрошайничество', 'Гадоии маҷбурӣ'],
  ['ForcedAdoption', 'Forced adoption', 'Принудительное усыновление', 'Фарзандхондии маҷбурӣ'],
  ['Surrogacy', 'Surrogacy', 'Суррогатное материнство', 'Модари ҷойгузин'],
  ['Other', 'Other', 'Другое', 'Дигар'],
];

export const MEANS_OF_CONTROL_LABELS: readonly Labelled[] = [
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
];

export const LABOUR_SECTOR_LABELS: readonly Labelled[] = [
  [
    'A_AgricultureForestryAndFishing',
    'Agriculture, forestry and fishing',
    'Сельское, лесное и рыбное хозяйство',
    'Кишоварзӣ, хоҷагии ҷангал ва моҳидорӣ',
  ],
  ['B_MiningAndQuarrying', 'Mining and quarrying', 'Добыча полезных ископаемых', 'Истихроҷи маъдан'],
  ['C_Manufacturing', 'Manufacturing', 'Обрабатывающая промышленность', 'Саноати коркард'],
  [
    'D_ElectricityGasSteamAndAirConditioningSupply',
    'Electricity, gas, steam and air conditioning',
    'Электро- и газоснабжение',
    'Таъминоти барқ ва газ',
  ],
  [
    'E_WaterSupplySewerageWasteManagement',
    'Water supply, sewerage and waste',
    'Водоснабжение и утилизация отходов',
    'Обтаъминкунӣ ва партовҳо',
  ],
  ['F_Construction', 'Construction', 'Строительство', 'Сохтмон'],
  [
    'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
    'Wholesale and retail trade; vehicle repair',
    'Торговля; ремонт автомобилей',
    'Савдо; таъмири мошинҳо',
  ],
  ['H_TransportationAndStorage', 'Transport and storage', 'Транспорт и хранение', 'Нақлиёт ва нигоҳдорӣ'],
  [
    'I_AccommodationAndFoodServiceActivities',
    'Accommodation and food service',
    'Гостиницы и общественное питание',
    'Меҳмонхонаҳо ва хӯроки умумӣ',
  ],
  ['J_InformationAndCommunication', 'Information and communication', 'Информация и связь', 'Иттилоот ва алоқа'],
  ['K_FinancialAndInsuranceActivities', 'Finance and insurance', 'Финансы и страхование', 'Молия ва суғурта'],
  ['L_RealEstateActivities', 'Real estate', 'Операции с недвижимостью', 'Амалиёт бо амволи ғайриманқул'],
  [
    'M_ProfessionalScientificAndTechnicalActivities',
    'Professional, scientific and technical',
    'Профессиональная и научная деятельность',
    'Фаъолияти касбӣ ва илмӣ',
  ],
  [
    'N_AdministrativeAndSupportServiceActivities',
    'Administrative and support services',
    'Административные и вспомогательные услуги',
    'Хизматҳои маъмурӣ ва ёрирасон',
  ],
  [
    'O_PublicAdministrationAndDefence',
    'Public administration and defence',
    'Государственное управление и оборона',
    'Идоракунии давлатӣ ва мудофиа',
  ],
  ['P_Education', 'Education', 'Образование', 'Маориф'],
  [
    'Q_HumanHealthAndSocialWorkActivities',
    'Health and social work',
    'Здравоохранение и социальные услуги',
    'Тандурустӣ ва хизматрасонии иҷтимоӣ',
  ],
  [
    'R_ArtsEntertainmentAndRecreation',
    'Arts, entertainment and recreation',
    'Искусство, развлечения и отдых',
    'Санъат, фароғат ва истироҳат',
  ],
  ['S_OtherServiceActivities', 'Other services', 'Прочие услуги', 'Дигар хизматҳо'],
  [
    'T_ActivitiesOfHouseholdsAsEmployers',
    'Households as employers (domestic work)',
    'Домашние хозяйства как работодатели',
    'Хоҷагиҳои хонагӣ ҳамчун корфармо',
  ],
  [
    'U_ActivitiesOfExtraterritorialOrganizations',
    'Extraterritorial organisations',
    'Экстерриториальные организации',
    'Ташкилотҳои экстерриториалӣ',
  ],
];

export const REGION_LABELS: readonly Labelled[] = [
  ['TJ-DU', 'Dushanbe', 'Душанбе', 'Душанбе'],
  ['TJ-SU', 'Sughd', 'Согдийская область', 'Вилояти Суғд'],
  ['TJ-KT', 'Khatlon', 'Хатлонская область', 'Вилояти Хатлон'],
  ['TJ-GB', 'Gorno-Badakhshan', 'Горно-Бадахшанская АО', 'ВМКБ'],
  ['TJ-RA', 'Districts of Republican Subordination', 'Районы республиканского подчинения', 'Ноҳияҳои тобеи ҷумҳурӣ'],
];

export const COUNTRY_LABELS: readonly Labelled[] = [
  ['TJK', 'Tajikistan', 'Таджикистан', 'Тоҷикистон'],
  ['AFG', 'Afghanistan', 'Афганистан', 'Афғонистон'],
  ['ARE', 'United Arab Emirates', 'ОАЭ', 'Аморати Муттаҳидаи Араб'],
  ['ARM', 'Armenia', 'Армения', 'Арманистон'],
  ['AZE', 'Azerbaijan', 'Азербайджан', 'Озарбойҷон'],
  ['BLR', 'Belarus', 'Беларусь', 'Беларус'],
  ['CHN', 'China', 'Китай', 'Хитой'],
  ['DEU', 'Germany', 'Германия', 'Олмон'],
  ['GEO', 'Georgia', 'Грузия', 'Гурҷистон'],
  ['IND', 'India', 'Индия', 'Ҳиндустон'],
  ['IRN', 'Iran', 'Иран', 'Эрон'],
  ['ISR', 'Israel', 'Израиль', 'Исроил'],
  ['KAZ', 'Kazakhstan', 'Казахстан', 'Қазоқистон'],
  ['KGZ', 'Kyrgyzstan', 'Кыргызстан', 'Қирғизистон'],
  ['KOR', 'Republic of Korea', 'Республика Корея', 'Ҷумҳурии Корея'],
  ['LTU', 'Lithuania', 'Литва', 'Литва'],
  ['LVA', 'Latvia', 'Латвия', 'Латвия'],
  ['MDA', 'Moldova', 'Молдова', 'Молдова'],
  ['MNG', 'Mongolia', 'Монголия', 'Муғулистон'],
  ['OMN', 'Oman', 'Оман', 'Уммон'],
  ['PAK', 'Pakistan', 'Пакистан', 'Покистон'],
  ['POL', 'Poland', 'Польша', 'Лаҳистон'],
  ['QAT', 'Qatar', 'Катар', 'Қатар'],
  ['RUS', 'Russian Federation', 'Российская Федерация', 'Федератсияи Россия'],
  ['SAU', 'Saudi Arabia', 'Саудовская Аравия', 'Арабистони Саудӣ'],
  ['TKM', 'Turkmenistan', 'Туркменистан', 'Туркманистон'],
  ['TUR', 'Türkiye', 'Турция', 'Туркия'],
  ['UKR', 'Ukraine', 'Украина', 'Украина'],
  ['USA', 'United States', 'США', 'ИМА'],
  ['UZB', 'Uzbekistan', 'Узбекистан', 'Ӯзбекистон'],
];

export const EVENT_TYPE_LABELS: readonly Labelled[] = [
  ['Recruitment', 'Recruitment', 'Вербовка', 'Ҷалб'],
  ['Transit', 'Transit', 'Транзит', 'Транзит'],
  ['Exploitation', 'Exploitation', 'Эксплуатация', 'Истисмор'],
];

export const CONSENT_PURPOSE_LABELS: readonly Labelled[] = [
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
];

export const REFERRAL_PURPOSE_LABELS: readonly Labelled[] = [
  ['shelter', 'Shelter', 'Приют', 'Паноҳгоҳ'],
  ['medical', 'Medical care', 'Медицинская помощь', 'Кӯмаки тиббӣ'],
  ['psychosocial', 'Psychosocial support', 'Психосоциальная поддержка', 'Дастгирии равонӣ-иҷтимоӣ'],
  ['legal', 'Legal aid', 'Юридическая помощь', 'Кӯмаки ҳуқуқӣ'],
  ['livelihood', 'Livelihood', 'Средства к существованию', 'Воситаҳои зиндагӣ'],
  ['return', 'Return', 'Возвращение', 'Бозгашт'],
  ['law_enforcement', 'Law enforcement', 'Правоохранительные органы', 'Мақомоти ҳифзи ҳуқуқ'],
  ['transfer', 'Transfer of the case', 'Передача дела', 'Супоридани парванда'],
];

export const SCREENING_RESULT_LABELS: readonly Labelled[] = [
  ['indicators_present', 'Indicators present', 'Признаки выявлены', 'Нишонаҳо мавҷуданд'],
  ['no_indicators', 'No indicators', 'Признаков нет', 'Нишонаҳо нестанд'],
  ['inconclusive', 'Inconclusive', 'Не определено', 'Номуайян'],
];

export const ILO_FORCED_LABOUR_LABELS: readonly Labelled[] = [
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
];

export const ILO_EC_OPERATIONAL_LABELS: readonly Labelled[] = [
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
];
