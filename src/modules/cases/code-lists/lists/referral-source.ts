import { defineCodeList, HTCDS } from './code-list';

/** HTCDS org_Type: the kind of organisation that referred a case to Panoh from outside it. */
export const ORGANISATION_TYPE_LIST = defineCodeList({ name: 'organisationType', source: `${HTCDS} org_Type` }, [
  ['NGO', 'NGO', 'НПО', 'ТҒД'],
  ['LawEnforcement', 'Law enforcement', 'Правоохранительные органы', 'Мақомоти ҳифзи ҳуқуқ'],
  ['HealthServiceOrganisation', 'Health service', 'Медицинская организация', 'Муассисаи тиббӣ'],
  ['CentralGovernmentOrganisation', 'Central government', 'Центральный государственный орган', 'Мақоми давлатии марказӣ'],
  ['LocalGovernmentOrganisation', 'Local government', 'Местный орган власти', 'Мақоми иҷроияи маҳаллӣ'],
  ['ImmigrationService', 'Immigration service', 'Миграционная служба', 'Хадамоти муҳоҷират'],
  ['LegalService', 'Legal service', 'Юридическая служба', 'Хадамоти ҳуқуқӣ'],
  ['CorporateBusiness', 'Business', 'Коммерческая организация', 'Ташкилоти тиҷоратӣ'],
  ['SchoolOrCollege', 'School or college', 'Школа или колледж', 'Мактаб ё коллеҷ'],
]);
export const ORGANISATION_TYPES = ORGANISATION_TYPE_LIST.codes;

/** HTCDS cas_ReasonForIncomingReferral. */
export const INCOMING_REFERRAL_REASON_LIST = defineCodeList(
  { name: 'incomingReferralReason', source: `${HTCDS} cas_ReasonForIncomingReferral` },
  [
    [
      'AdditionalServicesRequired',
      'Additional services required',
      'Требуются дополнительные услуги',
      'Хизматрасониҳои иловагӣ лозиманд',
    ],
    [
      'MigrationOrChangeOfLocation',
      'Migration or change of location',
      'Миграция или смена места',
      'Муҳоҷират ё тағйири ҷой',
    ],
    ['Other', 'Other', 'Другое', 'Дигар'],
  ],
);
export const INCOMING_REFERRAL_REASONS = INCOMING_REFERRAL_REASON_LIST.codes;
