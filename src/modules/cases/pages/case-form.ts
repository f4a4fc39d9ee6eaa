import type { FormBody, FormErrors, FormValues } from '../../../core/web/forms';
import { list, text } from '../../../core/web/forms';
import type { Language } from '../../../core/web/i18n';
import { common } from '../../../core/web/messages';
import { caseMessages, CaseMessage } from './cases.messages';

/**
 * The register form and the duplicate check form, read into the API's requests (POST /cases with a new
 * `person`, POST /persons/duplicates/check). The form's field names are the API's paths without
 * `person.` (`identityDocuments[0].number`, `events[1].occurredOn`), so a problem the API's validation
 * names lands beside its field.
 */
export const DOCUMENT_ROWS = 2;
export const EVENT_ROWS = 3;

const PERSON_TEXTS = ['familyName', 'givenName', 'patronymic', 'dateOfBirth', 'phone', 'address', 'notes'] as const;
const CASE_CODES = [
  'gender',
  'ageBand',
  'citizenship',
  'regionOfOrigin',
  'countryOfExploitation',
  'labourSector',
] as const;
const CASE_TEXTS = ['registeredOn', 'narrative', 'shelterLocation', 'healthNotes', 'psychosocialNotes'] as const;
const CASE_LISTS = [
  'citizenships',
  'exploitationTypes',
  'meansOfControl',
  'recruitmentMethods',
  'sexExploitationTypes',
  'accompanyingChildrenAgeBands',
] as const;
/** Counts: sent as numbers when they are whole numbers, else as typed (the API's validation names them). */
const CASE_COUNTS = ['accompanyingChildren', 'accompanyingDependants'] as const;
const DOCUMENT_PARTS = ['type', 'number', 'issuingCountry'] as const;
const EVENT_PARTS = ['type', 'occurredOn', 'country', 'city'] as const;

/** Every name the register form holds: what is typed is shown again under these names, and nothing else. */
export function registerFieldNames(): string[] {
  const rows = <P extends readonly string[]>(prefix: string, count: number, parts: P) =>
    Array.from({ length: count }, (_, i) => parts.map((part) => `${prefix}[${i}].${part}`)).flat();
  return [
    ...PERSON_TEXTS,
    ...CASE_CODES,
    ...CASE_TEXTS,
    ...CASE_COUNTS,
    ...CASE_LISTS,
    ...rows('identityDocuments', DOCUMENT_ROWS, DOCUMENT_PARTS),
    ...rows('events', EVENT_ROWS, EVENT_PARTS),
  ];
}

/** What was typed into the register form, as it will be shown again (form names only, trimmed). */
export function registerValues(body: FormBody): FormValues {
  const values: FormValues = {};
  for (const name of registerFieldNames()) {
    values[name] = (CASE_LISTS as readonly string[]).includes(name) ? list(body, name) : text(body, name);
  }
  return values;
}

/** Only the parts of a row that were filled in; undefined when the row is empty. */
function row<P extends readonly string[]>(
  values: FormValues,
  prefix: string,
  parts: P,
): Record<string, string> | undefined {
  const filled = Object.fromEntries(
    parts.map((part) => [part, values[`${prefix}.${part}`]]).filter(([, value]) => typeof value === 'string'),
  ) as Record<string, string>;
  return Object.keys(filled).length ? filled : undefined;
}

function count(typed: string | undefined): number | string | undefined {
  return typed !== undefined && /^\d{1,3}$/.test(typed) ? Number(typed) : typed;
}

function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The request POST /cases would carry for this form: a new person and the case's codes, texts and events. */
export function createCaseRequest(values: FormValues): Record<string, unknown> {
  const one = (name: string) => values[name] as string | undefined;
  const documents = Array.from({ length: DOCUMENT_ROWS }, (_, i) =>
    row(values, `identityDocuments[${i}]`, DOCUMENT_PARTS),
  );
  const events = Array.from({ length: EVENT_ROWS }, (_, i) => row(values, `events[${i}]`, EVENT_PARTS));
  const person = defined({
    ...Object.fromEntries(PERSON_TEXTS.map((name) => [name, one(name)])),
    identityDocuments: documents.some(Boolean) ? documents.filter(Boolean) : undefined,
  });
  const lists = Object.fromEntries(
    CASE_LISTS.map((name) => [name, (values[name] as string[]).length ? values[name] : undefined]),
  );
  // The form asks for the citizenship and the others apart; the API's list holds both, it first.
  const first = one('citizenship');
  const others = lists.citizenships as string[] | undefined;
  if (others) lists.citizenships = first ? [first, ...others.filter((c) => c !== first)] : others;
  return defined({
    person,
    ...Object.fromEntries([...CASE_CODES, ...CASE_TEXTS].map((name) => [name, one(name)])),
    ...Object.fromEntries(CASE_COUNTS.map((name) => [name, count(one(name))])),
    ...lists,
    events: events.some(Boolean) ? events.filter(Boolean) : undefined,
  });
}

/**
 * The form's own problems before the API's validation: a half-filled document or event row (the API
 * would name the missing part of a row it never saw whole).
 */
