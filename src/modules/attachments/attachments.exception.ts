import { HttpStatus } from '@nestjs/common';
import type { RecordFailureAnswer } from '../../core/crypto/record-errors';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../core/http/common-error-codes';
import { DomainException } from '../../core/http/domain.exception';

const OWN = {
  /** No such attachment on this case, or not one shown to the caller's organisation. */
  NotFound: 'attachment_not_found',
  /** No file in the request, or a body that is not one file with a few fields. */
  FileMissing: 'attachment_file_missing',
  /** The file is larger than PANOH_ATTACHMENT_MAX_BYTES. */
  TooLarge: 'attachment_too_large',
  /** The content is not a PDF, JPEG or PNG (a program or script among others), whatever its name says. */
  UnsupportedType: 'attachment_unsupported_type',
  /** The content says it is a PDF, JPEG or PNG but does not hold together as one. */
  Malformed: 'attachment_malformed',
  /** An attachment is shared only with an organisation that sees the case through a live share. */
  NotSharing: 'attachment_organisation_not_sharing',
  /** The case's person was erased: their cases take no attachment any more. */
  PersonErased: 'attachment_person_erased',
} as const;

/** The attachments' codes, with the ones every domain shares (`attachment_integrity_failure`, ...). */
export const AttachmentErrorCode = appendCommonCodes('attachment', OWN);
export type AttachmentErrorCode = CodeOf<typeof AttachmentErrorCode>;

export class AttachmentException extends DomainException<AttachmentErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(AttachmentErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.NotFound:
      return HttpStatus.NOT_FOUND;
    case OWN.FileMissing:
      return HttpStatus.BAD_REQUEST;
    case OWN.TooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case OWN.UnsupportedType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case OWN.Malformed:
    case OWN.NotSharing:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case OWN.PersonErased:
      return HttpStatus.CONFLICT;
  }
}

/** An attachment that fails its check or needs a key the service lacks, in the attachments' codes. */
export const attachmentRecordFailure: RecordFailureAnswer = (failure, message) =>
  new AttachmentException(AttachmentErrorCode[failure], message);

export function attachmentNotFound(): AttachmentException {
  return new AttachmentException(AttachmentErrorCode.NotFound, 'No such attachment on this case', 'attachmentId');
}
