import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { RequestContext } from '../../../core/database/request-context';
import { NotificationsService } from '../../notifications';
import { OrganisationsService, oversightNamed } from '../../organisations';
import { CaseAccess, OWNER_ONLY } from './case-access.service';
import { CaseRepository } from './case.repository';
import { ConsentView, toConsentView } from './case-views';
import { CaseErrorCode, CaseException } from './cases.exception';
import { GiveConsentDto } from './dto/consent.dto';
import { Consent } from './entities/consent.entity';

/**
 * The person's consents on a case, recorded by the owning organisation. Withdrawing one revokes at
 * once every share that relied on it, so the organisation it was shared with loses the case in the
 * same transaction, and withdraws the pending referrals that relied on it; both sides are notified.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly requestContext: RequestContext,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async give(actor: AuthenticatedUser, caseId: string, dto: GiveConsentDto): Promise<ConsentView> {
    await this.access.require(actor, caseId, { ...OWNER_ONLY, lock: 'share' });
    const named = dto.recipientOrganisationId !== undefined;
    if (dto.purpose === 'referral' ? !named : named && dto.purpose !== 'law_enforcement_disclosure') {
      throw new CaseException(
        CaseErrorCode.ConsentRecipient,
        'A consent to referral names the receiving organisation; only it and a disclosure to law enforcement may',
        'recipientOrganisationId',
      );
    }
    if ((dto.purpose === 'referral') !== (dto.referralPurposes !== undefined)) {
      throw new CaseException(
        CaseErrorCode.ConsentRecipient,
        'A consent to referral lists the referral purposes it covers, and only such a consent does',
        'referralPurposes',
      );
    }
    if (dto.recipientOrganisationId) {
      const recipient = await this.organisations.requireNamed(dto.recipientOrganisationId, 'recipientOrganisationId');
      if (recipient.kind !== 'service') {
        throw new CaseException(
          CaseErrorCode.ConsentRecipient,
          oversightNamed('recipientOrganisationId'),
          'recipientOrganisationId',
        );
      }
    }
    const consent: Consent = {
      id: randomUUID(),
      caseId,
      // Only the owner gets this far: the case's organisation is the caller's.
      ownerOrganisationId: actor.organisationId,
      purpose: dto.purpose,
      recipientOrganisationId: dto.recipientOrganisationId ?? null,
      referralPurposes: dto.referralPurposes ?? [],
      givenAt: new Date(),
      givenBy: actor.userId,
      withdrawnAt: null,
      withdrawnBy: null,
    };
    await this.cases.insertConsent(consent);
    this.requestContext.recordAccess({ detail: { consentId: consent.id, purpose: consent.purpose } });
    return toConsentView(consent);
  }

  async withdraw(actor: AuthenticatedUser, caseId: string, consentId: string): Promise<ConsentView> {
    await this.access.require(actor, caseId, { ...OWNER_ONLY, lock: 'update' });
    const consent = await this.cases.findConsent(caseId, consentId, { lock: true });
    if (!consent) throw new CaseException(CaseErrorCode.ConsentNotFound, 'No such consent on this case', 'consentId');
    if (consent.withdrawnAt) {
      throw new CaseException(CaseErrorCode.ConsentAlreadyWithdrawn, 'This consent was already withdrawn', 'consentId');
    }
    const at = new Date();
    const lost = await this.cases.withdrawConsent(consentId, actor.userId, at);
    for (const share of lost.revokedShares) {
      await this.notifications.notify(share.organisationId, 'consent_withdrawn', { caseId });
    }
    for (const referral of lost.withdrawnReferrals) {
      await this.notifications.notify(referral.toOrganisationId, 'referral_withdrawn', {
        referralId: referral.id,
        caseId,
      });
    }
    this.requestContext.recordAccess({
      detail: {
        consentId,
        purpose: consent.purpose,
        revokedShares: lost.revokedShares.length,
        withdrawnReferrals: lost.withdrawnReferrals.length,
      },
    });
    return toConsentView({ ...consent, withdrawnAt: at, withdrawnBy: actor.userId });
  }
}
