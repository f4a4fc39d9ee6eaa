import { defineCodeList, HTCDS } from './code-list';

/** HTCDS v2.0 per_RoleInProcess: a perpetrator's roles in the trafficking process. */
export const PERPETRATOR_ROLE_LIST = defineCodeList({ name: 'perpetratorRole', source: `${HTCDS} per_RoleInProcess` }, [
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
]);
export const PERPETRATOR_ROLES = PERPETRATOR_ROLE_LIST.codes;
export type PerpetratorRole = (typeof PERPETRATOR_ROLES)[number];
