import { referralNotFound, ReferralErrorCode, ReferralException } from './referrals.exception';

/** Every answer panoh_accept_referral gives (migration 1795835310000-OrganisationKinds). */
export const ACCEPTANCE_ANSWERS = [
  'accepted',
  'not_found',
  'not_pending',
  'recipient_not_service',
  'sender_not_owner',
  'case_closed',
  'consent_withdrawn',
  'consent_missing',
] as const;
export type AcceptanceAnswer = (typeof ACCEPTANCE_ANSWERS)[number];

/**
 * What the caller hears for each answer: `accepted`; `not_pending`, told with the referral's state now
 * (the function waited for its lock, so that state is what the caller must hear); or a refusal.
 * A Record over the answers, so that a new answer in the function fails the build until it is mapped.
 */
const MEANING: Readonly<Record<AcceptanceAnswer, 'accepted' | 'not_pending' | (() => ReferralException)>> = {
  accepted: 'accepted',
  not_found: referralNotFound,
  not_pending: 'not_pending',
  recipient_not_service: () =>
    new ReferralException(
      ReferralErrorCode.BadRecipient,
      'The receiving organisation is an oversight body, which never holds a case; the referral cannot be accepted',
    ),
  sender_not_owner: () =>
    new ReferralException(
      ReferralErrorCode.NotPending,
      'The referring organisation no longer holds this case; the referral cannot be accepted',
    ),
  case_closed: () =>
    new ReferralException(ReferralErrorCode.CaseClosed, 'The case was closed; the referral cannot be accepted'),
  consent_withdrawn: () =>
    new ReferralException(
      ReferralErrorCode.ConsentMissing,
      'The consent this referral relied on was withdrawn; it can no longer be accepted',
      'consentId',
    ),
  consent_missing: () =>
    new ReferralException(
      ReferralErrorCode.ConsentMissing,
      'The consent this referral names does not cover it; it cannot be accepted',
      'consentId',
    ),
};

/**
 * An answer the service does not know: the function and the service disagree, which is our fault, not
 * the caller's. Not a domain exception, so it is answered 500 and logged by name and code only.
 */
export class UnknownAcceptanceAnswer extends Error {
  readonly code = 'referral_acceptance_answer_unknown';

  constructor() {
    super('panoh_accept_referral gave an answer this service does not know');
    this.name = 'UnknownAcceptanceAnswer';
  }
}

/** The meaning of the acceptance function's answer; throws UnknownAcceptanceAnswer for any other. */
export function acceptanceOutcome(answer: unknown): 'accepted' | 'not_pending' | ReferralException {
  if (typeof answer !== 'string' || !Object.hasOwn(MEANING, answer)) throw new UnknownAcceptanceAnswer();
  const meaning = MEANING[answer as AcceptanceAnswer];
  return typeof meaning === 'function' ? meaning() : meaning;
}
