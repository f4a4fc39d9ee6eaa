import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CaseAccess } from '../../core/access/case-access.service';
import { RequestContext } from '../../core/database/request-context';
import { CaseKeys } from '../cases/case-records/case-keys';
import { CaseRepository } from '../cases/case-records/case.repository';
import { CaseErrorCode, CaseException } from '../cases/case-records/cases.exception';
import { StagesService } from '../cases/stages/stages.service';
import { NotificationsService } from '../notifications/notifications.service';
import { DeclineReferralDto, ReferralListQueryDto, SendReferralDto } from './dto/referral.dto';
import type { ReferralPageDto, ReferralViewDto } from './dto/referral-view.dto';
import { acceptanceOutcome } from './referral-acceptance';
import { Referral } from './referral.entity';
import { ReferralRepository } from './referral.repository';
import { requireCoveringConsent } from './consent-coverage';
import { requireDeadline, requirePending, requireServiceRecipient, requireSide, textsReadable } from './referral-rules';
import { toReferralTextsWithheld, toReferralView, toReferralWithTexts } from './referral-views';
import { notPending, ReferralErrorCode, ReferralException, referralNotFound } from './referrals.exception';

/** Texts are sealed bound to `referral|message|id` and `referral|decline_reason|id`. */
const TABLE = 'referral';

