import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTE_KINDS } from './note-kinds';
import type { NoteKind } from './note-kinds';

export class NoteAddendumView {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'The user who wrote it' }) authorId: string;
  @ApiProperty() createdAt: string;
}

/** An earlier version of a note, as an edit replaced it (the owner's view only). */
export class NoteRevisionView {
  @ApiProperty() revision: number;
  @ApiProperty({ enum: NOTE_KINDS }) kind: NoteKind;
  @ApiProperty() occurredOn: string;
  @ApiProperty() text: string;
  @ApiProperty() replacedAt: string;
}

/** A note as listed: codes, date, who and when, its text and addenda. */
export class NoteView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: NOTE_KINDS }) kind: NoteKind;
  @ApiProperty({ example: '2026-03-03' }) occurredOn: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'The user who wrote it (and alone may edit it, within the window)' }) authorId: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) editedAt: string | null;
  @ApiProperty({ description: 'Until when its author may still edit it; after that it takes addenda only' })
  editableUntil: string;
  @ApiProperty({ type: [NoteAddendumView] }) addenda: NoteAddendumView[];
  @ApiPropertyOptional({
    type: [String],
    description: 'For the owning organisation only: the organisations it is shared with',
  })
  sharedWith?: string[];
  @ApiPropertyOptional({
    type: [NoteRevisionView],
    description: 'For the owning organisation only: the versions edits replaced, oldest first',
  })
  earlierVersions?: NoteRevisionView[];
}

/** What of a note is open for its view, decrypted by the service; the view itself is built below. */
export interface OpenedNote {
  id: string;
  caseId: string;
  kind: NoteKind;
  occurredOn: string;
  text: string;
  authorId: string;
  createdAt: Date;
  editedAt: Date | null;
  editableUntil: Date;
  addenda: Array<{ id: string; text: string; authorId: string; createdAt: Date }>;
  /** Present for the owner only. */
  owner?: {
    sharedWith: string[];
    earlierVersions: Array<{ revision: number; kind: NoteKind; occurredOn: string; text: string; replacedAt: Date }>;
  };
}

/** Built field by field: nothing else of the rows (ciphertext, keys) can be serialised. */
export function toNoteView(note: OpenedNote): NoteView {
  return {
    id: note.id,
    caseId: note.caseId,
    kind: note.kind,
    occurredOn: note.occurredOn,
    text: note.text,
    authorId: note.authorId,
    createdAt: note.createdAt.toISOString(),
    editedAt: note.editedAt ? note.editedAt.toISOString() : null,
    editableUntil: note.editableUntil.toISOString(),
    addenda: note.addenda.map((a) => ({
      id: a.id,
      text: a.text,
      authorId: a.authorId,
      createdAt: a.createdAt.toISOString(),
    })),
    ...(note.owner
      ? {
          sharedWith: note.owner.sharedWith,
          earlierVersions: note.owner.earlierVersions.map((r) => ({
            revision: r.revision,
            kind: r.kind,
            occurredOn: r.occurredOn,
            text: r.text,
            replacedAt: r.replacedAt.toISOString(),
          })),
        }
      : {}),
  };
}
