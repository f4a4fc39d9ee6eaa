import { Injectable } from '@nestjs/common';
import { DataKey } from '../../../core/crypto/entities/data-key.entity';
import { entityFromJson } from '../../../core/database/json-rows';
import { RequestContext } from '../../../core/database/request-context';
import { Person } from '../persons';
import { Consent } from './entities/consent.entity';
import { Screening } from './entities/screening.entity';
import { TraffickingEvent } from './entities/trafficking-event.entity';
import { VictimCase } from './entities/victim-case.entity';
import { CaseErrorCode, CaseException } from './cases.exception';

/** A case row with its data key, and its person with theirs, read in one statement. */
export type CaseWithKeys = VictimCase & {
  dataKey: DataKey | null;
  person: (Person & { dataKey: DataKey | null }) | null;
};

/** A case as one view needs it, from one statement (panoh_case_content). */
export interface CaseRead {
  record: CaseWithKeys;
  consents: Consent[];
  screenings: Screening[];
  events: TraffickingEvent[];
}

/**
 * What a summary in a list needs of each case `page.id`, and nothing more: the case's codes, its
 * person's names (ciphertext) and the person's data key. The columns keep their names so that the
 * rows read back as entities (entityFromJson); the others read as null.
 */
export const CASE_SUMMARY_CONTENT = `(
  SELECT json_build_object(
    'case', json_build_object('id', c.id, 'reference', c.reference, 'organisation_id', c.organisation_id,
      'person_id', c.person_id, 'stage', c.stage, 'trafficking_status', c.trafficking_status,
      'stage_changed_at', c.stage_changed_at, 'registered_on', c.registered_on),
    'person', CASE WHEN p.id IS NOT NULL THEN json_build_object('id', p.id, 'data_key_id', p.data_key_id,
      'family_name', p.family_name, 'given_name', p.given_name, 'erased_at', p.erased_at) END,
    'personKey', to_json(pk))
  FROM victim_case c
  LEFT JOIN person p ON p.id = c.person_id
  LEFT JOIN data_key pk ON pk.id = p.data_key_id
  WHERE c.id = page.id)`;

/**
 * The case tables, always on the current request's manager: inside a request, its transaction with
 * the caller set for row-level security. Another organisation's row is simply not there.
 */
@Injectable()
export class CaseRepository {
  constructor(private readonly requestContext: RequestContext) {}

  private get manager() {
    return this.requestContext.manager;
  }

  /** The references of the cases organisation `organisationId` owns (codes, no personal data), by id. */
  async referencesOwnedBy(organisationId: string): Promise<Map<string, string>> {
    const rows: Array<{ id: string; reference: string }> = await this.manager.query(
      `SELECT id, reference FROM victim_case WHERE organisation_id = $1`,
      [organisationId],
    );
    return new Map(rows.map((r) => [r.id, r.reference]));
  }

  /** The next reference of `year`, `TJ-<year>-<5 digits>`, from a per-year counter (no personal data). */
  async nextReference(year: number): Promise<string> {
    const [row]: Array<{ last_number: number }> = await this.manager.query(
      `INSERT INTO case_reference_counter (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = case_reference_counter.last_number + 1
       WHERE case_reference_counter.last_number < 99999
       RETURNING last_number`,
      [year],
    );
    if (!row) throw new CaseException(CaseErrorCode.ReferencesExhausted, `No case reference is left for ${year}`);
    return `TJ-${year}-${String(row.last_number).padStart(5, '0')}`;
  }

  /** The case's organisation and data key (still wrapped); undefined when the caller's policies hide the case. */
  async ownerAndKey(caseId: string): Promise<{ ownerOrganisationId: string; dataKey: DataKey | null } | undefined> {
    const [row]: Array<{
      organisation_id: string;
      id: string | null;
      version: number;
      kek_version: number;
      wrapped_key: Buffer;
    }> = await this.manager.query(
      `SELECT c.organisation_id, k.id, k.version, k.kek_version, k.wrapped_key
       FROM victim_case c LEFT JOIN data_key k ON k.id = c.data_key_id WHERE c.id = $1`,
      [caseId],
    );
    if (!row) return undefined;
    const dataKey = row.id
      ? Object.assign(new DataKey(), {
          id: row.id,
          version: row.version,
          kekVersion: row.kek_version,
          wrappedKey: row.wrapped_key,
        })
      : null;
    return { ownerOrganisationId: row.organisation_id, dataKey };
  }

  async insert(record: Partial<VictimCase>): Promise<void> {
    await this.manager.getRepository(VictimCase).insert(record);
  }

  /** A case and its parts from the json of panoh_case_content (CaseAccess.requireViewWithContent). */
  caseFromContent(content: Record<string, unknown>): CaseRead {
    const metadata = this.manager.connection;
    const record = entityFromJson<CaseWithKeys>(metadata.getMetadata(VictimCase), content.case);
    if (!record) throw new Error('panoh_case_content returned no case');
    record.dataKey = entityFromJson<DataKey>(metadata.getMetadata(DataKey), content.caseKey);
    record.person = this.personFromContent(content);
    const all = <T>(entity: new () => T, rows: unknown): T[] =>
      ((rows as unknown[] | undefined) ?? []).map((row) => entityFromJson<T>(metadata.getMetadata(entity), row) as T);
    return {
      record,
      consents: all(Consent, content.consents),
      screenings: all(Screening, content.screenings),
      events: all(TraffickingEvent, content.events),
    };
  }

