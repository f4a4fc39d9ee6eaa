import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../core/database/request-context';
import type { ReferralListQueryDto } from './dto/referral.dto';
import { Referral, REFERRAL_PURPOSES, ReferralPurpose } from './referral.entity';
import type { ConsentCoverage, ConsentCoverageAnswer } from './consent-coverage';
import type { Recipient } from './referral-rules';

/**
 * The referrals' SQL. Row-level security shows a referral only to the two organisations on its sides;
 * the database functions take the locks and make the share, because the receiver cannot see the case.
 */
@Injectable()
export class ReferralRepository {
  constructor(private readonly context: RequestContext) {}

  private get manager() {
    return this.context.manager;
  }

  /**
   * The consent a referral names, locked for the rest of the transaction (after the case, as every path
   * that locks both does), with what panoh_consent_coverage says of it; null when this case has no
   * consent with this id the caller may see.
   */
  async lockConsentCoverage(
    referral: { caseId: string; consentId: string; purpose: ReferralPurpose },
    recipient: Pick<Recipient, 'id' | 'type'>,
  ): Promise<ConsentCoverageAnswer | null> {
    const [row]: Array<{ coverage: ConsentCoverage; purpose: string; referral_purposes: string[] }> =
      await this.manager.query(
        `SELECT panoh_consent_coverage(k, $2, $3, $4, $5) AS coverage, k.purpose, k.referral_purposes
         FROM consent k WHERE k.id = $1 AND k.case_id = $2 FOR UPDATE`,
        [referral.consentId, referral.caseId, referral.purpose, recipient.id, recipient.type],
      );
    return row ? { coverage: row.coverage, purpose: row.purpose, referralPurposes: row.referral_purposes } : null;
  }

  /** The referral, when the caller's organisation sent or received it; null otherwise. */
  find(id: string): Promise<Referral | null> {
    return this.manager.getRepository(Referral).findOneBy({ id });
  }

  /**
   * Locks the referral's case, its consent and its row for the rest of the transaction, in that order:
   * the order of acceptance (panoh_accept_referral), of sending and of a consent's withdrawal, so that
   * no two of them wait on each other. False when the caller may not see the referral.
   */
  async lock(id: string): Promise<boolean> {
    const [{ status }]: Array<{ status: string | null }> = await this.manager.query(
      `SELECT panoh_lock_referral($1) AS status`,
      [id],
    );
    return status !== null;
  }

  /** Accepts in the database (the share, or the transfer); the answer says what happened. */
  async accept(id: string): Promise<unknown> {
    const [{ answer }]: Array<{ answer: unknown }> = await this.manager.query(
      `SELECT panoh_accept_referral($1, $2, $3) AS answer`,
      [id, randomUUID(), randomUUID()],
    );
    return answer;
  }

  async pendingTo(caseId: string, organisationId: string, purpose: ReferralPurpose): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM referral WHERE case_id = $1 AND to_organisation_id = $2 AND purpose = $3 AND status = 'pending'`,
      [caseId, organisationId, purpose],
    );
    return rows.length > 0;
  }

  async pendingTransfer(caseId: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM referral WHERE case_id = $1 AND purpose = 'transfer' AND status = 'pending'`,
      [caseId],
    );
    return rows.length > 0;
  }

  async insert(referral: Referral): Promise<void> {
    await this.manager.getRepository(Referral).insert(referral);
  }

  async update(id: string, changes: Partial<Referral>): Promise<void> {
    await this.manager.getRepository(Referral).update({ id }, changes);
  }

  /** A page of the organisation's inbox or outbox, newest first, and how many there are in all. */
  page(
    organisationId: string,
    query: Required<Pick<ReferralListQueryDto, 'box' | 'limit' | 'offset'>> & {
      status?: ReferralListQueryDto['status'];
    },
  ): Promise<[Referral[], number]> {
    const builder = this.manager
      .getRepository(Referral)
      .createQueryBuilder('r')
      .where(query.box === 'inbox' ? 'r.toOrganisationId = :org' : 'r.fromOrganisationId = :org', {
        org: organisationId,
      });
    if (query.status === 'overdue') builder.andWhere(`r.status = 'pending' AND r.dueAt < now()`);
    else if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    return builder
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
  }

  /** The referrals of case `caseId` the caller's organisation sent or received, newest first. */
  ofCase(caseId: string, limit: number): Promise<Referral[]> {
    return this.manager
      .getRepository(Referral)
      .find({ where: { caseId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /**
   * Every (consent, purpose, organisation) of case `caseId` that panoh_consent_coverage answers
   * `covered` for: each consent of the case the caller may see, each referral purpose, each service
   * organisation but the sender. The function decides; this only asks it about every combination.
   */
  async covered(
    caseId: string,
    senderOrganisationId: string,
  ): Promise<Array<{ consentId: string; givenAt: Date; purpose: ReferralPurpose; organisationId: string }>> {
    const rows: Array<{ consent_id: string; given_at: Date; purpose: ReferralPurpose; organisation_id: string }> =
      await this.manager.query(
        `SELECT k.id AS consent_id, k.given_at, p.purpose, o.id AS organisation_id
         FROM consent k
         CROSS JOIN unnest($2::text[]) AS p(purpose)
         JOIN organisation o ON o.kind = 'service' AND o.id <> $3
         WHERE k.case_id = $1 AND panoh_consent_coverage(k, $1, p.purpose, o.id, o.type) = 'covered'
         ORDER BY k.given_at, k.id, p.purpose, o.name`,
        [caseId, [...REFERRAL_PURPOSES], senderOrganisationId],
      );
    return rows.map((r) => ({
      consentId: r.consent_id,
      givenAt: r.given_at,
      purpose: r.purpose,
      organisationId: r.organisation_id,
    }));
  }

  /** Which of `caseIds` have a referral from or to `organisationId` pending past its deadline. */
  async overdueAmong(organisationId: string, caseIds: string[]): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const rows: Array<{ case_id: string }> = await this.manager.query(
      `SELECT DISTINCT case_id FROM referral
       WHERE case_id = ANY($2::uuid[]) AND status = 'pending' AND due_at < now()
         AND (from_organisation_id = $1 OR to_organisation_id = $1)`,
      [organisationId, caseIds],
    );
    return rows.map((r) => r.case_id);
  }

  /** Whether the consent exists and was not withdrawn. */
  async consentStands(consentId: string): Promise<boolean> {
    const [consent]: Array<{ withdrawn_at: Date | null }> = await this.manager.query(
      `SELECT withdrawn_at FROM consent WHERE id = $1`,
      [consentId],
    );
    return consent !== undefined && consent.withdrawn_at === null;
  }
}
