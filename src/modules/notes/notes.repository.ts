import { Injectable } from '@nestjs/common';
import { DataKey } from '../../core/crypto/entities/data-key.entity';
import { RequestContext } from '../../core/database/request-context';
import { CaseNote } from './entities/case-note.entity';
import type { NoteKind } from './note-kinds';

/** The wrapped keys a note key is derived from: the case's and its person's (null once erased). */
export interface NoteKeys {
  caseKey: DataKey | null;
  personKey: DataKey | null;
}

export interface StoredAddendum {
  id: string;
  noteId: string;
  text: Buffer;
  authorId: string;
  createdAt: Date;
}

export interface StoredRevision {
  noteId: string;
  revision: number;
  kind: NoteKind;
  occurredOn: string;
  text: Buffer;
  replacedAt: Date;
}

/**
 * case_note and the tables around it, on the current request's manager (its transaction, with the
 * caller set for row-level security): rows the caller may not see are simply not there.
 */
@Injectable()
export class NotesRepository {
  constructor(private readonly requestContext: RequestContext) {}

  private get manager() {
    return this.requestContext.manager;
  }

  /** The case's notes, by the day they happened then as written; with `sharedWith`, only those shared with it. */
  async ofCase(caseId: string, sharedWith?: string): Promise<CaseNote[]> {
    return this.query(caseId, sharedWith).getMany();
  }

