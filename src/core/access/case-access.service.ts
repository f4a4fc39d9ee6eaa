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

/** A view of a case and what it needs, as panoh_case_content returns it (json; shaped by its reader). */
export interface CaseContent {
  view: CaseView;
  [part: string]: unknown;
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
 * The rule is written once, as the database function panoh_case_view, so that one statement answers
 * it for one case or a page of them, and one statement decides and reads a case (panoh_case_read);
 * the row-level-security policies repeat its organisation part in the database.
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
   * The caller's view of case `caseId` and what that view needs of the case (see panoh_case_content:
   * the case, its person, their wrapped data keys, and its consents, screenings and events as the view
   * allows), decided and read in one statement under row-level security; 404 when it has no view.
   */
  async requireViewWithContent(
    actor: AuthenticatedUser,
    caseId: string,
  ): Promise<{ view: CaseView; content: CaseContent }> {
    this.requestContext.recordAccess({ caseIds: [caseId] });
    const [row]: Array<{ content: CaseContent | null }> = await this.requestContext.manager.query(
      this.checkDisabled
        ? `SELECT panoh_case_content($3, ${UNCHECKED}) AS content`
        : `SELECT panoh_case_read($3, $1, $2) AS content`,
      [actor.organisationId, actor.role, caseId],
    );
    if (!row?.content) throw notFound();
    return { view: row.content.view, content: row.content };
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

  /**
   * A page of the cases the caller may see, newest registration first, each with its view, and with
   * `content` (an SQL expression over the page's `page.id`, read in the same statement) when given.
   */
  async listVisible<T = never>(
    actor: AuthenticatedUser,
    filter: CaseFilter,
    page: { limit: number; offset: number },
    content?: string,
  ): Promise<{ items: Array<VisibleCase & { content: T }>; total: number }> {
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
    const rows = await this.query<T>(
      actor,
      conditions.join(' AND '),
      params,
      `ORDER BY registered_on DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      content,
    );
    return { items: rows.map(({ id, view, content }) => ({ id, view, content })), total: rows[0]?.total ?? 0 };
  }

  private async query<T = never>(
    actor: AuthenticatedUser,
    where: string,
    params: unknown[],
    tail: string,
    content?: string,
  ): Promise<Array<VisibleCase & { total: number; content: T }>> {
    const rows: Array<{ id: string; view: CaseView; total: string; content: T }> =
      await this.requestContext.manager.query(
        `WITH decided AS (
           SELECT c.id, c.registered_on, ${this.checkDisabled ? UNCHECKED : VIEW_DECISION} AS view
           FROM victim_case c
           WHERE ${where}
         ), page AS (
           SELECT id, view, registered_on, count(*) OVER () AS total FROM decided WHERE view IS NOT NULL ${tail}
         )
         SELECT page.id, page.view, page.total${content ? `, ${content} AS content` : ''}
         FROM page ORDER BY page.registered_on DESC, page.id`,
        [actor.organisationId, actor.role, ...params],
      );
    return rows.map((r) => ({ id: r.id, view: r.view, total: Number(r.total), content: r.content }));
  }
}

/**
 * $1 the caller's organisation, $2 its role. NULL: no view, the case is not there for this caller.
 * The rule itself is the database function panoh_case_view (migration CaseReadPath), its only
 * definition, so that panoh_case_read applies exactly the same rule.
 */
const VIEW_DECISION = `panoh_case_view(c.id, c.organisation_id, $1::uuid, $2::text)`;

/** Test-only: every case in `full`, leaving row-level security as the only check (the parameters stay typed). */
const UNCHECKED = `CASE WHEN $1::uuid IS NOT NULL AND $2::text IS NOT NULL THEN 'full' END`;

function notFound(): CaseAccessException {
  return new CaseAccessException(CaseAccessErrorCode.NotFound, 'No such case', 'id');
}
