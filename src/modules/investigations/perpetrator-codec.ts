import { FieldSealer } from '../../core/crypto/record-sealer';
import { IntegrityError } from '../../core/crypto/crypto.errors';
import type { IdentityDocument } from '../cases/persons';
import { Perpetrator } from './entities/perpetrator.entity';

export const PERPETRATOR_TABLE = 'perpetrator';

/** A perpetrator's identifying details in clear: in memory only, for one request. */
export interface PerpetratorDetails {
  name: string | null;
  aliases: string[];
  dateOfBirth: string | null;
  identityDocuments: IdentityDocument[];
  roleDetails: string | null;
  description: string | null;
}

type Detail = keyof PerpetratorDetails;

/** Each detail, its column (bound into the ciphertext). Lists are stored as JSON; an empty list as NULL. */
const COLUMNS: Readonly<Record<Detail, string>> = {
  name: 'name',
  aliases: 'aliases',
  dateOfBirth: 'date_of_birth',
  identityDocuments: 'identity_documents',
  roleDetails: 'role_details',
  description: 'description',
};
export const PERPETRATOR_DETAILS = Object.keys(COLUMNS) as Detail[];

/** The ciphertext of each detail given (undefined: unchanged; null or an empty list: cleared). */
export function sealPerpetrator(
  sealer: FieldSealer,
  id: string,
  details: { [K in Detail]?: PerpetratorDetails[K] | null },
): Partial<Record<Detail, Buffer | null>> {
  const sealed: Partial<Record<Detail, Buffer | null>> = {};
  for (const name of PERPETRATOR_DETAILS) {
    const value = details[name];
    if (value === undefined) continue;
    sealed[name] = sealer.seal(COLUMNS[name], id, textOf(name, value));
  }
  return sealed;
}

export function openPerpetrator(sealer: FieldSealer, record: Perpetrator): PerpetratorDetails {
  const text = (name: Detail) => sealer.open(COLUMNS[name], record.id, record[name]);
  return {
    name: text('name'),
    aliases: listOf<string>(text('aliases')),
    dateOfBirth: text('dateOfBirth'),
    identityDocuments: listOf<IdentityDocument>(text('identityDocuments')),
    roleDetails: text('roleDetails'),
    description: text('description'),
  };
}

function textOf(name: Detail, value: string | string[] | IdentityDocument[] | null): string | null {
  if (value === null) return null;
  if (name === 'identityDocuments') {
    const documents = (value as IdentityDocument[]).map((d) => ({
      type: d.type,
      number: d.number,
      ...(d.issuingCountry ? { issuingCountry: d.issuingCountry } : {}),
    }));
    return documents.length > 0 ? JSON.stringify(documents) : null;
  }
  if (Array.isArray(value)) return value.length > 0 ? JSON.stringify(value) : null;
  return value;
}

function listOf<T>(text: string | null): T[] {
  if (text === null) return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new IntegrityError('a perpetrator list is not a list');
  return parsed as T[];
}
