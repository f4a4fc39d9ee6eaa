import type { Labelled } from './labels';

/** HTCDS v2.0 per_RoleInProcess: a perpetrator's roles in the trafficking process. */
export const PERPETRATOR_ROLES = [
  'TravellingPartner',
  'Transporter',
  'RecruiterOrIntermediary',
  'BrokerTravelAgent',
  'TransferredIndividual',
  'HarbouredIndividual',
  'SoldIndividual',
  'BoughtIndividual',
  'ReceivedIndividual',
  'ControlledIndividual',
  'Smuggler',
  'Abuser',
  'Kidnapper',
  'Exploiter',
  'Other',
] as const;
export type PerpetratorRole = (typeof PERPETRATOR_ROLES)[number];

/** The steps of criminal proceedings (Panoh; HTCDS has no list for them). */
export const PROCEEDING_KINDS = ['investigation', 'prosecution', 'trial', 'verdict'] as const;
export type ProceedingKind = (typeof PROCEEDING_KINDS)[number];

/** How a step ended (Panoh). Which outcome fits which step: PROCEEDING_OUTCOMES_BY_KIND. */
export const PROCEEDING_OUTCOMES = [
  'charged',
  'discontinued',
  'indicted',
  'convicted',
  'acquitted',
  'appealed',
  'other',
] as const;
export type ProceedingOutcome = (typeof PROCEEDING_OUTCOMES)[number];

export const PROCEEDING_OUTCOMES_BY_KIND: Readonly<Record<ProceedingKind, readonly ProceedingOutcome[]>> = {
  investigation: ['charged', 'discontinued', 'other'],
  prosecution: ['indicted', 'discontinued', 'other'],
  trial: ['convicted', 'acquitted', 'discontinued', 'other'],
  verdict: ['convicted', 'acquitted', 'appealed', 'other'],
};

export const PERPETRATOR_ROLE_LABELS: readonly Labelled[] = [
  ['TravellingPartner', 'Travelling partner', 'Попутчик', 'Ҳамроҳи сафар'],
  ['Transporter', 'Transporter', 'Перевозчик', 'Интиқолдиҳанда'],
  ['RecruiterOrIntermediary', 'Recruiter or intermediary', 'Вербовщик или посредник', 'Ҷалбкунанда ё миёнарав'],
  ['BrokerTravelAgent', 'Broker or travel agent', 'Брокер или турагент', 'Брокер ё агенти сайёҳӣ'],
  ['TransferredIndividual', 'Transferred the person', 'Передал человека', 'Шахсро супурд'],
  ['HarbouredIndividual', 'Harboured the person', 'Укрывал человека', 'Шахсро пинҳон дошт'],
  ['SoldIndividual', 'Sold the person', 'Продал человека', 'Шахсро фурӯхт'],
  ['BoughtIndividual', 'Bought the person', 'Купил человека', 'Шахсро харид'],
  ['ReceivedIndividual', 'Received the person', 'Принял человека', 'Шахсро қабул кард'],
  ['ControlledIndividual', 'Controlled the person', 'Контролировал человека', 'Шахсро назорат кард'],
  ['Smuggler', 'Smuggler', 'Контрабандист', 'Қочоқчӣ'],
  ['Abuser', 'Abuser', 'Обидчик', 'Зӯровар'],
  ['Kidnapper', 'Kidnapper', 'Похититель', 'Одамрабо'],
  ['Exploiter', 'Exploiter', 'Эксплуататор', 'Истисморгар'],
  ['Other', 'Other', 'Другое', 'Дигар'],
];

export const PROCEEDING_KIND_LABELS: readonly Labelled[] = [
  ['investigation', 'Criminal investigation', 'Уголовное расследование', 'Тафтиши ҷиноӣ'],
  ['prosecution', 'Prosecution', 'Уголовное преследование', 'Таъқиби ҷиноӣ'],
  ['trial', 'Trial', 'Судебное разбирательство', 'Муҳокимаи судӣ'],
  ['verdict', 'Verdict', 'Приговор', 'Ҳукм'],
];

export const PROCEEDING_OUTCOME_LABELS: readonly Labelled[] = [
  ['charged', 'Charges brought', 'Предъявлено обвинение', 'Айб эълон карда шуд'],
  ['discontinued', 'Discontinued', 'Прекращено', 'Қатъ карда шуд'],
  ['indicted', 'Sent to court', 'Направлено в суд', 'Ба суд фиристода шуд'],
  ['convicted', 'Convicted', 'Осуждён', 'Маҳкум шуд'],
  ['acquitted', 'Acquitted', 'Оправдан', 'Сафед карда шуд'],
  ['appealed', 'Appealed', 'Обжаловано', 'Шикоят карда шуд'],
  ['other', 'Other', 'Другое', 'Дигар'],
];
