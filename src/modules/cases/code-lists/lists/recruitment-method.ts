import { defineCodeList, HTCDS } from './code-list';

/** HTCDS vic_MethodOfRecruitment (Core, multiselect): how the person was recruited. */
export const RECRUITMENT_METHOD_LIST = defineCodeList(
  { name: 'recruitmentMethod', source: `${HTCDS} vic_MethodOfRecruitment` },
  [
    ['AtAPlaceOfBusiness', 'At a place of business', 'В месте ведения бизнеса', 'Дар ҷои тиҷорат'],
    ['AtAnEducationalInstitution', 'At an educational institution', 'В учебном заведении', 'Дар муассисаи таълимӣ'],
    ['AtWork', 'At work', 'На работе', 'Дар ҷои кор'],
    [
      'ThroughOnlineSocialNetworks',
      'Through online social networks',
      'Через социальные сети',
      'Тавассути шабакаҳои иҷтимоӣ',
    ],
    [
      'ThroughAnOnlineAdvertisement',
      'Through an online advertisement',
      'Через объявление в интернете',
      'Тавассути эълон дар интернет',
    ],
    [
      'ThroughATelevisionAdvert',
      'Through a television advert',
      'Через рекламу на телевидении',
      'Тавассути рекламаи телевизионӣ',
    ],
    ['ThroughANewspaperAdvert', 'Through a newspaper advert', 'Через объявление в газете', 'Тавассути эълон дар рӯзнома'],
    [
      'ThroughFamilyOrFamilyEvents',
      'Through family or family events',
      'Через семью или семейные события',
      'Тавассути оила ё чорабиниҳои оилавӣ',
    ],
    [
      'ThroughFriendsOrSocialEvents',
      'Through friends or social events',
      'Через друзей или общественные мероприятия',
      'Тавассути дӯстон ё чорабиниҳои ҷамъиятӣ',
    ],
    ['Other', 'Other', 'Другое', 'Дигар'],
  ],
);
export const RECRUITMENT_METHODS = RECRUITMENT_METHOD_LIST.codes;
