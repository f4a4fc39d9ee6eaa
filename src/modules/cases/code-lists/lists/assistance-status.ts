import { defineCodeList } from './code-list';

/**
 * Where an assistance item stands (Panoh): `planned` (no actual dates), `in_progress` (started),
 * `delivered` (started and ended), `cancelled` (not delivered, or stopped).
 */
export const ASSISTANCE_STATUS_LIST = defineCodeList({ name: 'assistanceStatus', source: 'Panoh' }, [
  ['planned', 'Planned', 'Запланировано', 'Ба нақша гирифта шуд'],
  ['in_progress', 'In progress', 'Оказывается', 'Дар ҷараён'],
  ['delivered', 'Delivered', 'Оказано', 'Расонида шуд'],
  ['cancelled', 'Cancelled', 'Отменено', 'Бекор карда шуд'],
]);
export const ASSISTANCE_STATUSES = ASSISTANCE_STATUS_LIST.codes;
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number];
