import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { appConfig } from '../../core/config/app.config';
import { NoteCipher, NoteKey } from '../../core/crypto/note-cipher';
import { recordErrorOf } from '../../core/crypto/record-errors';
import { RequestContext } from '../../core/database/request-context';
import { Clock } from '../../core/time/clock';
import { CaseAccess, CaseSealer } from '../cases/case-records';
import type { CaseKeyScope } from '../cases/case-records';
import { OrganisationsService } from '../organisations';
import { AddAddendumDto, CreateNoteDto, EditNoteDto } from './dto/note.dto';
import { CaseNote } from './entities/case-note.entity';
import { NOTE_READ, NOTE_WRITE, withinEditWindow } from './note-rules';
import { NoteView, OpenedNote, toNoteView } from './note-views';
import { NoteErrorCode, NoteException, noteNotFound, noteRecordFailure } from './notes.exception';
import { NotesRepository, StoredAddendum, StoredRevision } from './notes.repository';

/** Where each ciphertext of a note lives: its table, column and row, bound into it (docs/crypto.md). */
const NOTE_TEXT = (id: string) => ({ table: 'case_note', column: 'text', rowId: id });
const REVISION_TEXT = (id: string, revision: number) => ({
  table: 'case_note_revision',
  column: 'text',
  rowId: `${id}|${revision}`,
});
const ADDENDUM_TEXT = (id: string) => ({ table: 'case_note_addendum', column: 'text', rowId: id });

