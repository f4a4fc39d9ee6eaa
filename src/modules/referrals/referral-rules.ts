import { OrganisationKind, oversightNamed } from '../organisations/organisation-kinds';
import type { Referral } from './referral.entity';
import { notPending, ReferralErrorCode, ReferralException, wrongSide } from './referrals.exception';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest a referral may wait for an answer. */
export const MAX_DUE_DAYS = 365;

export interface Recipient {
  id: string;
  type: string;
  kind: OrganisationKind;
}

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
