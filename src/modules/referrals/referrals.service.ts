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
import { OrganisationKind, oversightNamed } from '../organisations/organisation-kinds';
import { lockConsentCoverage, requireCoveringConsent } from './consent-coverage';
import { DeclineReferralDto, ReferralListQueryDto, SendReferralDto } from './dto/referral.dto';
import { Referral, ReferralPurpose, ReferralStatus } from './referral.entity';
import { ReferralErrorCode, ReferralException } from './referrals.exception';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Texts are sealed bound to `referral|message|id` and `referral|decline_reason|id`. */
const TABLE = 'referral';
/** The longest a referral may wait for an answer. */
const MAX_DUE_DAYS = 365;

interface OrganisationRef {
  id: string;
  name: string;
}

/** A referral as its two organisations see it; texts only in the single-referral answer. */
export interface ReferralView {
  id: string;
  caseId: string;
  from: OrganisationRef;
  to: OrganisationRef;
  purpose: ReferralPurpose;
  consentId: string;
  status: ReferralStatus;
  /** Pending past its deadline. */
  overdue: boolean;
  dueAt: string;
  createdAt: string;
  createdBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  withdrawnAt: string | null;
  message?: string | null;
  declineReason?: string | null;
  /** The texts exist but may no longer be read (declined, withdrawn, or the consent withdrawn). */
  textsWithheld?: boolean;
}

