import { HttpStatus } from '@nestjs/common';
import type { RecordFailureAnswer } from '../../core/crypto/record-errors';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../core/http/common-error-codes';
import { DomainException } from '../../core/http/domain.exception';

const OWN = {
  /** No such task on this case. */
  NotFound: 'task_not_found',
  /** The assignee is not an active caseworker or manager of the case's organisation. */
  AssigneeNotEligible: 'task_assignee_not_eligible',
  /** A task once closed stays closed. */
  AlreadyClosed: 'task_already_closed',
  /** A generated task's due day follows the case; only a task added by hand is moved. */
  Generated: 'task_generated',
  /** The case's person was erased: their cases take no task any more. */
  PersonErased: 'task_person_erased',
} as const;

/** The tasks' codes, with the ones every domain shares (`task_integrity_failure`, ...). */
export const TaskErrorCode = appendCommonCodes('task', OWN);
export type TaskErrorCode = CodeOf<typeof TaskErrorCode>;

export class TaskException extends DomainException<TaskErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(TaskErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.NotFound:
      return HttpStatus.NOT_FOUND;
    case OWN.AssigneeNotEligible:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case OWN.AlreadyClosed:
    case OWN.Generated:
    case OWN.PersonErased:
      return HttpStatus.CONFLICT;
  }
}

/** A task that fails its check or needs a key the service lacks, in the tasks' codes. */
export const taskRecordFailure: RecordFailureAnswer = (failure, message) =>
  new TaskException(TaskErrorCode[failure], message);

export function taskNotFound(): TaskException {
  return new TaskException(TaskErrorCode.NotFound, 'No such task on this case', 'taskId');
}
