import { ACCEPTANCE_ANSWERS, acceptanceOutcome, UnknownAcceptanceAnswer } from './referral-acceptance';
import { ReferralErrorCode, ReferralException } from './referrals.exception';

describe("the acceptance function's answers", () => {
  it('maps every answer to accepted, not pending, or a refusal with its code and status', () => {
    const meanings = Object.fromEntries(
      ACCEPTANCE_ANSWERS.map((answer) => {
        const outcome = acceptanceOutcome(answer);
        return [answer, outcome instanceof ReferralException ? `${outcome.code} ${outcome.status}` : outcome];
      }),
    );
    expect(meanings).toEqual({
      accepted: 'accepted',
      not_found: `${ReferralErrorCode.NotFound} 404`,
      not_pending: 'not_pending',
      recipient_not_service: `${ReferralErrorCode.BadRecipient} 400`,
      sender_not_owner: `${ReferralErrorCode.NotPending} 409`,
      case_closed: `${ReferralErrorCode.CaseClosed} 409`,
      consent_withdrawn: `${ReferralErrorCode.ConsentMissing} 422`,
      consent_missing: `${ReferralErrorCode.ConsentMissing} 422`,
    });
  });

  it('treats an answer it does not know as an internal error, not as a missing referral', () => {
    for (const answer of ['granted', '', 'constructor', '__proto__', null, undefined, 42]) {
      expect(() => acceptanceOutcome(answer)).toThrow(UnknownAcceptanceAnswer);
    }
  });

  it('says nothing of the referral or the case when it does not know an answer', () => {
    const error = new UnknownAcceptanceAnswer();
    expect(error).not.toBeInstanceOf(ReferralException);
    expect(error.name).toBe('UnknownAcceptanceAnswer');
    expect(error.code).toBe('referral_acceptance_answer_unknown');
  });
});
