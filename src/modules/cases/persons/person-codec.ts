import { Injectable } from '@nestjs/common';
import { OpenDataKey } from '../../../core/crypto/data-key.repository';
import { IntegrityError } from '../../../core/crypto/crypto.errors';
import { FieldCipher, FieldKey, FieldLocation } from '../../../core/crypto/field-cipher';
import { DocumentType } from './dto/person.dto';
import { Person } from './entities/person.entity';

export interface IdentityDocument {
  type: DocumentType;
  number: string;
  issuingCountry?: string;
}

/** A person's identifying fields in clear; they exist only in memory, for one request. */
export interface PersonFields {
  familyName: string;
  givenName: string;
  patronymic: string | null;
  dateOfBirth: string | null;
  identityDocuments: IdentityDocument[];
  phone: string | null;
  address: string | null;
  notes: string | null;
}

export type EncryptedColumn = keyof PersonFields;

/** Each field, the column it is stored in (bound into its ciphertext). */
const COLUMNS: Readonly<Record<EncryptedColumn, string>> = {
  familyName: 'family_name',
  givenName: 'given_name',
  patronymic: 'patronymic',
  dateOfBirth: 'date_of_birth',
  identityDocuments: 'identity_documents',
  phone: 'phone',
  address: 'address',
  notes: 'notes',
};
const TABLE = 'person';

/**
 * The person's sensitive columns, encrypted and decrypted field by field under its data key, each
 * bound to `person|column|id|data key version`. Absent optional fields are stored as NULL.
 */
@Injectable()
export class PersonCodec {
  constructor(private readonly cipher: FieldCipher) {}

  /** The ciphertext of each field in `fields`, keyed by the entity's property name. */
  seal(
    personId: string,
    key: OpenDataKey,
    fields: Partial<PersonFields>,
  ): Partial<Record<EncryptedColumn, Buffer | null>> {
    return this.withFieldKey(key, (fieldKey) => {
      const sealed: Partial<Record<EncryptedColumn, Buffer | null>> = {};
      for (const name of Object.keys(fields) as EncryptedColumn[]) {
        const value = fields[name];
        if (value === undefined) continue;
        const text =
          name === 'identityDocuments' ? documentsText(value as IdentityDocument[] | null) : (value as string | null);
        sealed[name] =
          text === null ? null : this.cipher.encrypt(fieldKey, key.version, this.location(personId, name), text);
      }
      return sealed;
    });
  }

  /** Every field in clear; IntegrityError when any column was altered, moved or is under another key. */
  open(person: Person, key: OpenDataKey): PersonFields {
    return this.withFieldKey(key, (fieldKey) => this.openWith(person, fieldKey, key.version));
  }

  /** The two names only (a list's summary): the other fields stay encrypted. */
  openNames(person: Person, key: OpenDataKey): Pick<PersonFields, 'familyName' | 'givenName'> {
    return this.withFieldKey(key, (fieldKey) => {
      const name = (column: 'familyName' | 'givenName'): string => {
        const box = person[column];
        if (!box) throw new IntegrityError(`${TABLE}.${COLUMNS[column]}: missing`);
        return this.cipher.decrypt(fieldKey, key.version, this.location(person.id, column), box);
      };
      return { familyName: name('familyName'), givenName: name('givenName') };
    });
  }

  /** Only the fields in `columns` (what a view shows); the others stay encrypted and read as absent. */
  openOnly(person: Person, key: OpenDataKey, columns: readonly EncryptedColumn[]): Partial<PersonFields> {
    return this.withFieldKey(key, (fieldKey) => {
      const opened: Partial<Record<EncryptedColumn, unknown>> = {};
      for (const name of columns) {
        const box = person[name];
        const text = box ? this.cipher.decrypt(fieldKey, key.version, this.location(person.id, name), box) : null;
        opened[name] = name === 'identityDocuments' ? (text ? (JSON.parse(text) as IdentityDocument[]) : []) : text;
      }
      return opened as Partial<PersonFields>;
    });
  }

  private openWith(person: Person, fieldKey: FieldKey, version: number): PersonFields {
    const text = (name: EncryptedColumn): string | null => {
      const box = person[name];
      return box ? this.cipher.decrypt(fieldKey, version, this.location(person.id, name), box) : null;
    };
    const required = (name: EncryptedColumn): string => {
      const value = text(name);
      if (value === null) throw new IntegrityError(`${TABLE}.${COLUMNS[name]}: missing`);
      return value;
    };
    const documents = text('identityDocuments');
    return {
      familyName: required('familyName'),
      givenName: required('givenName'),
      patronymic: text('patronymic'),
      dateOfBirth: text('dateOfBirth'),
      identityDocuments: documents ? (JSON.parse(documents) as IdentityDocument[]) : [],
      phone: text('phone'),
      address: text('address'),
      notes: text('notes'),
    };
  }

  private withFieldKey<T>(key: OpenDataKey, work: (fieldKey: FieldKey) => T): T {
    return this.cipher.withFieldKey(key.plaintext, work);
  }

  private location(rowId: string, name: EncryptedColumn): FieldLocation {
    return { table: TABLE, column: COLUMNS[name], rowId };
  }
}

function documentsText(documents: IdentityDocument[] | null): string | null {
  return documents && documents.length > 0 ? JSON.stringify(documents) : null;
}
