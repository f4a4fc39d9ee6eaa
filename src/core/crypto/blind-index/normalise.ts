/**
 * How a value is normalised before it is blind-indexed, so that the spellings one person is written
 * under meet: Unicode NFKC, case folding, Cyrillic (Russian and Tajik) transliterated to Latin,
 * diacritics and punctuation dropped, spaces collapsed. docs/crypto.md lists the rules.
 */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e', // often written е; Фёдор and Федор are one name
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  // Tajik
  ғ: 'gh',
  ӣ: 'i',
  қ: 'q',
  ӯ: 'u',
  ҳ: 'h',
  ҷ: 'j',
};

const APOSTROPHES = /['`ʼʻ’‘]/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;

function fold(value: string): string {
  const lower = value.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss');
  let latin = '';
  for (const char of lower) latin += CYRILLIC_TO_LATIN[char] ?? char;
  return latin.normalize('NFD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, '');
}

/**
 * A name (one part: family, given or patronymic), in any script. `dzh` is folded to `j`, so the
 * Russian-style Джамшед (dzhamshed) meets the Tajik Ҷамшед (jamshed).
 */
export function normaliseName(value: string): string {
  return fold(value).replace(NOT_LETTER_OR_DIGIT, ' ').trim().replace(/dzh/g, 'j');
}

/** An identity document number: letters and digits only, Cyrillic look-alikes made Latin. */
export function normaliseDocumentNumber(value: string): string {
  return fold(value).replace(NOT_LETTER_OR_DIGIT, '');
}

/** The year of an ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
export function birthYearOf(dateOfBirth: string | null | undefined): string | undefined {
  const match = /^(\d{4})/.exec(dateOfBirth ?? '');
  return match ? match[1] : undefined;
}