export interface ReferralPage {
  items: ReferralView[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Referrals between organisations' inboxes. Sending needs a live consent that covers the purpose and
 * the receiving organisation; accepting (the receiving organisation's manager) creates the share the
 * purpose allows, or for a transfer moves the case, in the database function panoh_accept_referral.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly stages: StagesService,
    private readonly keys: CaseKeys,
    private readonly notifications: NotificationsService,
    private readonly requestContext: RequestContext,
  ) {}

  private get manager() {
    return this.requestContext.manager;
  }

  async send(actor: AuthenticatedUser, caseId: string, dto: SendReferralDto): Promise<ReferralView> {
    await this.access.requireOwner(actor, caseId);
    const record = await this.stages.locked(caseId);
    if (record.stage === 'closed') {
      throw new ReferralException(ReferralErrorCode.CaseClosed, 'This case is closed; it cannot be referred');
    }
    const recipient = await this.organisation(dto.toOrganisationId);
    if (!recipient)
      throw new CaseException(CaseErrorCode.UnknownOrganisation, 'No such organisation', 'toOrganisationId');
    if (recipient.kind !== 'service') {
      throw new ReferralException(
        ReferralErrorCode.BadRecipient,
        oversightNamed('toOrganisationId'),
        'toOrganisationId',
      );
    }
    if (recipient.id === actor.organisationId) {
      throw new ReferralException(
        ReferralErrorCode.BadRecipient,
        "A referral goes to another organisation's inbox",
        'toOrganisationId',
      );
    }
    const dueAt = new Date(dto.dueAt);
    if (!(dueAt.getTime() > Date.now() && dueAt.getTime() <= Date.now() + MAX_DUE_DAYS * DAY_MS)) {
      throw new ReferralException(
        ReferralErrorCode.BadDeadline,
        `dueAt must be in the future and within ${MAX_DUE_DAYS} days`,
        'dueAt',
      );
    }
    const coverage = await lockConsentCoverage(
      this.manager,
      { caseId, consentId: dto.consentId, purpose: dto.purpose },
      recipient,
    );
    requireCoveringConsent(coverage, dto.purpose);
    if (dto.purpose === 'transfer') await this.requireNoPendingTransfer(caseId);
    const pending: unknown[] = await this.manager.query(
      `SELECT 1 FROM referral WHERE case_id = $1 AND to_organisation_id = $2 AND purpose = $3 AND status = 'pending'`,
      [caseId, recipient.id, dto.purpose],
    );
    if (pending.length > 0) {
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
    await this.manager.getRepository(Referral).insert(referral);
    await this.notifications.notify(recipient.id, 'referral_received', { referralId: id, caseId });
    if (record.stage === 'identified') {
      await this.stages.apply(actor, record, 'referred', { reasonCode: 'referral_sent' });
    }
    this.requestContext.recordAccess({
      caseIds: [caseId],
      detail: { referralId: id, purpose: dto.purpose, toOrganisationId: recipient.id },
    });
    return { ...(await this.view(referral)), message: dto.message ?? null, declineReason: null };
  }

  async list(actor: AuthenticatedUser, query: ReferralListQueryDto): Promise<ReferralPage> {
    const box = query.box ?? 'inbox';
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const builder = this.manager
      .getRepository(Referral)
      .createQueryBuilder('r')
      .where(box === 'inbox' ? 'r.toOrganisationId = :org' : 'r.fromOrganisationId = :org', {
        org: actor.organisationId,
      });
    if (query.status === 'overdue') builder.andWhere(`r.status = 'pending' AND r.dueAt < now()`);
    else if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    const [rows, total] = await builder
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    this.requestContext.recordAccess({
      caseIds: [...new Set(rows.map((r) => r.caseId))],
      detail: { box, status: query.status ?? null },
    });
    const names = await this.organisationNames(rows.flatMap((r) => [r.fromOrganisationId, r.toOrganisationId]));
    return { items: rows.map((r) => toView(r, names)), total, limit, offset };
  }

  /** One referral of the caller's organisation (sent or received), with its texts. */
  async get(actor: AuthenticatedUser, id: string): Promise<ReferralView> {
    this.requestContext.recordAccess({ detail: { referralId: id } });
    const referral = await this.find(id);
    this.requestContext.recordAccess({ caseIds: [referral.caseId] });
    return this.withTexts(actor, referral);
  }

  async accept(actor: AuthenticatedUser, id: string): Promise<ReferralView> {
    this.requestContext.recordAccess({ detail: { referralId: id } });
    const before = await this.find(id);
    this.requestContext.recordAccess({ caseIds: [before.caseId], detail: { referralId: id, purpose: before.purpose } });
    if (before.toOrganisationId !== actor.organisationId) throw wrongSide('accepts');
    const [{ answer }]: Array<{ answer: string }> = await this.manager.query(
      `SELECT panoh_accept_referral($1, $2, $3) AS answer`,
      [id, randomUUID(), randomUUID()],
    );
    switch (answer) {
      case 'accepted':
        break;
      case 'not_pending':
        // The function waited for the referral's lock: its state now is what the caller must hear.
        throw notPending((await this.find(id)).status);
      case 'consent_withdrawn':
        throw new ReferralException(
          ReferralErrorCode.ConsentMissing,
          'The consent this referral relied on was withdrawn; it can no longer be accepted',
          'consentId',
        );
      case 'consent_missing':
        throw new ReferralException(
          ReferralErrorCode.ConsentMissing,
          'The consent this referral names does not cover it; it cannot be accepted',
          'consentId',
        );
      case 'sender_not_owner':
        throw new ReferralException(
          ReferralErrorCode.NotPending,
          'The referring organisation no longer holds this case; the referral cannot be accepted',
        );
      case 'recipient_not_service':
        throw new ReferralException(
          ReferralErrorCode.BadRecipient,
          'The receiving organisation is an oversight body, which never holds a case; the referral cannot be accepted',
        );
      case 'case_closed':
        throw new ReferralException(
          ReferralErrorCode.CaseClosed,
          'The case was closed; the referral cannot be accepted',
        );
      default:
        throw referralNotFound();
    }
    await this.notifications.notify(before.fromOrganisationId, 'referral_accepted', {
      referralId: id,
      caseId: before.caseId,
    });
    return this.withTexts(actor, await this.find(id));
  }

  async decline(actor: AuthenticatedUser, id: string, dto: DeclineReferralDto): Promise<ReferralView> {
    this.requestContext.recordAccess({ detail: { referralId: id } });
    const referral = await this.locked(id);
    this.requestContext.recordAccess({ caseIds: [referral.caseId], detail: { referralId: id } });
    if (referral.toOrganisationId !== actor.organisationId) throw wrongSide('declines');
    if (referral.status !== 'pending') throw notPending(referral.status);
    const key = await this.textKey(referral);
    const at = new Date();
    const changes: Partial<Referral> = {
      status: 'declined',
      decidedBy: actor.userId,
      decidedAt: at,
      declineReason: this.keys.use(referral.caseId, key, TABLE, (sealer) =>
        sealer.seal('decline_reason', id, dto.reason),
      ),
      version: referral.version + 1,
    };
    await this.manager.getRepository(Referral).update({ id }, changes);
    await this.notifications.notify(referral.fromOrganisationId, 'referral_declined', {
      referralId: id,
      caseId: referral.caseId,
    });
    return this.withTexts(actor, { ...referral, ...changes });
  }

  async withdraw(actor: AuthenticatedUser, id: string): Promise<ReferralView> {
    this.requestContext.recordAccess({ detail: { referralId: id } });
    const referral = await this.locked(id);
    this.requestContext.recordAccess({ caseIds: [referral.caseId], detail: { referralId: id } });
    if (referral.fromOrganisationId !== actor.organisationId) throw wrongSide('withdraws');
    if (referral.status !== 'pending') throw notPending(referral.status);
    const changes: Partial<Referral> = {
      status: 'withdrawn',
      withdrawnBy: actor.userId,
      withdrawnAt: new Date(),
      version: referral.version + 1,
    };
    await this.manager.getRepository(Referral).update({ id }, changes);
    await this.notifications.notify(referral.toOrganisationId, 'referral_withdrawn', {
      referralId: id,
      caseId: referral.caseId,
    });
    return this.withTexts(actor, { ...referral, ...changes });
  }

  private async requireNoPendingTransfer(caseId: string): Promise<void> {
    const pending: unknown[] = await this.manager.query(
      `SELECT 1 FROM referral WHERE case_id = $1 AND purpose = 'transfer' AND status = 'pending'`,
      [caseId],
    );
    if (pending.length > 0) {
      throw new ReferralException(
        ReferralErrorCode.Duplicate,
        'A transfer of this case is already pending; withdraw it before proposing another',
        'purpose',
      );
    }
  }

  /** The referral, when the caller's organisation sent or received it (row-level security); 404 otherwise. */
  private async find(id: string): Promise<Referral> {
    const referral = await this.manager.getRepository(Referral).findOneBy({ id });
    if (!referral) throw referralNotFound();
    return referral;
  }

  /**
   * The referral, read after its case, its consent and its row were locked for the rest of the
   * transaction, in that order: the order of acceptance (panoh_accept_referral), of sending and of a
   * consent's withdrawal, so that no two of them wait on each other. A database function takes the
   * locks because the receiving organisation cannot see the case it locks.
   */
  private async locked(id: string): Promise<Referral> {
    const [{ status }]: Array<{ status: string | null }> = await this.manager.query(
      `SELECT panoh_lock_referral($1) AS status`,
      [id],
    );
    if (status === null) throw referralNotFound();
    return this.find(id);
  }

  /**
   * The referral with its message and decline reason, while they may still be read: the referral is
   * pending, or accepted on a consent that stands (the receiver reads that consent through its share), or
   * declined and the caller is the referring organisation (which needs the reason). Once withdrawn, or
   * its consent withdrawn, or the caller no longer holds the case, only the metadata is shown.
   */
  private async withTexts(actor: AuthenticatedUser, referral: Referral): Promise<ReferralView> {
    if (!(await this.textsReadable(actor, referral))) {
      return { ...(await this.view(referral)), message: null, declineReason: null, textsWithheld: true };
    }
    const [message, declineReason] =
      referral.message || referral.declineReason
        ? this.keys.use(referral.caseId, await this.textKey(referral), TABLE, (sealer) => [
            sealer.open('message', referral.id, referral.message),
            sealer.open('decline_reason', referral.id, referral.declineReason),
          ])
        : [null, null];
    return { ...(await this.view(referral)), message, declineReason };
  }

  private async textsReadable(actor: AuthenticatedUser, referral: Referral): Promise<boolean> {
    if (referral.status === 'pending') return true;
    if (referral.status !== 'accepted' && referral.status !== 'declined') return false;
    if (referral.status === 'declined') return referral.fromOrganisationId === actor.organisationId;
    const [consent]: Array<{ withdrawn_at: Date | null }> = await this.manager.query(
      `SELECT withdrawn_at FROM consent WHERE id = $1`,
      [referral.consentId],
    );
    return consent !== undefined && consent.withdrawn_at === null;
  }

  /** The case's data key, under which the referral's texts are sealed; 410 once the case was erased. */
  private async textKey(referral: Referral) {
    const key = await this.keys.find(referral.dataKeyId);
    if (!key) throw new ReferralException(ReferralErrorCode.Erased, "This referral's case was erased");
    return key;
  }

  private async view(referral: Referral): Promise<ReferralView> {
    return toView(referral, await this.organisationNames([referral.fromOrganisationId, referral.toOrganisationId]));
  }

  private async organisation(id: string): Promise<{ id: string; type: string; kind: OrganisationKind } | undefined> {
    const [row]: Array<{ id: string; type: string; kind: OrganisationKind }> = await this.manager.query(
      `SELECT id, type, kind FROM organisation WHERE id = $1`,
      [id],
    );
    return row;
  }

  private async organisationNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.manager.query(
      `SELECT id, name FROM organisation WHERE id = ANY($1::uuid[])`,
      [unique],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function toView(r: Referral, names: Map<string, string>): ReferralView {
  return {
    id: r.id,
    caseId: r.caseId,
    from: { id: r.fromOrganisationId, name: names.get(r.fromOrganisationId) ?? '' },
    to: { id: r.toOrganisationId, name: names.get(r.toOrganisationId) ?? '' },
    purpose: r.purpose,
    consentId: r.consentId,
    status: r.status,
    overdue: r.status === 'pending' && r.dueAt.getTime() < Date.now(),
    dueAt: r.dueAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  };
}

function referralNotFound(): ReferralException {
  return new ReferralException(ReferralErrorCode.NotFound, 'No such referral', 'id');
}

function notPending(status: ReferralStatus): ReferralException {
  return new ReferralException(ReferralErrorCode.NotPending, `This referral is ${status}, not pending`);
}

function wrongSide(does: string): ReferralException {
  return new ReferralException(
    ReferralErrorCode.WrongSide,
    `Only the ${does === 'withdraws' ? 'referring' : 'receiving'} organisation ${does} a referral`,
  );
}
