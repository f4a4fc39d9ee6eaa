import { Injectable } from '@nestjs/common';
import { DataKey } from '../../../core/crypto/entities/data-key.entity';
import { RequestContext } from '../../../core/database/request-context';
import { Person } from './entities/person.entity';
import { PersonBlindIndex } from './entities/person-blind-index.entity';
import { BlindIndexEntry } from './person-matching';
import { SearchToken } from './search-tokens';

/** A person row with its wrapped data key, read in one statement so an erasure cannot fall between. */
export type PersonWithKey = Person & { dataKey: DataKey | null };

const ENCRYPTED_COLUMNS = [
  'familyName',
  'givenName',
  'patronymic',
  'dateOfBirth',
  'identityDocuments',
  'phone',
  'address',
  'notes',
] as const;

/**
 * The person tables. Everything runs on the current request's manager, so inside a request
 * transaction (row-level-security settings, audit event) it runs in that transaction.
 */
@Injectable()
export class PersonRepository {
  constructor(private readonly requestContext: RequestContext) {}

  /** Runs `work` in the request's transaction, or in a new one when the request has none. */
  async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.requestContext.inTransaction) return work();
    return this.requestContext.manager.transaction((manager) => RequestContext.run({ manager }, work));
  }

  async insert(person: Partial<Person>, entries: BlindIndexEntry[], tokens: SearchToken[]): Promise<void> {
    await this.requestContext.manager.getRepository(Person).insert(person);
    await this.insertBlindIndexes(person.id as string, entries);
    await this.insertSearchTokens(person.id as string, tokens);
  }

  /** The person with its data key; `lock` row-locks the person (inside a transaction). */
  async findWithKey(id: string, options: { lock?: boolean } = {}): Promise<PersonWithKey | null> {
    const query = this.requestContext.manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .leftJoinAndMapOne('p.dataKey', DataKey, 'k', 'k.id = p.dataKeyId')
      .where('p.id = :id', { id });
    if (options.lock) query.setLock('pessimistic_write', undefined, ['p']);
    return (await query.getOne()) as PersonWithKey | null;
  }

  async update(id: string, changes: Partial<Person>): Promise<void> {
    await this.requestContext.manager.getRepository(Person).update({ id }, changes);
  }

  async replaceBlindIndexes(personId: string, entries: BlindIndexEntry[], tokens: SearchToken[]): Promise<void> {
    await this.requestContext.manager.getRepository(PersonBlindIndex).delete({ personId });
    await this.insertBlindIndexes(personId, entries);
    await this.requestContext.manager.query(`DELETE FROM person_search_token WHERE person_id = $1`, [personId]);
    await this.insertSearchTokens(personId, tokens);
  }

  /** Clears the ciphertext and blind indexes and marks the row erased; the caller destroys the data key. */
  async markErased(id: string): Promise<void> {
    await this.requestContext.manager.getRepository(PersonBlindIndex).delete({ personId: id });
    await this.requestContext.manager.query(`DELETE FROM person_search_token WHERE person_id = $1`, [id]);
    const cleared = Object.fromEntries(ENCRYPTED_COLUMNS.map((column) => [column, null]));
    await this.update(id, { ...cleared, dataKeyId: null, erasedAt: new Date() });
  }

  /**
   * Persons (not erased) of any organisation holding one of the blind-index values, with their data
   * keys, at most `limit`. Row-level security hides other organisations' persons, so this goes through
   * the one SQL function allowed to compare across organisations (migration CaseRecords); it returns
   * only the columns a comparison needs.
   */
  async findCandidates(entries: BlindIndexEntry[], limit: number): Promise<PersonWithKey[]> {
    if (entries.length === 0) return [];
    const rows: CandidateRow[] = await this.requestContext.manager.query(
      `SELECT * FROM person_duplicate_candidates($1::text[], $2::bytea[], $3)`,
      [entries.map((e) => e.indexName), entries.map((e) => e.value), limit],
    );
    return rows.map(toCandidate);
  }

  private async insertBlindIndexes(personId: string, entries: BlindIndexEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.requestContext.manager
      .getRepository(PersonBlindIndex)
      .insert(entries.map((e) => ({ personId, indexName: e.indexName, value: e.value })));
  }

  /**
   * The person's search tokens, with the person's organisation on each row (read from the person, so
   * the row cannot claim another); two terms sharing a truncated value make one row.
   */
  private async insertSearchTokens(personId: string, tokens: SearchToken[]): Promise<void> {
    if (tokens.length === 0) return;
    await this.requestContext.manager.query(
      `INSERT INTO person_search_token (organisation_id, token, person_id, field)
       SELECT p.organisation_id, t.token, p.id, t.field
       FROM person p, unnest($2::bytea[], $3::text[]) AS t (token, field)
       WHERE p.id = $1
       ON CONFLICT DO NOTHING`,
      [personId, tokens.map((t) => t.value), tokens.map((t) => t.field)],
    );
  }

  /** Whether another organisation owns a case of person `id` (one of the caller's persons). */
  async heldElsewhere(id: string): Promise<boolean> {
    const [row]: Array<{ held: boolean }> = await this.requestContext.manager.query(
      `SELECT panoh_person_held_elsewhere($1) AS held`,
      [id],
    );
    return row?.held === true;
  }
}

interface CandidateRow {
  id: string;
  organisation_id: string;
  family_name: Buffer | null;
  given_name: Buffer | null;
  date_of_birth: Buffer | null;
  identity_documents: Buffer | null;
  data_key_id: string;
  data_key_version: number;
  kek_version: number;
  wrapped_key: Buffer;
}

/** A candidate as a partial person: the columns not returned stay null and are never decrypted. */
function toCandidate(row: CandidateRow): PersonWithKey {
  const person = Object.assign(new Person(), {
    id: row.id,
    organisationId: row.organisation_id,
    dataKeyId: row.data_key_id,
    familyName: row.family_name,
    givenName: row.given_name,
    patronymic: null,
    dateOfBirth: row.date_of_birth,
    identityDocuments: row.identity_documents,
    phone: null,
    address: null,
    notes: null,
    erasedAt: null,
  });
  const dataKey = Object.assign(new DataKey(), {
    id: row.data_key_id,
    version: row.data_key_version,
    kekVersion: row.kek_version,
    wrappedKey: row.wrapped_key,
  });
  return Object.assign(person, { dataKey });
}
