import { Injectable } from '@nestjs/common';
import { RequestContext } from '../database/request-context';
import type { AuthenticatedUser } from './authenticated-user';
import { CaseAccessErrorCode, CaseAccessException } from './case-access.exception';

/** What of a case a caller may see: each view is an explicit allow-list of fields (case-views.ts). */
export type CaseView = 'full' | 'referral' | 'investigation';
export const CASE_VIEWS: readonly CaseView[] = ['full', 'referral', 'investigation'];

/** Test-only: skips the decision below so the tests can show row-level security holding on its own. */
export const DISABLE_CHECK_SETTING = 'PANOH_TEST_DISABLE_CASE_ACCESS_CHECK';

export interface CaseFilter {
  stage?: string;
  traffickingStatus?: string;
  registeredFrom?: string;
  registeredTo?: string;
}

export interface VisibleCase {
  id: string;
  view: CaseView;
}

/**
 * The one place that decides who sees which case, and in which view:
 * - a caseworker or manager of the owning organisation: `full`;
 * - an organisation with an accepted, unrevoked share: the share's view (`referral`), or for law
 *   enforcement (a share for that purpose) `investigation`, only while the person's consent to
 *   disclosure to law enforcement is not withdrawn; an investigator sees nothing but that view;
 * - anyone else: the case does not exist (404).
 * The same rule is written in SQL so that one query answers it for one case or a page of them; the
 * row-level-security policies repeat its organisation part in the database.
 */
@Injectable()
export class CaseAccess {
  private readonly checkDisabled: boolean;

  constructor(private readonly requestContext: RequestContext) {
    this.checkDisabled = process.env[DISABLE_CHECK_SETTING] === 'true';
    if (this.checkDisabled && process.env.NODE_ENV !== 'test') {
      throw new Error(`${DISABLE_CHECK_SETTING} is for tests only and refused when NODE_ENV is not "test"`);
    }
  }

  /** The caller's view of case `caseId`; CaseAccessException (404) when it has none. */
  async requireView(actor: AuthenticatedUser, caseId: string): Promise<CaseView> {
    this.requestContext.recordAccess({ caseIds: [caseId] });
    const [found] = await this.query(actor, 'c.id = $3', [caseId], 'LIMIT 1');
    if (!found) throw notFound();
    return found.view;
  }

  /**
   * Case `caseId` when the caller's organisation owns it; 403 when the caller sees it through a share
   * (it knows the case, but only the owner acts on it); 404 otherwise.
   */
  async requireOwner(actor: AuthenticatedUser, caseId: string): Promise<void> {
    if ((await this.requireView(actor, caseId)) !== 'full') {
      throw new CaseAccessException(
        CaseAccessErrorCode.ReadOnly,
        'Only the organisation that owns this case may do this',
      );
    }
  }

  /** A page of the cases the caller may see, newest registration first, each with its view. */
  async listVisible(
    actor: AuthenticatedUser,
    filter: CaseFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: VisibleCase[]; total: number }> {
    const conditions: string[] = ['true'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length + 2}`));
    };
    if (filter.stage) add('c.stage = ?', filter.stage);
    if (filter.traffickingStatus) add('c.trafficking_status = ?', filter.traffickingStatus);
    if (filter.registeredFrom) add('c.registered_on >= ?', filter.registeredFrom);
    if (filter.registeredTo) add('c.registered_on <= ?', filter.registeredTo);
    params.push(page.limit, page.offset);
    const rows = await this.query(
      actor,
      conditions.join(' AND '),
      params,
      `ORDER BY registered_on DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    );
    return { items: rows.map(({ id, view }) => ({ id, view })), total: rows[0]?.total ?? 0 };
  }

  private async query(
    actor: AuthenticatedUser,
    where: string,
    params: unknown[],
    tail: string,
  ): Promise<Array<VisibleCase & { total: number }>> {
    const rows: Array<{ id: string; view: CaseView; total: string }> = await this.requestContext.manager.query(
      `WITH decided AS (
         SELECT c.id, c.registered_on, ${this.checkDisabled ? UNCHECKED : VIEW_DECISION} AS view
         FROM victim_case c ${this.checkDisabled ? '' : LIVE_SHARES}
         WHERE ${where}
       )
       SELECT id, view, count(*) OVER () AS total FROM decided WHERE view IS NOT NULL ${tail}`,
      [actor.organisationId, actor.role, ...params],
    );
    return rows.map((r) => ({ id: r.id, view: r.view, total: Number(r.total) }));
  }
}

/** Views of the live shares of case c with the caller's organisation ($1): accepted, not revoked, consent not withdrawn. */
const LIVE_SHARES = `LEFT JOIN LATERAL (
  SELECT array_agg(s.view) AS views FROM case_share s
  WHERE s.case_id = c.id AND s.organisation_id = $1
    AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
    AND (s.purpose <> 'law_enforcement' OR EXISTS (
      SELECT 1 FROM consent k
      WHERE k.id = s.consent_id AND k.case_id = c.id AND k.purpose = 'law_enforcement_disclosure'
        AND k.withdrawn_at IS NULL))
) shared ON c.organisation_id IS DISTINCT FROM $1`;

/** $1 the caller's organisation, $2 its role. NULL: no view, the case is not there for this caller. */
const VIEW_DECISION = `CASE
  WHEN $2 IN ('caseworker', 'org_manager') AND c.organisation_id = $1 THEN 'full'
  WHEN $2 IN ('caseworker', 'org_manager') AND 'referral' = ANY(shared.views) THEN 'referral'
  WHEN $2 IN ('caseworker', 'org_manager', 'investigator') AND 'investigation' = ANY(shared.views)
    THEN 'investigation'
END`;

/** Test-only: every case in `full`, leaving row-level security as the only check (the parameters stay typed). */
const UNCHECKED = `CASE WHEN $1::uuid IS NOT NULL AND $2::text IS NOT NULL THEN 'full' END`;

function notFound(): CaseAccessException {
  return new CaseAccessException(CaseAccessErrorCode.NotFound, 'No such case', 'id');
}
