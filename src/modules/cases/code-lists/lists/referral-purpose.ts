import { defineCodeList } from './code-list';

/** What a referral asks of the receiving organisation (NRM); `transfer` moves the case there. */
export const REFERRAL_PURPOSE_LIST = defineCodeList({ name: 'referralPurpose', source: 'Panoh (NRM)' }, [
  ['shelter', 'Shelter', 'Приют', 'Паноҳгоҳ'],
  ['medical', 'Medical care', 'Медицинская помощь', 'Кӯмаки тиббӣ'],
  ['psychosocial', 'Psychosocial support', 'Психосоциальная поддержка', 'Дастгирии равонӣ-иҷтимоӣ'],
  ['legal', 'Legal aid', 'Юридическая помощь', 'Кӯмаки ҳуқуқӣ'],
  ['livelihood', 'Livelihood', 'Средства к существованию', 'Воситаҳои зиндагӣ'],
  ['return', 'Return', 'Возвращение', 'Бозгашт'],
  ['law_enforcement', 'Law enforcement', 'Правоохранительные органы', 'Мақомоти ҳифзи ҳуқуқ'],
  ['transfer', 'Transfer of the case', 'Передача дела', 'Супоридани парванда'],
]);
export const REFERRAL_PURPOSES = REFERRAL_PURPOSE_LIST.codes;
export type ReferralPurpose = (typeof REFERRAL_PURPOSES)[number];
