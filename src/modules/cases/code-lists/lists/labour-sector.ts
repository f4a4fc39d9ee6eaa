import { defineCodeList, HTCDS } from './code-list';

/** HTCDS vic_ForcedLabourIndustry (ISIC Rev. 4 sections). */
export const LABOUR_SECTOR_LIST = defineCodeList(
  { name: 'labourSector', source: `${HTCDS} vic_ForcedLabourIndustry (ISIC Rev. 4 sections)` },
  [
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
  ],
);
export const LABOUR_SECTORS = LABOUR_SECTOR_LIST.codes;
