/**
 * How a value is normalised before it is blind-indexed, so that the spellings one person is written
 * under meet: Unicode NFKC, case folding, Cyrillic (Russian and Tajik) transliterated to Latin,
 * diacritics and punctuation dropped, spaces collapsed; names then folded so that the usual Latin
 * transliterations meet (kh/h/x, q/k, gh/g, j/dzh/zh, yo/e, y/i and a y between vowels, doubled letters). docs/crypto.md
 * lists the rules and the name pairs they are tested by. The duplicate check and the search both use
 * these functions and nothing else: change them only with `search:reindex` (docs/operations.md).
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

/** Latin letters with a mark that transliterate to two letters (Turkish and Azerbaijani spellings). */
const LATIN_DIGRAPHS: Readonly<Record<string, string>> = { ç: 'ch', ş: 'sh', ğ: 'gh' };

/**
 * After transliteration: the Latin spellings of one sound made one, in this order (`dzh` before `zh`,
 * `kh` before `h`; `yo` before `y`), then doubled letters made single (Muhammad, Hassan, Mariia).
 */
const SPELLING_FOLDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/dzh|dj|zh/g, 'j'],
  [/kh|x/g, 'h'],
  [/gh/g, 'g'],
  [/q/g, 'k'],
  [/yo/g, 'e'],
  [/([aeiou])y(?=[aeiou])/g, '$1'], // Aliyev, Mirzoyev, Sayidov, Mariya: the y between vowels is not written in Cyrillic
  [/y/g, 'i'],
  [/([a-z])\1+/g, '$1'],
];

const APOSTROPHES = /['`ʼʻ’‘]/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;

function fold(value: string): string {
  const lower = value.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss');
  let latin = '';
  for (const char of lower) latin += CYRILLIC_TO_LATIN[char] ?? LATIN_DIGRAPHS[char] ?? char;
  return latin.normalize('NFD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, '');
}

/**
 * A name (one part: family, given or patronymic, or several words), in any script: the Russian-style
 * Джамшед (dzhamshed) meets the Tajik Ҷамшед (jamshed) and Jamshed; Рахимова, Раҳимова, Rahimova and
 * RAXIMOVA all become `rahimova`. Not a spelling anyone writes: only a key that spellings meet on.
 */
export function normaliseName(value: string): string {
  let name = fold(value).replace(NOT_LETTER_OR_DIGIT, ' ').trim();
  for (const [pattern, replacement] of SPELLING_FOLDS) name = name.replace(pattern, replacement);
  return name;
}

/** The words of a name, each normalised: what the search indexes and looks up. */
export function nameTokens(value: string): string[] {
  return [...new Set(normaliseName(value).split(' ').filter(Boolean))];
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
