/**
 * What no text of a request may hold, whatever its field: C0 control characters other than TAB, LF
 * and CR (NUL among them, which PostgreSQL refuses in text), DEL, the C1 controls, and unpaired UTF-16
 * surrogates (JSON can carry them as `\ud800`; they cannot be encoded in UTF-8 and would be stored as
 * U+FFFD, something else than was sent). Free text (a narrative, notes, a reason, a message) keeps
 * tabs and line breaks; single-line text (names, usernames, numbers, references) refuses them too.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;

export const TEXT_PROBLEMS = {
  control: 'must not contain control characters',
  surrogate: 'must be well-formed Unicode',
  multiline: 'must be a single line (no tab or line break)',
  blank: 'must not be blank',
} as const;

/** What is wrong with a text any field may hold, or undefined. */
export function textProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return TEXT_PROBLEMS.control;
  if (UNPAIRED_SURROGATE.test(value)) return TEXT_PROBLEMS.surrogate;
  return undefined;
}

export function isSingleLine(value: string): boolean {
  return !LINE_BREAK_OR_TAB.test(value);
}

export function isAcceptableText(value: string): boolean {
  return textProblem(value) === undefined;
}