/**
 * Referrals between organisations' inboxes. Sending needs a live consent that covers the purpose and
 * the receiving organisation; accepting (the receiving organisation's manager) creates the share the
 * purpose allows, or for a transfer moves the case, in the database function panoh_accept_referral.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly stages: StagesService,
    private readonly keys: CaseKeys,
    private readonly notifications: NotificationsService,
    private readonly requestContext: RequestContext,
  ) {}

  async send(actor: AuthenticatedUser, caseId: string, dto: SendReferralDto): Promise<ReferralViewDto> {
    await this.access.requireOwner(actor, caseId);
    const record = await this.stages.locked(caseId);
    if (record.stage === 'closed') {
      throw new ReferralException(ReferralErrorCode.CaseClosed, 'This case is closed; it cannot be referred');
    }
    const recipient = await this.referrals.organisation(dto.toOrganisationId);
    if (!recipient)
      throw new CaseException(CaseErrorCode.UnknownOrganisation, 'No such organisation', 'toOrganisationId');
    requireServiceRecipient(recipient, actor.organisationId);
    const dueAt = new Date(dto.dueAt);
    requireDeadline(dueAt, Date.now());
    const coverage = await this.referrals.lockConsentCoverage(
      { caseId, consentId: dto.consentId, purpose: dto.purpose },
      recipient,
    );
    requireCoveringConsent(coverage, dto.purpose);
    if (dto.purpose === 'transfer' && (await this.referrals.pendingTransfer(caseId))) {
      throw new ReferralException(
        ReferralErrorCode.Duplicate,
        'A transfer of this case is already pending; withdraw it before proposing another',
        'purpose',
      );
    }
    if (await this.referrals.pendingTo(caseId, recipient.id, dto.purpose)) {
      throw new ReferralException(
        ReferralErrorCode.Duplicate,
        'A referral for this purpose to this organisation is already pending',
        'purpose',
      );
    }
    const id = randomUUID();
    const referral: Referral = {
      id,
      caseId,
      fromOrganisationId: actor.organisationId,
      toOrganisationId: recipient.id,
      purpose: dto.purpose,
      consentId: dto.consentId,
      dataKeyId: record.dataKeyId,
      message: dto.message
        ? this.keys.use(caseId, record.dataKey, TABLE, (sealer) => sealer.seal('message', id, dto.message!))
        : null,
      status: 'pending',
      dueAt,
      createdBy: actor.userId,
      createdAt: new Date(),
      decidedBy: null,
      decidedAt: null,
      declineReason: null,
      withdrawnBy: null,
      withdrawnAt: null,
      shareId: null,
      version: 1,
    };
    await this.referrals.insert(referral);
    await this.notifications.notify(recipient.id, 'referral_received', { referralId: id, caseId });
    if (record.stage === 'identified') {
      await this.stages.apply(actor, record, 'referred', { reasonCode: 'referral_sent' });
    }
    this.requestContext.recordAccess({
      caseIds: [caseId],
      detail: { referralId: id, purpose: dto.purpose, toOrganisationId: recipient.id },
    });
    return toReferralWithTexts(referral, await this.namesOf(referral), Date.now(), {
      message: dto.message ?? null,
      declineReason: null,
    });
  }

  async list(actor: AuthenticatedUser, query: ReferralListQueryDto): Promise<ReferralPageDto> {
    const box = query.box ?? 'inbox';
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [rows, total] = await this.referrals.page(actor.organisationId, { box, status: query.status, limit, offset });
    this.requestContext.recordAccess({
      caseIds: [...new Set(rows.map((r) => r.caseId))],
      detail: { box, status: query.status ?? null },
    });
    const names = await this.referrals.organisationNames(
      rows.flatMap((r) => [r.fromOrganisationId, r.toOrganisationId]),
    );
    const now = Date.now();
    return { items: rows.map((r) => toReferralView(r, names, now)), total, limit, offset };
  }

  /** One referral of the caller's organisation (sent or received), with its texts. */
  async get(actor: AuthenticatedUser, id: string): Promise<ReferralViewDto> {
    this.requestContext.recordAccess({ detail: { referralId: id } });
    const referral = await this.find(id);
    this.requestContext.recordAccess({ caseIds: [referral.caseId] });
    return this.withTexts(actor, referral);
  }

  async accept(actor: AuthenticatedUser, id: string): Promise<ReferralViewDto> {
    this.requestContext.recordAccess({ detail: { referralId: id } });
    const before = await this.find(id);
    this.requestContext.recordAccess({ caseIds: [before.caseId], detail: { referralId: id, purpose: before.purpose } });
    requireSide(before, actor.organisationId, 'accepts');
    const outcome = acceptanceOutcome(await this.referrals.accept(id));
    if (outcome === 'not_pending') throw notPending((await this.find(id)).status);
    if (outcome !== 'accepted') throw outcome;
    await this.notifications.notify(before.fromOrganisationId, 'referral_accepted', {
      referralId: id,
      caseId: before.caseId,
    });
    return this.withTexts(actor, await this.find(id));
  }

  async decline(actor: AuthenticatedUser, id: string, dto: DeclineReferralDto): Promise<ReferralViewDto> {
    this.requestContext.recordAccess({ detail: { referralId: id } });
    const referral = await this.locked(id);
    this.requestContext.recordAccess({ caseIds: [referral.caseId], detail: { referralId: id } });
    requireSide(referral, actor.organisationId, 'declines');
    requirePending(referral);
    const key = await this.textKey(referral);
    const changes: Partial<Referral> = {
      status: 'declined',
      decidedBy: actor.userId,
      decidedAt: new Date(),
      declineReason: this.keys.use(referral.caseId, key, TABLE, (sealer) =>
        sealer.seal('decline_reason', id, dto.reason),
      ),
      version: referral.version + 1,
    };
    await this.referrals.update(id, changes);
    await this.notifications.notify(referral.fromOrganisationId, 'referral_declined', {
      referralId: id,
      caseId: referral.caseId,
    });
    return this.withTexts(actor, { ...referral, ...changes });
  }

  async withdraw(actor: AuthenticatedUser, id: string): Promise<ReferralViewDto> {
    this.requestContext.recordAccess({ detail: { referralId: id } });
    const referral = await this.locked(id);
    this.requestContext.recordAccess({ caseIds: [referral.caseId], detail: { referralId: id } });
    requireSide(referral, actor.organisationId, 'withdraws');
    requirePending(referral);
    const changes: Partial<Referral> = {
      status: 'withdrawn',
      withdrawnBy: actor.userId,
      withdrawnAt: new Date(),
      version: referral.version + 1,
    };
    await this.referrals.update(id, changes);
    await this.notifications.notify(referral.toOrganisationId, 'referral_withdrawn', {
      referralId: id,
      caseId: referral.caseId,
    });
    return this.withTexts(actor, { ...referral, ...changes });
  }

  /** The referral, when the caller's organisation sent or received it (row-level security); 404 otherwise. */
  private async find(id: string): Promise<Referral> {
    const referral = await this.referrals.find(id);
    if (!referral) throw referralNotFound();
    return referral;
  }

  /**
   * The referral, read after its case, its consent and its row were locked for the rest of the
   * transaction (ReferralRepository.lock says why in that order); 404 when the caller may not see it.
   */
  private async locked(id: string): Promise<Referral> {
    if (!(await this.referrals.lock(id))) throw referralNotFound();
    return this.find(id);
  }

  /** The referral with its message and decline reason while they may still be read (textsReadable). */
  private async withTexts(actor: AuthenticatedUser, referral: Referral): Promise<ReferralViewDto> {
    const readable = textsReadable(referral, actor.organisationId);
    if (
      readable === 'no' ||
      (readable === 'while_consent_stands' && !(await this.referrals.consentStands(referral.consentId)))
    ) {
      return toReferralTextsWithheld(referral, await this.namesOf(referral), Date.now());
    }
    const [message, declineReason] =
      referral.message || referral.declineReason
        ? this.keys.use(referral.caseId, await this.textKey(referral), TABLE, (sealer) => [
            sealer.open('message', referral.id, referral.message),
            sealer.open('decline_reason', referral.id, referral.declineReason),
          ])
        : [null, null];
    return toReferralWithTexts(referral, await this.namesOf(referral), Date.now(), { message, declineReason });
  }

  /** The case's data key, under which the referral's texts are sealed; 410 once the case was erased. */
  private async textKey(referral: Referral) {
    const key = await this.keys.find(referral.dataKeyId);
    if (!key) throw new ReferralException(ReferralErrorCode.Erased, "This referral's case was erased");
    return key;
  }

  private namesOf(referral: Referral): Promise<Map<string, string>> {
    return this.referrals.organisationNames([referral.fromOrganisationId, referral.toOrganisationId]);
  }
}