/**
 * The notes of a case: what happened at a contact, a counselling session, a visit. The owning
 * organisation writes them; a note's author may correct it for PANOH_NOTE_EDIT_MINUTES (the text it
 * replaced is kept), after which it only takes addenda. A sharing organisation in the referral view
 * reads the notes the owner shared with it; the investigation view reads none. The texts are under
 * the note key, derived from the case's and the person's data keys, so erasing the person shreds them.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly access: CaseAccess,
    private readonly notes: NotesRepository,
    private readonly cipher: NoteCipher,
    private readonly keys: CaseSealer,
    private readonly organisations: OrganisationsService,
    private readonly requestContext: RequestContext,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async list(actor: AuthenticatedUser, caseId: string): Promise<NoteView[]> {
    const scope = await this.access.require(actor, caseId, NOTE_READ);
    const rows = await this.notes.ofCase(caseId, sharedWithOf(actor, scope));
    const views = rows.length ? await this.viewsOf(scope, rows) : [];
    this.requestContext.recordAccess({
      view: scope.view,
      fields: views.length ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  /** One note, as the list would show it (a retried create's answer). */
  async get(actor: AuthenticatedUser, caseId: string, noteId: string): Promise<NoteView> {
    const scope = await this.access.require(actor, caseId, NOTE_READ);
    const row = await this.notes.find(caseId, noteId, { sharedWith: sharedWithOf(actor, scope) });
    if (!row) throw noteNotFound();
    const view = await this.viewOf(scope, row);
    this.requestContext.recordAccess({ view: scope.view, fields: Object.keys(view), detail: { noteId } });
    return view;
  }

  /** The list as the page shows it: with, for the owner, the organisations it may share with. */
  async listForPage(
    actor: AuthenticatedUser,
    caseId: string,
  ): Promise<{ notes: NoteView[]; manage: boolean; sharing: string[] }> {
    const notes = await this.list(actor, caseId);
    const manage = (await this.access.requireView(actor, caseId)) === 'full';
    return { notes, manage, sharing: manage ? await this.notes.referralOrganisationsOf(caseId) : [] };
  }

  async add(actor: AuthenticatedUser, caseId: string, dto: CreateNoteDto): Promise<NoteView> {
    const scope = await this.access.require(actor, caseId, NOTE_WRITE);
    const id = randomUUID();
    const note = await this.withKey(
      scope,
      (key): CaseNote => ({
        id,
        caseId,
        ownerOrganisationId: scope.ownerOrganisationId,
        kind: dto.kind,
        occurredOn: dto.occurredOn,
        text: key.seal(NOTE_TEXT(id), dto.text),
        authorId: actor.userId,
        createdAt: this.clock.now(),
        editedAt: null,
        revision: 1,
      }),
      { forWriting: true },
    );
    await this.notes.insert(note);
    this.requestContext.recordAccess({
      view: scope.view,
      fields: ['set:kind', 'set:occurredOn', 'set:text'],
      detail: { noteId: id, kind: dto.kind },
    });
    return toNoteView(this.opened(note, dto.text, [], { sharedWith: [], earlierVersions: [] }));
  }

  /** The author's correction within the window: the note as it was is kept, encrypted, as an earlier version. */
  async edit(actor: AuthenticatedUser, caseId: string, noteId: string, dto: EditNoteDto): Promise<NoteView> {
    const scope = await this.access.require(actor, caseId, NOTE_WRITE);
    this.requestContext.recordAccess({ detail: { noteId } });
    const before = await this.notes.find(caseId, noteId, { lock: true });
    if (!before) throw noteNotFound();
    if (before.authorId !== actor.userId) {
      throw new NoteException(
        NoteErrorCode.NotAuthor,
        'Only the author of a note may change it; add an addendum instead',
      );
    }
    const now = this.clock.now();
    if (!withinEditWindow(before.createdAt, now, this.app.noteEditMinutes)) {
      throw new NoteException(
        NoteErrorCode.EditWindowClosed,
        `A note may be changed only within ${this.app.noteEditMinutes} minutes of writing it; add an addendum instead`,
      );
    }
    const changed = (['kind', 'occurredOn', 'text'] as const).filter((f) => dto[f] !== undefined);
    if (!changed.length) {
      throw new NoteException(NoteErrorCode.NothingToChange, 'Give kind, occurredOn or text to change', 'body');
    }
    const { earlier, sealed } = await this.withKey(scope, (key) => {
      const current = key.open(NOTE_TEXT(before.id), before.text);
      return {
        earlier: key.seal(REVISION_TEXT(before.id, before.revision), current),
        sealed: key.seal(NOTE_TEXT(before.id), dto.text ?? current),
      };
    });
    const after = {
      kind: dto.kind ?? before.kind,
      occurredOn: dto.occurredOn ?? before.occurredOn,
      text: sealed,
      editedAt: now,
    };
    await this.notes.edit(before, earlier, after);
    this.requestContext.recordAccess({
      view: scope.view,
      fields: changed.map((f) => `changed:${f}`),
      detail: { noteId, revision: before.revision + 1 },
    });
    return this.viewOf(scope, { ...before, ...after, revision: before.revision + 1 });
  }

  /** Anyone of the owning organisation adds to a note, at any time: the only change once the window is over. */
  async addAddendum(actor: AuthenticatedUser, caseId: string, noteId: string, dto: AddAddendumDto): Promise<NoteView> {
    const scope = await this.access.require(actor, caseId, NOTE_WRITE);
    this.requestContext.recordAccess({ detail: { noteId } });
    const note = await this.notes.find(caseId, noteId);
    if (!note) throw noteNotFound();
    const id = randomUUID();
    const addendum: StoredAddendum = await this.withKey(
      scope,
      (key) => ({
        id,
        noteId,
        text: key.seal(ADDENDUM_TEXT(id), dto.text),
        authorId: actor.userId,
        createdAt: this.clock.now(),
      }),
      { forWriting: true },
    );
    await this.notes.addAddendum(note, addendum);
    this.requestContext.recordAccess({
      view: scope.view,
      fields: ['set:addendum'],
      detail: { noteId, addendumId: id },
    });
    return this.viewOf(scope, note);
  }

  async share(actor: AuthenticatedUser, caseId: string, noteId: string, organisationId: string): Promise<NoteView> {
    const scope = await this.access.require(actor, caseId, NOTE_WRITE);
    this.requestContext.recordAccess({ detail: { noteId } });
    const note = await this.notes.find(caseId, noteId);
    if (!note) throw noteNotFound();
    const organisation = organisationId.toLowerCase();
    await this.organisations.requireNamed(organisation, 'organisationId');
    if (!(await this.notes.referralOrganisationsOf(caseId)).includes(organisation)) {
      throw new NoteException(
        NoteErrorCode.NotSharing,
        'A note is shared only with an organisation the case is shared with for assistance (never for law enforcement)',
        'organisationId',
      );
    }
    await this.notes.share(note, organisation, actor.userId);
    this.requestContext.recordAccess({ view: scope.view, detail: { noteId, organisationId: organisation } });
    return this.viewOf(scope, note);
  }

  async unshare(actor: AuthenticatedUser, caseId: string, noteId: string, organisationId: string): Promise<NoteView> {
    const scope = await this.access.require(actor, caseId, NOTE_WRITE);
    this.requestContext.recordAccess({ detail: { noteId } });
    const note = await this.notes.find(caseId, noteId);
    if (!note) throw noteNotFound();
    const organisation = organisationId.toLowerCase();
    await this.notes.unshare(noteId, organisation);
    this.requestContext.recordAccess({ view: scope.view, detail: { noteId, organisationId: organisation } });
    return this.viewOf(scope, note);
  }

  private async viewOf(scope: CaseKeyScope, note: CaseNote): Promise<NoteView> {
    const [view] = await this.viewsOf(scope, [note]);
    return view;
  }

  /** The views of `rows`: each text opened under the note key; shares and earlier versions for the owner only. */
  private async viewsOf(scope: CaseKeyScope, rows: CaseNote[]): Promise<NoteView[]> {
    const ids = rows.map((r) => r.id);
    const owner = scope.view === 'full';
    // One after the other: they share the request's connection and transaction.
    const addenda = await this.notes.addendaOf(ids);
    const revisions: StoredRevision[] = owner ? await this.notes.revisionsOf(ids) : [];
    const shares = owner ? await this.notes.sharesOf(scope.caseId) : undefined;
    return this.withKey(scope, (key) =>
      rows.map((row) =>
        toNoteView(
          this.opened(
            row,
            key.open(NOTE_TEXT(row.id), row.text),
            addenda
              .filter((a) => a.noteId === row.id)
              .map((a) => ({
                id: a.id,
                text: key.open(ADDENDUM_TEXT(a.id), a.text),
                authorId: a.authorId,
                createdAt: a.createdAt,
              })),
            shares && {
              sharedWith: shares.get(row.id) ?? [],
              earlierVersions: revisions
                .filter((r) => r.noteId === row.id)
                .map((r) => ({
                  revision: r.revision,
                  kind: r.kind,
                  occurredOn: r.occurredOn,
                  text: key.open(REVISION_TEXT(r.noteId, r.revision), r.text),
                  replacedAt: r.replacedAt,
                })),
            },
          ),
        ),
      ),
    );
  }

  private opened(row: CaseNote, text: string, addenda: OpenedNote['addenda'], owner: OpenedNote['owner']): OpenedNote {
    return {
      id: row.id,
      caseId: row.caseId,
      kind: row.kind,
      occurredOn: row.occurredOn,
      text,
      authorId: row.authorId,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      editableUntil: new Date(row.createdAt.getTime() + this.app.noteEditMinutes * 60_000),
      addenda,
      ...(owner ? { owner } : {}),
    };
  }

  /** The case's note key for `work`, wiped after; failures in the notes' codes. */
  private async withKey<T>(
    scope: CaseKeyScope,
    work: (key: NoteKey) => T,
    options: { forWriting?: boolean } = {},
  ): Promise<T> {
    const { caseKey, personKey } = await this.notes.keysOf(scope.caseId);
    if (!personKey) {
      if (options.forWriting) {
        throw new NoteException(NoteErrorCode.PersonErased, "This case's person was erased", 'id');
      }
      throw noteNotFound();
    }
    const key = this.keys.open(
      scope.caseId,
      caseKey,
      (openCase) =>
        this.keys.open(
          scope.caseId,
          personKey,
          (openPerson) => this.cipher.keyOf(openCase, openPerson),
          noteRecordFailure,
        ),
      noteRecordFailure,
    );
    try {
      return work(key);
    } catch (error) {
      throw recordErrorOf(error, `note of case ${scope.caseId}`, noteRecordFailure);
    } finally {
      key.wipe();
    }
  }
}

/** Undefined for the owner (every note); the caller's organisation for the referral view. */
function sharedWithOf(actor: AuthenticatedUser, scope: CaseKeyScope): string | undefined {
  return scope.view === 'full' ? undefined : actor.organisationId;
}