  /** A case for its summary from the json of CASE_SUMMARY_CONTENT (no case key: summaries decrypt no case field). */
  summaryFromContent(content: Record<string, unknown>): CaseWithKeys {
    const record = entityFromJson<CaseWithKeys>(this.manager.connection.getMetadata(VictimCase), content.case);
    if (!record) throw new Error('the case summary returned no case');
    record.dataKey = null;
    record.person = this.personFromContent(content);
    return record;
  }

  private personFromContent(content: Record<string, unknown>): CaseWithKeys['person'] {
    const source = this.manager.connection;
    const person = entityFromJson<NonNullable<CaseWithKeys['person']>>(source.getMetadata(Person), content.person);
    if (person) person.dataKey = entityFromJson<DataKey>(source.getMetadata(DataKey), content.personKey);
    return person;
  }

  /** The cases with their keys and persons; `lock` row-locks the cases (inside a transaction). */
  async findWithKeys(ids: string[], options: { lock?: boolean } = {}): Promise<CaseWithKeys[]> {
    if (ids.length === 0) return [];
    const query = this.manager
      .getRepository(VictimCase)
      .createQueryBuilder('c')
      .leftJoinAndMapOne('c.dataKey', DataKey, 'ck', 'ck.id = c.dataKeyId')
      .leftJoinAndMapOne('c.person', Person, 'p', 'p.id = c.personId')
      .leftJoinAndMapOne('p.dataKey', DataKey, 'pk', 'pk.id = p.dataKeyId')
      .where('c.id IN (:...ids)', { ids });
    if (options.lock) query.setLock('pessimistic_write', undefined, ['c']);
    return (await query.getMany()) as CaseWithKeys[];
  }

  /**
   * Row-locks case `id` for the rest of the transaction: `share` while a row is added to it (a transfer
   * must wait), `update` while something it relies on changes. Every path locks the case before its
   * consents and referrals, so they cannot deadlock.
   */
  async lock(id: string, mode: 'share' | 'update'): Promise<void> {
    await this.manager.query(`SELECT 1 FROM victim_case WHERE id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`, [
      id,
    ]);
  }

  /** Applies `changes` if the case is still at `version`; false when another change came first. */
  async updateAtVersion(id: string, version: number, changes: Partial<VictimCase>): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(VictimCase)
      .set({ ...changes, version: version + 1 })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Gives case `id` owner `userId` (a change of who works it, not of its content: the version stays). */
  async setOwner(id: string, userId: string): Promise<void> {
    await this.manager.query(`UPDATE victim_case SET owner_user_id = $2, updated_at = now() WHERE id = $1`, [id, userId]);
  }

  async insertEvents(events: TraffickingEvent[]): Promise<void> {
    if (events.length > 0) await this.manager.getRepository(TraffickingEvent).insert(events);
  }

  async insertScreening(screening: Screening): Promise<void> {
    await this.manager.getRepository(Screening).insert(screening);
  }

  async insertConsent(consent: Consent): Promise<void> {
    await this.manager.getRepository(Consent).insert(consent);
  }

  async findConsent(caseId: string, consentId: string, options: { lock?: boolean } = {}): Promise<Consent | null> {
    const query = this.manager
      .getRepository(Consent)
      .createQueryBuilder('k')
      .where('k.id = :consentId AND k.caseId = :caseId', { consentId, caseId });
    if (options.lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /**
   * Marks the consent withdrawn and, at once, revokes every share that relied on it and withdraws the
   * caller's pending referrals that relied on it. Returns the organisations that lost something.
   */
  async withdrawConsent(
    consentId: string,
    by: string,
    at: Date,
  ): Promise<{
    revokedShares: Array<{ organisationId: string }>;
    withdrawnReferrals: Array<{ id: string; toOrganisationId: string }>;
  }> {
    await this.manager.getRepository(Consent).update({ id: consentId }, { withdrawnAt: at, withdrawnBy: by });
    const [shares]: [Array<{ organisation_id: string }>, number] = await this.manager.query(
      `UPDATE case_share SET revoked_at = $2 WHERE consent_id = $1 AND revoked_at IS NULL RETURNING organisation_id`,
      [consentId, at],
    );
    const [referrals]: [Array<{ id: string; to_organisation_id: string }>, number] = await this.manager.query(
      `UPDATE referral SET status = 'withdrawn', withdrawn_by = $2, withdrawn_at = $3, version = version + 1
       WHERE consent_id = $1 AND status = 'pending' AND from_organisation_id = panoh_caller_organisation()
       RETURNING id, to_organisation_id`,
      [consentId, by, at],
    );
    return {
      revokedShares: shares.map((r) => ({ organisationId: r.organisation_id })),
      withdrawnReferrals: referrals.map((r) => ({ id: r.id, toOrganisationId: r.to_organisation_id })),
    };
  }
}
