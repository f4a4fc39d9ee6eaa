import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../../core/http/domain.exception';

export enum StageErrorCode {
  /** The table of transitions does not allow this change; the message names the allowed stages. */
  TransitionNotAllowed = 'stage_transition_not_allowed',
  /** The transition needs the organisation's manager. */
  ManagerRequired = 'stage_manager_required',
  /** The status decision lacks a part, or a part was given where no decision is made. */
  StatusDecision = 'stage_status_decision',
  /** The recovery and reflection period is still running. */
  ReflectionPeriod = 'stage_reflection_period',
  /** Closing without a closure reason, or a closure reason on another move. */
  ClosureReason = 'stage_closure_reason',
}

export class StageException extends DomainException<StageErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case StageErrorCode.TransitionNotAllowed:
      case StageErrorCode.ReflectionPeriod:
        return HttpStatus.CONFLICT;
      case StageErrorCode.ManagerRequired:
        return HttpStatus.FORBIDDEN;
      case StageErrorCode.StatusDecision:
      case StageErrorCode.ClosureReason:
        return HttpStatus.BAD_REQUEST;
    }
  }
}
