import type { ReferralViewDto } from './dto/referral-view.dto';
import type { Referral } from './referral.entity';
import { isOverdue } from './referral-rules';

/** A referral's metadata, as both its organisations see it in a list: no texts. */
export function toReferralView(r: Referral, names: ReadonlyMap<string, string>, now: number): ReferralViewDto {
  return {
    id: r.id,
    caseId: r.caseId,
    from: { id: r.fromOrganisationId, name: names.get(r.fromOrganisationId) ?? '' },
    to: { id: r.toOrganisationId, name: names.get(r.toOrganisationId) ?? '' },
    purpose: r.purpose,
    consentId: r.consentId,
    status: r.status,
    overdue: isOverdue(r, now),
    dueAt: r.dueAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  };
}

/** One referral with its texts in clear. */
export function toReferralWithTexts(
  r: Referral,
  names: ReadonlyMap<string, string>,
  now: number,
  texts: { message: string | null; declineReason: string | null },
): ReferralViewDto {
  return { ...toReferralView(r, names, now), message: texts.message, declineReason: texts.declineReason };
}

/** One referral whose texts exist but may no longer be read. */
export function toReferralTextsWithheld(r: Referral, names: ReadonlyMap<string, string>, now: number): ReferralViewDto {
  return { ...toReferralView(r, names, now), message: null, declineReason: null, textsWithheld: true };
}