export function incompleteRows(values: FormValues, language: Language): FormErrors {
  const m = caseMessages.in(language);
  const errors: FormErrors = {};
  for (let i = 0; i < DOCUMENT_ROWS; i++) {
    const documentRow = row(values, `identityDocuments[${i}]`, DOCUMENT_PARTS);
    if (!documentRow) continue;
    if (!documentRow.type) errors[`identityDocuments[${i}].type`] = m('document_incomplete');
    else if (!documentRow.number) errors[`identityDocuments[${i}].number`] = m('document_incomplete');
  }
  for (let i = 0; i < EVENT_ROWS; i++) {
    const eventRow = row(values, `events[${i}]`, EVENT_PARTS);
    if (eventRow && !eventRow.type) errors[`events[${i}].type`] = m('event_incomplete');
  }
  return errors;
}

/**
 * The API's path of a problem, as the form names its field. The API receives the filled rows only,
 * renumbered, so its index is mapped back to the form's row.
 */
export function formFieldOf(values: FormValues): (path: string) => string {
  const filledRows = (prefix: string, count: number, parts: readonly string[]) =>
    Array.from({ length: count }, (_, i) => i).filter((i) => row(values, `${prefix}[${i}]`, parts));
  const documents = filledRows('identityDocuments', DOCUMENT_ROWS, DOCUMENT_PARTS);
  const events = filledRows('events', EVENT_ROWS, EVENT_PARTS);
  return (path) => {
    const bare = path.replace(/^person\./, '');
    return bare
      .replace(/^identityDocuments\[(\d+)\]/, (_, i: string) => `identityDocuments[${documents[Number(i)] ?? i}]`)
      .replace(/^events\[(\d+)\]/, (_, i: string) => `events[${events[Number(i)] ?? i}]`)
      .replace(/^(citizenships|exploitationTypes|meansOfControl|recruitmentMethods|sexExploitationTypes|accompanyingChildrenAgeBands)\[\d+\]$/, '$1');
  };
}

/** Words of our own for the fields whose rule the common words do not say well. */
const OWN_WORDS: Array<[RegExp, CaseMessage]> = [
  [/^dateOfBirth$/, 'date_of_birth_error'],
  [/^events\[\d+\]\.occurredOn$/, 'partial_date_error'],
  [/^registeredOn$/, 'registered_on_error'],
  [/^phone$/, 'phone_error'],
];

/**
 * The problems by form field (as `validateAs` gave them with `formFieldOf`), with our own words where
 * the common ones say too little: a partial date's forms, a phone number, a required name left empty.
 */
export function registerErrors(errors: FormErrors, values: FormValues, language: Language): FormErrors {
  const m = caseMessages.in(language);
  const t = common.in(language);
  const refined: FormErrors = { ...errors };
  for (const name of Object.keys(refined)) {
    const own = OWN_WORDS.find(([pattern]) => pattern.test(name));
    if (own) refined[name] = m(own[1]);
    if ((name === 'familyName' || name === 'givenName') && values[name] === undefined)
      refined[name] = t('field_required');
    if (/^events\[\d+\]\.type$|^identityDocuments\[\d+\]\.(type|issuingCountry)$/.test(name)) {
      refined[name] = t('field_not_a_choice');
    }
  }
  return refined;
}

/** A refusal of the service naming one field (its API path), in the form's words. */
export function domainErrors(field: string | undefined, values: FormValues, language: Language): FormErrors {
  const name = field && field !== 'body' ? formFieldOf(values)(field) : 'familyName';
  return registerErrors({ [name]: common.in(language)('field_invalid') }, values, language);
}

/** The duplicate check form: names, date or year of birth, one document number. */
export const CHECK_FIELDS = ['familyName', 'givenName', 'dateOfBirth', 'documentNumber'] as const;

export function checkValues(body: FormBody): FormValues {
  return Object.fromEntries(CHECK_FIELDS.map((name) => [name, text(body, name)]));
}

export function duplicateCheckRequest(values: FormValues): Record<string, unknown> {
  const number = values.documentNumber as string | undefined;
  return defined({
    familyName: values.familyName,
    givenName: values.givenName,
    dateOfBirth: values.dateOfBirth,
    documentNumbers: number ? [number] : undefined,
  });
}

/** The duplicate check's problems by the API's paths, as the form names its fields. */
export const checkFieldOf = (path: string): string => (path.startsWith('documentNumbers') ? 'documentNumber' : path);

export function checkErrors(errors: FormErrors, language: Language): FormErrors {
  const refined = { ...errors };
  if (refined.dateOfBirth) refined.dateOfBirth = caseMessages.in(language)('date_of_birth_error');
  return refined;
}

/** After a check, the register form starts from what the check was given. */
export function registerValuesFromCheck(check: FormValues): FormValues {
  return {
    familyName: check.familyName,
    givenName: check.givenName,
    dateOfBirth: check.dateOfBirth,
    'identityDocuments[0].number': check.documentNumber,
  };
}
