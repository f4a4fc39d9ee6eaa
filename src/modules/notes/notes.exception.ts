import { HttpStatus } from '@nestjs/common';
import type { RecordFailureAnswer } from '../../core/crypto/record-errors';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../core/http/common-error-codes';
import { DomainException } from '../../core/http/domain.exception';

const OWN = {
  /** No such note on this case, or not one shown to the caller's organisation. */
  NotFound: 'note_not_found',
  /** The investigation view holds no note. */
  NotInView: 'note_not_in_view',
  /** Only the note's author changes it. */
  NotAuthor: 'note_not_author',
  /** The edit window (PANOH_NOTE_EDIT_MINUTES) is over: the note only takes addenda now. */
  EditWindowClosed: 'note_edit_window_closed',
  /** An edit that changes nothing. */
  NothingToChange: 'note_nothing_to_change',
  /** A note is shared only with an organisation that sees the case through a live referral share. */
  NotSharing: 'note_organisation_not_sharing',
  /** The case's person was erased: their cases take no note any more. */
  PersonErased: 'note_person_erased',
} as const;

/** The notes' codes, with the ones every domain shares (`note_integrity_failure`, ...). */
export const NoteErrorCode = appendCommonCodes('note', OWN);
export type NoteErrorCode = CodeOf<typeof NoteErrorCode>;

export class NoteException extends DomainException<NoteErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(NoteErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.NotFound:
      return HttpStatus.NOT_FOUND;
    case OWN.NotAuthor:
    case OWN.NotInView:
      return HttpStatus.FORBIDDEN;
    case OWN.EditWindowClosed:
    case OWN.PersonErased:
      return HttpStatus.CONFLICT;
    case OWN.NothingToChange:
      return HttpStatus.BAD_REQUEST;
    case OWN.NotSharing:
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}

/** A note that fails its check or needs a key the service lacks, in the notes' codes. */
export const noteRecordFailure: RecordFailureAnswer = (failure, message) =>
  new NoteException(NoteErrorCode[failure], message);

export function noteNotFound(): NoteException {
  return new NoteException(NoteErrorCode.NotFound, 'No such note on this case', 'noteId');
}
