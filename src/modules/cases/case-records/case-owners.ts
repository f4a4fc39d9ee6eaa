import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../../core/database/request-context';
import { CaseErrorCode, CaseException } from './cases.exception';

/** The roles that work cases, and so may own one. */
export const CASE_OWNER_ROLES = ['caseworker', 'org_manager'] as const;

/** A user who may own a case of an organisation: an id and a username, nothing of a victim. */
export interface EligibleOwner {
  id: string;
  username: string;
}

/**
 * Who may own a case inside its organisation (HTCDS cas_CaseOwner): an active caseworker or manager of
 * that organisation. The database holds the organisation part (a foreign key on the pair); the role
 * and the account's state are checked here, so that the refusal names the field.
 */
@Injectable()
export class CaseOwners {
  constructor(private readonly requestContext: RequestContext) {}

  /** Whether `userId` is an active caseworker or manager of `organisationId` (may own or work its cases). */
  async isEligible(organisationId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.requestContext.manager.query(
      `SELECT 1 FROM app_user
       WHERE id = $1 AND organisation_id = $2 AND role = ANY($3) AND disabled_at IS NULL`,
      [userId, organisationId, [...CASE_OWNER_ROLES]],
    );
    return rows.length > 0;
  }

  /** 422 naming `ownerUserId` unless `userId` may own a case of `organisationId`. */
  async requireEligible(organisationId: string, userId: string): Promise<void> {
    if (!(await this.isEligible(organisationId, userId))) {
      throw new CaseException(
        CaseErrorCode.OwnerNotEligible,
        "The owner must be an active caseworker or manager of the case's organisation",
        'ownerUserId',
      );
    }
  }

  /** The users who may own a case of `organisationId`, by username (for the manager's form). */
  async eligible(organisationId: string): Promise<EligibleOwner[]> {
    return this.requestContext.manager.query(
      `SELECT id, username FROM app_user
       WHERE organisation_id = $1 AND role = ANY($2) AND disabled_at IS NULL ORDER BY username`,
      [organisationId, [...CASE_OWNER_ROLES]],
    );
  }

  /** The usernames of `ids` (staff of the caller's organisation, for showing an owner). */
  async usernamesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: EligibleOwner[] = await this.requestContext.manager.query(
      `SELECT id, username FROM app_user WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.username]));
  }
}
