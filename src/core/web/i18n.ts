/**
 * The message catalogue. Each feature declares its messages once, in English, Russian and Tajik, with
 * `defineMessages`; the compiler refuses a set that lacks a key in any language, and every set joins
 * the one catalogue (`catalogue()`) that the completeness test reads. Templates ask for a message by
 * key; a message names its parameters `{like_this}`, and a missing parameter is an error, not a blank.
 */
export const LANGUAGES = ['tg', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'tg';

export type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

export interface MessageSet<K extends string> {
  readonly area: string;
  readonly text: Readonly<Record<Language, Readonly<Record<K, string>>>>;
  /** The set's messages in one language. */
  in(language: Language): Translate<K>;
}

const SETS = new Map<string, MessageSet<string>>();
const PARAMETER = /\{([a-z_]+)\}/g;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function defineMessages<K extends string>(
  area: string,
  text: { en: Record<K, string>; ru: Record<K, string>; tg: Record<K, string> },
): MessageSet<K> {
  if (SETS.has(area)) throw new Error(`message area ${area} is defined twice`);
  const set: MessageSet<K> = {
    area,
    text,
    in(language) {
      const messages = text[language];
      return (key, params) =>
        messages[key].replace(PARAMETER, (_whole, name: string) => {
          const value = params?.[name];
          if (value === undefined) throw new Error(`message ${area}.${key} needs {${name}}`);
          return String(value);
        });
    },
  };
  SETS.set(area, set as MessageSet<string>);
  return set;
}

/** Every message set defined so far: the one catalogue. */
export function catalogue(): readonly MessageSet<string>[] {
  return [...SETS.values()];
}

/** The language a browser asks for first among ours (Accept-Language), or the default. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const wanted = header
    .split(',')
    .map((part, index) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return wanted.map((w) => w.tag).find(isLanguage) ?? DEFAULT_LANGUAGE;
}
