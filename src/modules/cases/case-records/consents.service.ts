import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CaseAccess } from '../../../core/access/case-access.service';
import { RequestContext } from '../../../core/database/request-context';
import { NotificationsService } from '../../notifications/notifications.service';
import { oversightNamed } from '../../organisations/organisation-kinds';
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
  ) {}

  async give(actor: AuthenticatedUser, caseId: string, dto: GiveConsentDto): Promise<ConsentView> {
    const owner = await this.requireOwner(actor, caseId);
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
      const kind = await this.cases.organisationKind(dto.recipientOrganisationId);
      if (!kind)
        throw new CaseException(CaseErrorCode.UnknownOrganisation, 'No such organisation', 'recipientOrganisationId');
      if (kind !== 'service') {
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
      ownerOrganisationId: owner,
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
    await this.requireOwner(actor, caseId, 'update');
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

  /**
   * The case's organisation id, when it is the caller's (a shared view may not record on the case:
   * 403), with the case row-locked as `lock` says.
   */
  async requireOwner(actor: AuthenticatedUser, caseId: string, lock: 'share' | 'update' = 'share'): Promise<string> {
    await this.access.requireOwner(actor, caseId);
    await this.cases.lock(caseId, lock);
    return actor.organisationId;
  }
}
