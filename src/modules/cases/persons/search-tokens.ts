import { BlindIndex, BlindIndexName } from '../../../core/crypto/blind-index/blind-index';
import { nameTokens, normaliseDocumentNumber } from '../../../core/crypto/blind-index/normalise';

/** What a search token was taken from; the views decide which of them a caller may search by. */
export type SearchField = 'name' | 'phone' | 'document';
export const SEARCH_FIELDS: readonly SearchField[] = ['name', 'phone', 'document'];

/** A normalised word and the field it stands for, before it is hashed. */
export interface SearchTerm {
  field: SearchField;
  normalised: string;
}

export interface SearchToken {
  field: SearchField;
  value: Buffer;
}

/** What of a person is indexed for the search. */
export interface SearchableIdentity {
  familyName?: string | null;
  givenName?: string | null;
  patronymic?: string | null;
  phone?: string | null;
  documentNumbers: string[];
}

/** Phone numbers meet on their last nine digits (a Tajik number without +992 or 8), at least seven. */
export function normalisePhone(value: string): string | undefined {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-9) : undefined;
}

/** The terms a person is found by: each word of their names, their phone, each document number. */
export function personSearchTerms(identity: SearchableIdentity): SearchTerm[] {
  const names = [identity.familyName, identity.givenName, identity.patronymic].filter(Boolean).join(' ');
  const terms: SearchTerm[] = nameTokens(names).map((normalised) => ({ field: 'name', normalised }));
  const phone = normalisePhone(identity.phone ?? '');
  if (phone) terms.push({ field: 'phone', normalised: phone });
  for (const number of identity.documentNumbers) {
    const normalised = normaliseDocumentNumber(number);
    if (normalised) terms.push({ field: 'document', normalised });
  }
  return unique(terms);
}

/**
 * The terms of what someone typed: each word as a name; the digits as a phone number; each word, and
 * the whole text without its spaces, as a document number when it holds a digit ("A 773-0411").
 */
export function querySearchTerms(text: string): SearchTerm[] {
  const terms: SearchTerm[] = nameTokens(text).map((normalised) => ({ field: 'name', normalised }));
  const phone = normalisePhone(text);
  if (phone) terms.push({ field: 'phone', normalised: phone });
  for (const word of [...text.split(/\s+/), text]) {
    const normalised = normaliseDocumentNumber(word);
    if (/\d/.test(normalised) && normalised.length >= 4) terms.push({ field: 'document', normalised });
  }
  return unique(terms);
}

/** The blind-index value of a term: keyed BLAKE2b of `<field>|<word>`, truncated as planned. */
export function searchToken(index: BlindIndex, term: SearchTerm): SearchToken {
  return { field: term.field, value: index.compute(BlindIndexName.SearchToken, `${term.field}|${term.normalised}`) };
}

export function termKey(term: SearchTerm): string {
  return `${term.field}|${term.normalised}`;
}

function unique(terms: SearchTerm[]): SearchTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(termKey(t)) && seen.add(termKey(t)) !== undefined);
}
