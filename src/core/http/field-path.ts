/**
 * How an error names a field: `person.familyName`, `events[1].city`, `indicators[3]`. A name that is
 * not a plausible field name (an unknown key that is a sentence, a key of 10,000 characters) is never
 * written out: it is input, and an error never echoes input.
 */
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;
const INDEX = /^(0|[1-9][0-9]{0,8})$/;

export function isNameable(key: string): boolean {
  return FIELD_NAME.test(key) || INDEX.test(key);
}

/** The path of `key` under `parent` (empty for the top level), or undefined when `key` may not be written out. */
export function fieldPath(parent: string, key: string | number): string | undefined {
  if (typeof key === 'number' || INDEX.test(key)) return `${parent}[${key}]`;
  if (!FIELD_NAME.test(key)) return undefined;
  return parent ? `${parent}.${key}` : key;
}

/** What names the top level: the body as a whole. */
export const WHOLE_BODY = 'body';
/** What names the query string as a whole. */
export const WHOLE_QUERY = 'query';
