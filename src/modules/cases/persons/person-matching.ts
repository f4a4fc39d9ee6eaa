import { BlindIndex, BlindIndexName } from '../../../core/crypto/blind-index/blind-index';
import { birthYearOf, normaliseDocumentNumber, normaliseName } from '../../../core/crypto/blind-index/normalise';

/** What the duplicate check compares: names with a birth year, and identity document numbers. */
export interface MatchableIdentity {
  familyName?: string | null;
  givenName?: string | null;
  dateOfBirth?: string | null;
  documentNumbers: string[];
}

export interface BlindIndexEntry {
  indexName: BlindIndexName;
  value: Buffer;
}

interface NormalisedIdentity {
  names?: { family: string; given: string; year: string };
  documents: Set<string>;
}

function normalise(identity: MatchableIdentity): NormalisedIdentity {
  const family = normaliseName(identity.familyName ?? '');
  const given = normaliseName(identity.givenName ?? '');
  const year = birthYearOf(identity.dateOfBirth);
  return {
    names: family && given && year ? { family, given, year } : undefined,
    documents: new Set(identity.documentNumbers.map(normaliseDocumentNumber).filter(Boolean)),
  };
}

/**
 * The blind-index values of an identity. Stored: family name, given name, year in that order.
 * `bothNameOrders` (for a search) adds given-then-family, for records entered with the two swapped.
 */
export function blindIndexEntries(
  index: BlindIndex,
  identity: MatchableIdentity,
  options: { bothNameOrders?: boolean } = {},
): BlindIndexEntry[] {
  const { names, documents } = normalise(identity);
  const entries: BlindIndexEntry[] = [];
  for (const number of documents) {
    entries.push({
      indexName: BlindIndexName.DocumentNumber,
      value: index.compute(BlindIndexName.DocumentNumber, number),
    });
  }
  if (names) {
    const orders = options.bothNameOrders
      ? [
          [names.family, names.given],
          [names.given, names.family],
        ]
      : [[names.family, names.given]];
    for (const [first, second] of orders) {
      entries.push({
        indexName: BlindIndexName.NameBirthYear,
        value: index.compute(BlindIndexName.NameBirthYear, `${first}|${second}|${names.year}`),
      });
    }
  }
  return uniqueEntries(entries);
}

/**
 * Whether a decrypted candidate is the person searched for, after the same normalisation: a shared
 * identity document number, or the same two names (either order) and the same birth year. This is
 * what turns blind-index hits, most of them coincidences by design, into matches.
 */
export function isSamePerson(searched: MatchableIdentity, candidate: MatchableIdentity): boolean {
  const a = normalise(searched);
  const b = normalise(candidate);
  for (const number of a.documents) if (b.documents.has(number)) return true;
  if (!a.names || !b.names || a.names.year !== b.names.year) return false;
  return (
    (a.names.family === b.names.family && a.names.given === b.names.given) ||
    (a.names.family === b.names.given && a.names.given === b.names.family)
  );
}

function uniqueEntries(entries: BlindIndexEntry[]): BlindIndexEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.indexName}:${e.value.toString('hex')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
