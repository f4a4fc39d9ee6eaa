import { CONSENT_COVERAGE, ConsentCoverage, requireCoveringConsent } from './consent-coverage';
import { ReferralErrorCode, ReferralException } from './referrals.exception';

/** The code and field of the refusal for an answer of panoh_consent_coverage, or 'allowed'. */
function refusal(coverage: ConsentCoverage | null): { code: string; field?: string } | 'allowed' {
  try {
    requireCoveringConsent(coverage && { coverage, purpose: 'referral', referralPurposes: ['shelter'] }, 'legal');
    return 'allowed';
  } catch (error) {
    if (!(error instanceof ReferralException)) throw error;
    return { code: error.code, field: error.field };
  }
}

// The rule itself is the database's (panoh_consent_coverage, test/e2e/consent-coverage.e2e-spec.ts);
// this is how its answers reach the caller.
describe("the words for the database's answer on a referral's consent", () => {
  const missing = { code: ReferralErrorCode.ConsentMissing, field: 'consentId' };

  it('lets a covered referral through', () => {
    expect(refusal('covered')).toBe('allowed');
  });

  it('names the consent when none is found or it does not cover the referral', () => {
    expect(refusal(null)).toEqual(missing);
    for (const answer of [
      'withdrawn',
      'other_case',
      'not_disclosure',
      'other_unit',
      'not_referral',
      'other_organisation',
      'purpose_not_listed',
    ] as const) {
      expect(refusal(answer)).toEqual(missing);
    }
  });

  it('names the recipient or the purpose when law enforcement is on the wrong side', () => {
    expect(refusal('recipient_not_law_enforcement')).toEqual({
      code: ReferralErrorCode.BadRecipient,
      field: 'toOrganisationId',
    });
    expect(refusal('recipient_law_enforcement')).toEqual({ code: ReferralErrorCode.BadRecipient, field: 'purpose' });
  });

  it('has words for every answer, and treats an answer it does not know as a fault, not a refusal', () => {
    for (const answer of CONSENT_COVERAGE) expect(refusal(answer)).not.toBeUndefined();
    expect(() => refusal('covered_twice' as ConsentCoverage)).toThrow(Error);
    expect(() => refusal('covered_twice' as ConsentCoverage)).not.toThrow(ReferralException);
  });
});
