import { defineMessages } from '../../../../core/web/i18n';

/** The search page. */
export const searchMessages = defineMessages('search', {
  en: {
    title: 'Search cases',
    intro:
      'Find a case you may see by a name (in any script: Рахимова, Раҳимова and Rahimova are one name), ' +
      'a case reference, a phone number or a document number. Only whole words match.',
    field_query: 'Name, reference, phone or document number',
    submit: 'Search',
    results_caption: 'Cases found, best match first',
    col_reference: 'Case',
    col_person: 'Person',
    col_stage: 'Stage',
    col_access: 'Access',
    col_matches: 'Words matched',
    none: 'No case you may see matches.',
    nothing: 'Give a name, a case reference, a phone or a document number.',
    too_many: 'Search for at most 10 words.',
    person_erased: 'Person erased',
    view_full: 'Own case',
    view_referral: 'Referred to you',
    view_investigation: 'Investigation',
  },
  ru: {
    title: 'Поиск дел',
    intro:
      'Найдите доступное вам дело по имени (на любом письме: Рахимова, Раҳимова и Rahimova — одно имя), ' +
      'номеру дела, телефону или номеру документа. Совпадают только целые слова.',
    field_query: 'Имя, номер дела, телефон или номер документа',
    submit: 'Найти',
    results_caption: 'Найденные дела, лучшие совпадения сначала',
    col_reference: 'Дело',
    col_person: 'Человек',
    col_stage: 'Этап',
    col_access: 'Доступ',
    col_matches: 'Совпало слов',
    none: 'Нет доступных вам дел, которые совпадают.',
    nothing: 'Укажите имя, номер дела, телефон или номер документа.',
    too_many: 'Ищите не более чем по 10 словам.',
    person_erased: 'Данные человека удалены',
    view_full: 'Своё дело',
    view_referral: 'Направлено вам',
    view_investigation: 'Расследование',
  },
  tg: {
    title: 'Ҷустуҷӯи парвандаҳо',
    intro:
      'Парвандаеро, ки ба шумо дастрас аст, аз рӯи ном (бо ҳар хат: Рахимова, Раҳимова ва Rahimova як ном ҳастанд), ' +
      'рақами парванда, телефон ё рақами ҳуҷҷат ёбед. Танҳо калимаҳои пурра мувофиқ меоянд.',
    field_query: 'Ном, рақами парванда, телефон ё рақами ҳуҷҷат',
    submit: 'Ҷустуҷӯ',
    results_caption: 'Парвандаҳои ёфтшуда, аввал мувофиқтаринҳо',
    col_reference: 'Парванда',
    col_person: 'Шахс',
    col_stage: 'Марҳила',
    col_access: 'Дастрасӣ',
    col_matches: 'Калимаҳои мувофиқ',
    none: 'Парвандаи дастрасе, ки мувофиқ ояд, нест.',
    nothing: 'Ном, рақами парванда, телефон ё рақами ҳуҷҷатро нишон диҳед.',
    too_many: 'На бештар аз 10 калима ҷустуҷӯ кунед.',
    person_erased: 'Маълумоти шахс нест карда шуд',
    view_full: 'Парвандаи худӣ',
    view_referral: 'Ба шумо фиристода шуд',
    view_investigation: 'Тафтиш',
  },
});
