import { Column, Entity } from 'typeorm';
import { CaseOwnedRow } from '../../cases/case-records';
import type { NoteKind } from '../note-kinds';

/** A note of a case: its kind and date in clear, its text as ciphertext under the note key. */
@Entity('case_note')
export class CaseNote extends CaseOwnedRow {
  @Column('text')
  kind: NoteKind;

  @Column('date', { name: 'occurred_on' })
  occurredOn: string;

  @Column('bytea')
  text: Buffer;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'edited_at', nullable: true })
  editedAt: Date | null;

  /** 1 when written, one more at each edit; the text an edit replaced is kept under its number. */
  @Column('integer')
  revision: number;
}
