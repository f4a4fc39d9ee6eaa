import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { ReferralRepository } from './referral.repository';

/**
 * The referral deadlines behind a list of cases: which of them wait on an answer past its deadline
 * (pending past `dueAt`, the very rule of `overdue` in GET /referrals), sent by or to the caller's
 * organisation. It answers only about case ids the caller was already given, so it reads nothing of
 * anyone the caller's request has not already recorded.
 */
@Injectable()
export class ReferralDeadlines {
  constructor(private readonly referrals: ReferralRepository) {}

  async overdueAmong(actor: AuthenticatedUser, caseIds: string[]): Promise<Set<string>> {
    return new Set(await this.referrals.overdueAmong(actor.organisationId, caseIds));
  }
}
