import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { RequestContext } from '../../core/database/request-context';
import { CaseAccess, OWNER_ONLY } from '../cases/case-records';
import { OrganisationsService } from '../organisations';
import type { ReferralViewDto } from './dto/referral-view.dto';
import type { ReferralPurpose } from './referral.entity';
import { ReferralRepository } from './referral.repository';
import { toReferralView } from './referral-views';

/** More referrals of one case than anyone sends; the page says when there are more. */
const CASE_REFERRALS = 100;

/** An organisation a referral may go to: a service organisation other than the sender. */
export interface ReferralRecipient {
  id: string;
  name: string;
  /** A police unit: the one kind of recipient of a law_enforcement referral, and of nothing else. */
  lawEnforcement: boolean;
}

/** A referral the person's consent allows: this consent covers this purpose to this organisation. */
export interface CoveredReferral {
  consentId: string;
  consentGivenAt: string;
  purpose: ReferralPurpose;
  toOrganisationId: string;
}

export interface SendingChoices {
  recipients: ReferralRecipient[];
  /** What panoh_consent_coverage answers `covered` for, over every live consent of the case. */
  covered: CoveredReferral[];
}

/**
 * What the owner of a case needs to refer it: the referrals it has sent, the organisations it may send
 * one to, and what the person's consents cover (asked of panoh_consent_coverage, never decided here).
 */
@Injectable()
export class CaseReferralsService {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly access: CaseAccess,
    private readonly organisations: OrganisationsService,
    private readonly requestContext: RequestContext,
  ) {}

  /** The referrals of a case the caller's organisation owns, newest first; 404 for a case it may not see. */
  async ofCase(actor: AuthenticatedUser, caseId: string): Promise<ReferralViewDto[]> {
    await this.access.require(actor, caseId, OWNER_ONLY);
    const rows = await this.referrals.ofCase(caseId, CASE_REFERRALS);
    this.requestContext.recordAccess({ caseIds: [caseId], detail: { returned: rows.length } });
    const names = await this.organisations.namesOf(rows.flatMap((r) => [r.fromOrganisationId, r.toOrganisationId]));
    const now = Date.now();
    return rows.map((r) => toReferralView(r, names, now));
  }

  /** Where the case may be referred, and for what, on the person's live consents. */
  async sendingChoices(actor: AuthenticatedUser, caseId: string): Promise<SendingChoices> {
    await this.access.require(actor, caseId, OWNER_ONLY);
    const recipients = (await this.organisations.list())
      .filter((o) => o.kind === 'service' && o.id !== actor.organisationId)
      .map((o) => ({ id: o.id, name: o.name, lawEnforcement: o.type === 'LawEnforcement' }));
    const covered = (await this.referrals.covered(caseId, actor.organisationId)).map((c) => ({
      consentId: c.consentId,
      consentGivenAt: c.givenAt.toISOString(),
      purpose: c.purpose,
      toOrganisationId: c.organisationId,
    }));
    return { recipients, covered };
  }
}
