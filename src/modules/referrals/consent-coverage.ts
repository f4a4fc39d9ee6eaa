import type { ReferralPurpose } from './referral.entity';
import { ReferralErrorCode, ReferralException } from './referrals.exception';

/**
 * Whether a consent covers a referral is decided in one place, the database function
 * panoh_consent_coverage (migration 1795835410000-ConsentCoverage), which panoh_accept_referral asks
 * too. These are its answers; this file only puts them into words (the repository asks the function: ReferralRepository.lockConsentCoverage).
 */
export const CONSENT_COVERAGE = [
  'covered',
  'withdrawn',
  'other_case',
  'recipient_not_law_enforcement',
  'not_disclosure',
  'other_unit',
  'recipient_law_enforcement',
  'not_referral',
  'other_organisation',
  'purpose_not_listed',
] as const;
export type ConsentCoverage = (typeof CONSENT_COVERAGE)[number];

export interface ConsentCoverageAnswer {
  coverage: ConsentCoverage;
  /** The consent's purpose and referral purposes, for the message. */
  purpose: string;
  referralPurposes: string[];
}

/** 422 naming what is missing (or the recipient that cannot receive this purpose), unless covered. */
export function requireCoveringConsent(answer: ConsentCoverageAnswer | null, purpose: ReferralPurpose): void {
  const missing = (problem: string) =>
    new ReferralException(ReferralErrorCode.ConsentMissing, `Missing consent: ${problem}`, 'consentId');
  if (!answer) throw missing('there is no consent with this id on this case');
  const refusals: Record<Exclude<ConsentCoverage, 'covered'>, () => ReferralException> = {
    withdrawn: () => missing('the consent was withdrawn'),
    other_case: () => missing('there is no consent with this id on this case'),
    recipient_not_law_enforcement: () =>
      new ReferralException(
        ReferralErrorCode.BadRecipient,
        'A law_enforcement referral goes to a law-enforcement organisation',
        'toOrganisationId',
      ),
    not_disclosure: () => missing('a law_enforcement referral needs the consent to disclosure to law enforcement'),
    other_unit: () => missing('the consent to disclosure names another law-enforcement unit'),
    recipient_law_enforcement: () =>
      new ReferralException(
        ReferralErrorCode.BadRecipient,
        'A law-enforcement organisation receives only law_enforcement referrals, which need the consent to disclosure',
        'purpose',
      ),
    not_referral: () => missing(`a ${purpose} referral needs a consent to referral, not to ${answer.purpose}`),
    other_organisation: () => missing('the consent to referral names another organisation'),
    purpose_not_listed: () =>
      missing(`the consent to referral covers ${answer.referralPurposes.join(', ') || 'no purpose'}, not ${purpose}`),
  };
  if (answer.coverage === 'covered') return;
  const refusal = refusals[answer.coverage];
  // An answer this file does not know means the function and the service disagree: a fault, not a 4xx.
  if (!refusal) throw new Error(`panoh_consent_coverage answered ${JSON.stringify(answer.coverage)}`);
  throw refusal();
}
