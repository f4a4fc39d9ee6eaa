import { defineCodeList } from './code-list';

/**
 * ISO 3166-1 alpha-3: Tajikistan, its neighbours and the countries its citizens are trafficked to or
 * through (CTDC and IOM Tajikistan reports); a fuller list joins when the statistics need it.
 */
export const COUNTRY_LIST = defineCodeList({ name: 'country', source: 'ISO 3166-1 alpha-3 (subset)' }, [
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
]);
export const COUNTRIES = COUNTRY_LIST.codes;
