import type { Consent } from '../cases/case-records/entities/consent.entity';
import { OrganisationKind, oversightNamed } from '../organisations/organisation-kinds';
import type { Referral, ReferralPurpose } from './referral.entity';
import { notPending, ReferralErrorCode, ReferralException, wrongSide } from './referrals.exception';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest a referral may wait for an answer. */
export const MAX_DUE_DAYS = 365;

export interface Recipient {
  id: string;
  type: string;
  kind: OrganisationKind;
}

/** The consent fields the rules read. */
export type ConsentTerms = Pick<Consent, 'withdrawnAt' | 'purpose' | 'recipientOrganisationId' | 'referralPurposes'>;

/** A referral goes to a service organisation's inbox, and never to the sender's own. */
export function requireServiceRecipient(recipient: Recipient, senderOrganisationId: string): void {
  if (recipient.kind !== 'service') {
    throw new ReferralException(ReferralErrorCode.BadRecipient, oversightNamed('toOrganisationId'), 'toOrganisationId');
  }
  if (recipient.id === senderOrganisationId) {
    throw new ReferralException(
      ReferralErrorCode.BadRecipient,
      "A referral goes to another organisation's inbox",
      'toOrganisationId',
    );
  }
}

/** The answer is wanted in the future, and within MAX_DUE_DAYS. */
export function requireDeadline(dueAt: Date, now: number): void {
  if (!(dueAt.getTime() > now && dueAt.getTime() <= now + MAX_DUE_DAYS * DAY_MS)) {
    throw new ReferralException(
      ReferralErrorCode.BadDeadline,
      `dueAt must be in the future and within ${MAX_DUE_DAYS} days`,
      'dueAt',
    );
  }
}

/**
 * The consent a referral needs: live, on this case, and covering it — for law enforcement a consent
 * to disclosure (naming no unit, or this one) and a law-enforcement recipient; otherwise a consent to
 * referral to this organisation that lists this purpose. 422 naming what is missing.
 */
export function requireCoveringConsent(
  consent: ConsentTerms | null,
  purpose: ReferralPurpose,
  recipient: Pick<Recipient, 'id' | 'type'>,
): void {
  const missing = (problem: string) =>
    new ReferralException(ReferralErrorCode.ConsentMissing, `Missing consent: ${problem}`, 'consentId');
  if (!consent) throw missing('there is no consent with this id on this case');
  if (consent.withdrawnAt) throw missing('the consent was withdrawn');
  if (purpose === 'law_enforcement') {
    if (recipient.type !== 'LawEnforcement') {
      throw new ReferralException(
        ReferralErrorCode.BadRecipient,
        'A law_enforcement referral goes to a law-enforcement organisation',
        'toOrganisationId',
      );
    }
    if (consent.purpose !== 'law_enforcement_disclosure') {
      throw missing('a law_enforcement referral needs the consent to disclosure to law enforcement');
    }
    if (consent.recipientOrganisationId && consent.recipientOrganisationId !== recipient.id) {
      throw missing('the consent to disclosure names another law-enforcement unit');
    }
    return;
  }
  if (recipient.type === 'LawEnforcement') {
    throw new ReferralException(
      ReferralErrorCode.BadRecipient,
      'A law-enforcement organisation receives only law_enforcement referrals, which need the consent to disclosure',
      'purpose',
    );
  }
  if (consent.purpose !== 'referral') {
    throw missing(`a ${purpose} referral needs a consent to referral, not to ${consent.purpose}`);
  }
  if (consent.recipientOrganisationId !== recipient.id) {
    throw missing('the consent to referral names another organisation');
  }
  if (!consent.referralPurposes.includes(purpose)) {
    throw missing(
      `the consent to referral covers ${consent.referralPurposes.join(', ') || 'no purpose'}, not ${purpose}`,
    );
  }
}

/** The receiving organisation accepts and declines; the referring one withdraws. */
export function requireSide(
  referral: Pick<Referral, 'fromOrganisationId' | 'toOrganisationId'>,
  organisationId: string,
  does: 'accepts' | 'declines' | 'withdraws',
): void {
  const side = does === 'withdraws' ? referral.fromOrganisationId : referral.toOrganisationId;
  if (side !== organisationId) throw wrongSide(does);
}

export function requirePending(referral: Pick<Referral, 'status'>): void {
  if (referral.status !== 'pending') throw notPending(referral.status);
}

/** Pending past its deadline. */
export function isOverdue(referral: Pick<Referral, 'status' | 'dueAt'>, now: number): boolean {
  return referral.status === 'pending' && referral.dueAt.getTime() < now;
}

/**
 * Whether the caller may read the referral's message and decline reason: while it is pending; once
 * declined, the referring organisation (which needs the reason); once accepted, while the consent it
 * relied on stands (the receiver reads that consent through its share). Once withdrawn, never.
 */
export function textsReadable(
  referral: Pick<Referral, 'status' | 'fromOrganisationId'>,
  organisationId: string,
): 'yes' | 'no' | 'while_consent_stands' {
  switch (referral.status) {
    case 'pending':
      return 'yes';
    case 'declined':
      return referral.fromOrganisationId === organisationId ? 'yes' : 'no';
    case 'accepted':
      return 'while_consent_stands';
    case 'withdrawn':
      return 'no';
  }
}
