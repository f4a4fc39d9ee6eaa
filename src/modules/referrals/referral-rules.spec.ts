import {
  isOverdue,
  MAX_DUE_DAYS,
  Recipient,
  requireDeadline,
  requirePending,
  requireServiceRecipient,
  requireSide,
  textsReadable,
} from './referral-rules';
import { ReferralErrorCode, ReferralException } from './referrals.exception';

const SENDER = 'a0000000-0000-4000-8000-000000000001';
const SHELTER: Recipient = { id: 'b0000000-0000-4000-8000-000000000002', type: 'Shelter', kind: 'service' };
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1);

/** The code and field of the refusal `act` throws, or 'allowed'. */
function refusal(act: () => void): { code: string; field?: string } | 'allowed' {
  try {
    act();
    return 'allowed';
  } catch (error) {
    if (!(error instanceof ReferralException)) throw error;
    return error.field === undefined ? { code: error.code } : { code: error.code, field: error.field };
  }
}

describe('who a referral may go to', () => {
  it('goes to a service organisation other than the sender', () => {
    expect(refusal(() => requireServiceRecipient(SHELTER, SENDER))).toBe('allowed');
  });

  it('never goes to an oversight body', () => {
    expect(refusal(() => requireServiceRecipient({ ...SHELTER, kind: 'oversight' }, SENDER))).toEqual({
      code: ReferralErrorCode.BadRecipient,
      field: 'toOrganisationId',
    });
  });

  it("never goes to the sender's own inbox", () => {
    expect(refusal(() => requireServiceRecipient(SHELTER, SHELTER.id))).toEqual({
      code: ReferralErrorCode.BadRecipient,
      field: 'toOrganisationId',
    });
  });
});

describe('the deadline of a referral', () => {
  it(`is in the future and at most ${MAX_DUE_DAYS} days away`, () => {
    expect(refusal(() => requireDeadline(new Date(NOW + DAY), NOW))).toBe('allowed');
    expect(refusal(() => requireDeadline(new Date(NOW + MAX_DUE_DAYS * DAY), NOW))).toBe('allowed');
  });

  it('refuses now, the past and beyond a year, naming dueAt', () => {
    for (const dueAt of [NOW, NOW - DAY, NOW + MAX_DUE_DAYS * DAY + 1]) {
      expect(refusal(() => requireDeadline(new Date(dueAt), NOW))).toEqual({
        code: ReferralErrorCode.BadDeadline,
        field: 'dueAt',
      });
    }
  });
});

describe('answering a referral', () => {
  const referral = { fromOrganisationId: SENDER, toOrganisationId: SHELTER.id };

  it('is for the receiving organisation; withdrawing is for the referring one', () => {
    expect(refusal(() => requireSide(referral, SHELTER.id, 'accepts'))).toBe('allowed');
    expect(refusal(() => requireSide(referral, SHELTER.id, 'declines'))).toBe('allowed');
    expect(refusal(() => requireSide(referral, SENDER, 'withdraws'))).toBe('allowed');
    expect(refusal(() => requireSide(referral, SENDER, 'accepts'))).toEqual({ code: ReferralErrorCode.WrongSide });
    expect(refusal(() => requireSide(referral, SHELTER.id, 'withdraws'))).toEqual({
      code: ReferralErrorCode.WrongSide,
    });
  });

  it('happens only while it is pending', () => {
    expect(refusal(() => requirePending({ status: 'pending' }))).toBe('allowed');
    for (const status of ['accepted', 'declined', 'withdrawn'] as const) {
      expect(refusal(() => requirePending({ status }))).toEqual({ code: ReferralErrorCode.NotPending });
    }
  });

  it('is overdue only while pending past its deadline', () => {
    expect(isOverdue({ status: 'pending', dueAt: new Date(NOW - 1) }, NOW)).toBe(true);
    expect(isOverdue({ status: 'pending', dueAt: new Date(NOW + 1) }, NOW)).toBe(false);
    expect(isOverdue({ status: 'declined', dueAt: new Date(NOW - 1) }, NOW)).toBe(false);
  });
});

describe("who reads a referral's texts", () => {
  it('shows them while pending, the reason to the referring organisation, and after acceptance while the consent stands', () => {
    const sides = { fromOrganisationId: SENDER };
    expect(textsReadable({ ...sides, status: 'pending' }, SHELTER.id)).toBe('yes');
    expect(textsReadable({ ...sides, status: 'declined' }, SENDER)).toBe('yes');
    expect(textsReadable({ ...sides, status: 'declined' }, SHELTER.id)).toBe('no');
    expect(textsReadable({ ...sides, status: 'accepted' }, SHELTER.id)).toBe('while_consent_stands');
    expect(textsReadable({ ...sides, status: 'withdrawn' }, SENDER)).toBe('no');
  });
});
