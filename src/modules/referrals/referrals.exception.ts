import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../core/http/domain.exception';

export enum ReferralErrorCode {
  /** No such referral for the caller (not sent by or to its organisation): the same answer for both. */
  NotFound = 'referral_not_found',
  /** The consent the referral needs is missing, withdrawn or does not cover it; the message says what. */
  ConsentMissing = 'referral_consent_missing',
  /** Only a pending referral can be accepted, declined or withdrawn. */
  NotPending = 'referral_not_pending',
  /** The same purpose is already pending with the same organisation. */
  Duplicate = 'referral_duplicate',
  CaseClosed = 'referral_case_closed',
  /** The caller's organisation is not the one that may do this to the referral. */
  WrongSide = 'referral_wrong_side',
  BadRecipient = 'referral_bad_recipient',
  BadDeadline = 'referral_bad_deadline',
  /** The case was erased: nothing of the referral's texts is left. */
  Erased = 'referral_case_erased',
}

export class ReferralException extends DomainException<ReferralErrorCode> {
  get status(): HttpStatus {
    switch (this.code) {
      case ReferralErrorCode.NotFound:
        return HttpStatus.NOT_FOUND;
      case ReferralErrorCode.ConsentMissing:
        return HttpStatus.UNPROCESSABLE_ENTITY;
      case ReferralErrorCode.NotPending:
      case ReferralErrorCode.Duplicate:
      case ReferralErrorCode.CaseClosed:
        return HttpStatus.CONFLICT;
      case ReferralErrorCode.WrongSide:
        return HttpStatus.FORBIDDEN;
      case ReferralErrorCode.BadRecipient:
      case ReferralErrorCode.BadDeadline:
        return HttpStatus.BAD_REQUEST;
      case ReferralErrorCode.Erased:
        return HttpStatus.GONE;
    }
  }
}

/** The same answer whether the referral does not exist or the caller's organisation is on neither side. */
export function referralNotFound(): ReferralException {
  return new ReferralException(ReferralErrorCode.NotFound, 'No such referral', 'id');
}

export function notPending(status: string): ReferralException {
  return new ReferralException(ReferralErrorCode.NotPending, `This referral is ${status}, not pending`);
}

export function wrongSide(does: 'accepts' | 'declines' | 'withdraws'): ReferralException {
  return new ReferralException(
    ReferralErrorCode.WrongSide,
    `Only the ${does === 'withdraws' ? 'referring' : 'receiving'} organisation ${does} a referral`,
  );
}
