import { defineMessages } from './i18n';

/** The roles' names, as a person reads them. */
export const roleMessages = defineMessages('roles', {
  en: {
    caseworker: 'Caseworker',
    org_manager: 'Manager',
    investigator: 'Investigator',
    commission: 'Commission member',
    auditor: 'Auditor',
    admin: 'Administrator',
  },
  ru: {
    caseworker: 'Социальный работник',
    org_manager: 'Руководитель',
    investigator: 'Следователь',
    commission: 'Член Комиссии',
    auditor: 'Аудитор',
    admin: 'Администратор',
  },
  tg: {
    caseworker: 'Корманди иҷтимоӣ',
    org_manager: 'Роҳбар',
    investigator: 'Муфаттиш',
    commission: 'Узви Комиссия',
    auditor: 'Аудитор',
    admin: 'Маъмур',
  },
});
