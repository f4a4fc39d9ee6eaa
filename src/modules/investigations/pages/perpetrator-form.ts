import type { FormBody, FormErrors, FormValues } from '../../../core/web/forms';
import { list, text } from '../../../core/web/forms';
import type { Language } from '../../../core/web/i18n';
import type { PerpetratorView } from '../investigation-views';
import { investigationMessages } from './investigation.messages';

/**
 * The perpetrator form, read into the API's requests (POST and PATCH .../perpetrators). Its field names
 * are the API's paths (`identityDocuments[0].number`), so a problem the API's validation names lands
 * beside its field; the documents are sent as the filled rows only, renumbered, and mapped back.
 */
export const DOCUMENT_ROWS = 2;
/** As many as the API takes: a record with more documents than the usual rows shows them all. */
export const MAX_DOCUMENT_ROWS = 10;

/**
 * How many document rows the form holds: two, or as many as the record had when the form was made
 * (carried in the form as `documentRows`), so that a change never drops a document it did not show.
 */
export function documentRowsOf(values: FormValues | undefined): number {
  const asked = Number(values?.documentRows);
  return Number.isInteger(asked) ? Math.min(Math.max(asked, DOCUMENT_ROWS), MAX_DOCUMENT_ROWS) : DOCUMENT_ROWS;
}
export const DOCUMENT_PARTS = ['type', 'number', 'issuingCountry'] as const;
export const PERPETRATOR_TEXTS = ['name', 'dateOfBirth', 'gender', 'nationality', 'roleDetails', 'description'] as const;

const documentNames = (rows: number): string[] =>
  Array.from({ length: rows }, (_, i) => DOCUMENT_PARTS.map((part) => `identityDocuments[${i}].${part}`)).flat();

/** What was typed, as it will be shown again (form names only, trimmed). */
export function perpetratorValues(body: FormBody): FormValues {
  const rows = documentRowsOf({ documentRows: text(body, 'documentRows') });
  return {
    ...Object.fromEntries([...PERPETRATOR_TEXTS, 'aliases', ...documentNames(rows)].map((name) => [name, text(body, name)])),
    roles: list(body, 'roles'),
    documentRows: String(rows),
  };
}

/** A perpetrator's record as the edit form starts from it. */
export function perpetratorValuesOf(view: PerpetratorView): FormValues {
  const values: FormValues = {
    roles: view.roles,
    aliases: view.aliases.length ? view.aliases.join('\n') : undefined,
    documentRows: String(Math.max(DOCUMENT_ROWS, view.identityDocuments.length)),
  };
  for (const name of PERPETRATOR_TEXTS) values[name] = view[name] ?? undefined;
  view.identityDocuments.slice(0, MAX_DOCUMENT_ROWS).forEach((document, i) => {
    for (const part of DOCUMENT_PARTS) values[`identityDocuments[${i}].${part}`] = document[part] ?? undefined;
  });
  return values;
}

function documentRow(values: FormValues, i: number): Record<string, string> | undefined {
  const filled = Object.fromEntries(
    DOCUMENT_PARTS.map((part) => [part, values[`identityDocuments[${i}].${part}`]]).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  return Object.keys(filled).length ? filled : undefined;
}

const filledRows = (values: FormValues): number[] =>
  Array.from({ length: documentRowsOf(values) }, (_, i) => i).filter((i) => documentRow(values, i));

/**
 * The request for this form. A new record carries what was filled in; a change carries every field,
 * an empty one as null (it clears), since the form shows the whole record.
 */
export function perpetratorRequest(values: FormValues, change: boolean): Record<string, unknown> {
  const empty = change ? null : undefined;
  const aliases = ((values.aliases as string | undefined) ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const documents = filledRows(values).map((i) => documentRow(values, i));
  const request: Record<string, unknown> = {
    ...Object.fromEntries(PERPETRATOR_TEXTS.map((name) => [name, values[name] ?? empty])),
    roles: values.roles,
    aliases: aliases.length ? aliases : empty,
    identityDocuments: documents.length ? documents : empty,
  };
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined));
}

/** The form's own problem before the API's validation: a document row without its type or number. */
export function incompleteDocuments(values: FormValues, language: Language): FormErrors {
  const m = investigationMessages.in(language);
  const errors: FormErrors = {};
  for (let i = 0; i < documentRowsOf(values); i++) {
    const row = documentRow(values, i);
    if (!row) continue;
    if (!row.type) errors[`identityDocuments[${i}].type`] = m('document_incomplete');
    else if (!row.number) errors[`identityDocuments[${i}].number`] = m('document_incomplete');
  }
  return errors;
}

/** The API's path of a problem, as the form names its field. */
export function perpetratorFieldOf(values: FormValues): (path: string) => string {
  const rows = filledRows(values);
  return (path) =>
    path
      .replace(/^identityDocuments\[(\d+)\]/, (_, i: string) => `identityDocuments[${rows[Number(i)] ?? i}]`)
      .replace(/^(roles|aliases)\[\d+\]$/, '$1')
      .replace(/^identityDocuments$/, 'identityDocuments[0].type');
}
