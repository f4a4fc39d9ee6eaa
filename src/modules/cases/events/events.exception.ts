import { HttpStatus } from '@nestjs/common';
import type { RecordFailureAnswer } from '../../../core/crypto/record-errors';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../../core/http/common-error-codes';
import { DomainException } from '../../../core/http/domain.exception';

const OWN = {
  /** No such event on this case (or it was removed, for a correction or removal). */
  NotFound: 'event_not_found',
} as const;

/** The trafficking events' codes, with the ones every domain shares (`event_integrity_failure`, ...). */
export const EventErrorCode = appendCommonCodes('event', OWN);
export type EventErrorCode = CodeOf<typeof EventErrorCode>;

export class EventException extends DomainException<EventErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(EventErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.NotFound:
      return HttpStatus.NOT_FOUND;
  }
}

/** An event record that fails its check or needs a key the service lacks, in the events' codes. */
export const eventRecordFailure: RecordFailureAnswer = (failure, message) =>
  new EventException(EventErrorCode[failure], message);

export function eventNotFound(): EventException {
  return new EventException(EventErrorCode.NotFound, 'No such event on this case', 'eventId');
}

export function staleEvent(): EventException {
  return new EventException(
    EventErrorCode.VersionConflict,
    'The event was changed since you read it; read it again and reapply your change',
    'version',
  );
}
