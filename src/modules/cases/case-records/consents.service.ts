import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CaseAccess } from '../../../core/access/case-access.service';
import { RequestContext } from '../../../core/database/request-context';
import { CaseRepository } from './case.repository';
import { ConsentView, toConsentView } from './case-views';
import { CaseErrorCode, CaseException } from './cases.exception';
import { GiveConsentDto } from './dto/consent.dto';
import { Consent } from './entities/consent.entity';

/**
 * The person's consents on a case, recorded by the owning organisation. Withdrawing one revokes at
 * once every share that relied on it, so the organisation it was shared with loses the case in the
 * same transaction.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly requestContext: RequestContext,
  ) {}

  async give(actor: AuthenticatedUser, caseId: string, dto: GiveConsentDto): Promise<ConsentView> {
    const owner = await this.requireOwner(actor, caseId);
    if ((dto.purpose === 'referral') !== (dto.recipientOrganisationId !== undefined)) {
      throw new CaseException(
        CaseErrorCode.ConsentRecipient,
        'A consent to referral names the receiving organisation, and only such a consent does',
        'recipientOrganisationId',
      );
    }
    if (dto.recipientOrganisationId && !(await this.cases.organisationExists(dto.recipientOrganisationId))) {
      throw new CaseException(CaseErrorCode.UnknownOrganisation, 'No such organisation', 'recipientOrganisationId');
    }
    const consent: Consent = {
      id: randomUUID(),
      caseId,
      ownerOrganisationId: owner,
      purpose: dto.purpose,
      recipientOrganisationId: dto.recipientOrganisationId ?? null,
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
    await this.requireOwner(actor, caseId);
    const consent = await this.cases.findConsent(caseId, consentId, { lock: true });
    if (!consent) throw new CaseException(CaseErrorCode.ConsentNotFound, 'No such consent on this case', 'consentId');
    if (consent.withdrawnAt) {
      throw new CaseException(CaseErrorCode.ConsentAlreadyWithdrawn, 'This consent was already withdrawn', 'consentId');
    }
    const at = new Date();
    const revokedShares = await this.cases.withdrawConsent(consentId, actor.userId, at);
    this.requestContext.recordAccess({ detail: { consentId, purpose: consent.purpose, revokedShares } });
    return toConsentView({ ...consent, withdrawnAt: at, withdrawnBy: actor.userId });
  }

  /** The case's organisation id, when it is the caller's; a shared view may not record on the case (403). */
  async requireOwner(actor: AuthenticatedUser, caseId: string): Promise<string> {
    const view = await this.access.requireView(actor, caseId);
    if (view !== 'full') {
      throw new CaseException(CaseErrorCode.ReadOnly, 'Only the organisation that owns this case records on it');
    }
    return actor.organisationId;
  }
}