  /** One note of the case (with `sharedWith`, only if shared with that organisation); `lock` for a change. */
  async find(
    caseId: string,
    id: string,
    options: { sharedWith?: string; lock?: boolean } = {},
  ): Promise<CaseNote | null> {
    const query = this.query(caseId, options.sharedWith).andWhere('n.id = :id', { id });
    if (options.lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  private query(caseId: string, sharedWith?: string) {
    const query = this.manager
      .getRepository(CaseNote)
      .createQueryBuilder('n')
      .where('n.caseId = :caseId', { caseId })
      .orderBy('n.occurredOn', 'ASC')
      .addOrderBy('n.createdAt', 'ASC')
      .addOrderBy('n.id', 'ASC');
    if (sharedWith) {
      query.andWhere('EXISTS (SELECT 1 FROM case_note_share s WHERE s.note_id = n.id AND s.organisation_id = :org)', {
        org: sharedWith,
      });
    }
    return query;
  }

  async addendaOf(noteIds: string[]): Promise<StoredAddendum[]> {
    if (!noteIds.length) return [];
    const rows: Array<{ id: string; note_id: string; text: Buffer; author_id: string; created_at: Date }> =
      await this.manager.query(
        `SELECT id, note_id, text, author_id, created_at FROM case_note_addendum
         WHERE note_id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [noteIds],
      );
    return rows.map((r) => ({
      id: r.id,
      noteId: r.note_id,
      text: r.text,
      authorId: r.author_id,
      createdAt: r.created_at,
    }));
  }

  async revisionsOf(noteIds: string[]): Promise<StoredRevision[]> {
    if (!noteIds.length) return [];
    const rows: Array<{
      note_id: string;
      revision: number;
      kind: NoteKind;
      occurred_on: string;
      text: Buffer;
      replaced_at: Date;
    }> = await this.manager.query(
      `SELECT note_id, revision, kind, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, text, replaced_at
       FROM case_note_revision WHERE note_id = ANY($1::uuid[]) ORDER BY revision`,
      [noteIds],
    );
    return rows.map((r) => ({
      noteId: r.note_id,
      revision: r.revision,
      kind: r.kind,
      occurredOn: r.occurred_on,
      text: r.text,
      replacedAt: r.replaced_at,
    }));
  }

  /** The organisations each note of the case is shared with (the owner's list). */
  async sharesOf(caseId: string): Promise<Map<string, string[]>> {
    const rows: Array<{ note_id: string; organisation_id: string }> = await this.manager.query(
      `SELECT note_id, organisation_id FROM case_note_share WHERE case_id = $1 ORDER BY shared_at, organisation_id`,
      [caseId],
    );
    const shares = new Map<string, string[]>();
    for (const row of rows) shares.set(row.note_id, [...(shares.get(row.note_id) ?? []), row.organisation_id]);
    return shares;
  }

  async keysOf(caseId: string): Promise<NoteKeys> {
    const [row]: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT ck.id AS c_id, ck.version AS c_version, ck.kek_version AS c_kek, ck.wrapped_key AS c_wrapped,
              pk.id AS p_id, pk.version AS p_version, pk.kek_version AS p_kek, pk.wrapped_key AS p_wrapped
       FROM victim_case c
       LEFT JOIN data_key ck ON ck.id = c.data_key_id
       LEFT JOIN person p ON p.id = c.person_id
       LEFT JOIN data_key pk ON pk.id = p.data_key_id
       WHERE c.id = $1`,
      [caseId],
    );
    return { caseKey: keyOf(row, 'c'), personKey: keyOf(row, 'p') };
  }

  /** The organisations that see case `caseId` in the referral view: an accepted, unrevoked share not for law enforcement. */
  async referralOrganisationsOf(caseId: string): Promise<string[]> {
    const rows: Array<{ organisation_id: string }> = await this.manager.query(
      `SELECT DISTINCT organisation_id FROM case_share
       WHERE case_id = $1 AND accepted_at IS NOT NULL AND revoked_at IS NULL AND view = 'referral'
       ORDER BY organisation_id`,
      [caseId],
    );
    return rows.map((r) => r.organisation_id);
  }

  async insert(note: CaseNote): Promise<void> {
    await this.manager.getRepository(CaseNote).insert(note);
  }

  /** Keeps the note as it was under its revision number, then writes the change (one more revision). */
  async edit(
    before: CaseNote,
    earlierText: Buffer,
    change: { kind: NoteKind; occurredOn: string; text: Buffer; editedAt: Date },
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO case_note_revision (note_id, case_id, owner_organisation_id, revision, kind, occurred_on, text, replaced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        before.id,
        before.caseId,
        before.ownerOrganisationId,
        before.revision,
        before.kind,
        before.occurredOn,
        earlierText,
        change.editedAt,
      ],
    );
    await this.manager.query(
      `UPDATE case_note SET kind = $2, occurred_on = $3, text = $4, edited_at = $5, revision = $6 WHERE id = $1`,
      [before.id, change.kind, change.occurredOn, change.text, change.editedAt, before.revision + 1],
    );
  }

  async addAddendum(note: CaseNote, addendum: StoredAddendum): Promise<void> {
    await this.manager.query(
      `INSERT INTO case_note_addendum (id, note_id, case_id, owner_organisation_id, text, author_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        addendum.id,
        note.id,
        note.caseId,
        note.ownerOrganisationId,
        addendum.text,
        addendum.authorId,
        addendum.createdAt,
      ],
    );
  }

  async share(note: CaseNote, organisationId: string, by: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO case_note_share (note_id, case_id, owner_organisation_id, organisation_id, shared_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [note.id, note.caseId, note.ownerOrganisationId, organisationId, by],
    );
  }

  async unshare(noteId: string, organisationId: string): Promise<void> {
    await this.manager.query(`DELETE FROM case_note_share WHERE note_id = $1 AND organisation_id = $2`, [
      noteId,
      organisationId,
    ]);
  }
}

function keyOf(row: Record<string, unknown> | undefined, prefix: 'c' | 'p'): DataKey | null {
  if (!row || !row[`${prefix}_id`]) return null;
  return Object.assign(new DataKey(), {
    id: row[`${prefix}_id`],
    version: row[`${prefix}_version`],
    kekVersion: row[`${prefix}_kek`],
    wrappedKey: row[`${prefix}_wrapped`],
  });
}
