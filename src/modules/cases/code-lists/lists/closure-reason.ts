import { defineCodeList } from './code-list';

/**
 * Why a case was closed. HTCDS 2.0 records cas_ReasonForCaseClosure as long text only; these codes
 * are Panoh's own (a local extension, so that closures can be counted without reading free text), and
 * the reason text given with the closing move stays the encrypted explanation beside the code.
 */
export const CLOSURE_REASON_LIST = defineCodeList(
  { name: 'closureReason', source: 'Panoh local extension (HTCDS cas_ReasonForCaseClosure is free text)' },
  [
    [
      'AssistanceCompleted',
      'Assistance completed (local extension)',
      'Помощь завершена (местное дополнение)',
      'Кӯмак анҷом ёфт (иловаи маҳаллӣ)',
    ],
    [
      'ReferredToAnotherOrganisation',
      'Referred to another organisation (local extension)',
      'Передано другой организации (местное дополнение)',
      'Ба ташкилоти дигар фиристода шуд (иловаи маҳаллӣ)',
    ],
    [
      'PersonDeclinedAssistance',
      'The person declined assistance (local extension)',
      'Лицо отказалось от помощи (местное дополнение)',
      'Шахс аз кӯмак даст кашид (иловаи маҳаллӣ)',
    ],
    [
      'ContactLost',
      'Contact lost (local extension)',
      'Связь потеряна (местное дополнение)',
      'Алоқа қатъ шуд (иловаи маҳаллӣ)',
    ],
    [
      'Relocated',
      'The person moved away (local extension)',
      'Лицо переехало (местное дополнение)',
      'Шахс ба ҷои дигар кӯчид (иловаи маҳаллӣ)',
    ],
    [
      'NotAVictim',
      'Not a victim of trafficking (local extension)',
      'Не является жертвой торговли людьми (местное дополнение)',
      'Қурбонии хариду фурӯши одам нест (иловаи маҳаллӣ)',
    ],
    ['Deceased', 'Deceased (local extension)', 'Умер(ла) (местное дополнение)', 'Вафот кард (иловаи маҳаллӣ)'],
    ['Other', 'Other (local extension)', 'Другое (местное дополнение)', 'Дигар (иловаи маҳаллӣ)'],
  ],
);
export const CLOSURE_REASONS = CLOSURE_REASON_LIST.codes;
