import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import type { FieldSealer } from '../../../core/crypto/record-sealer';
import type { RecordFailureAnswer } from '../../../core/crypto/record-errors';
import { RequestContext } from '../../../core/database/request-context';
import { CaseRepository, CaseWithKeys } from './case.repository';
import { CaseSealer } from './case-sealer';
import { CaseErrorCode, CaseException, caseNotFound, caseRecordFailure } from './cases.exception';

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
  /** Only the cases this user owns. */
  ownerUserId?: string;
  /** Only the cases of these persons or with these references (the search's candidates). */
  among?: { personIds: string[]; references: string[] };
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

/** What a case part asks of the case, in the one call that opens each of its methods. */
export interface CaseNeed {
  /** Whether a caller who sees the case in `view` may go on; omitted: anyone who sees it. */
  may?: (view: CaseView, actor: AuthenticatedUser) => boolean;
  /** The 403 for a caller who sees the case but may not do this (it knows the case exists). */
  refusal?: () => Error;
  /** Row-locks the case: `share` while a row is added to it, `update` while something it relies on changes. */
  lock?: 'share' | 'update';
  /**
   * What to read besides the decision: `key`, the case's organisation and data key; `record`, the case
   * row-locked with its keys and person; `content`, what the view shows (decided and read in one statement).
   */
  read?: 'key' | 'record' | 'content';
  /** The part's answer to a record that fails its check or needs a missing key; the case's by default. */
  failures?: RecordFailureAnswer;
}

/** Only the owning organisation may do this: 403 for an organisation that sees the case through a share. */
export const OWNER_ONLY = {
  may: (view: CaseView) => view === 'full',
  refusal: () => new CaseException(CaseErrorCode.ReadOnly, 'Only the organisation that owns this case may do this'),
} satisfies CaseNeed;

/** The caller's view of a case, once let in. */
export interface CaseScope {
  readonly caseId: string;
  readonly view: CaseView;
}

/** A case scope with the case's data key at hand. */
export interface CaseKeyScope extends CaseScope {
  /** The case's organisation, copied into every row a part adds to the case. */
  readonly ownerOrganisationId: string;
  /** `work` with the fields of `table` sealed and opened under the case's data key (errors in the part's codes). */
  seal<T>(table: string, work: (sealer: FieldSealer) => T): T;
}

export interface CaseRecordScope extends CaseKeyScope {
  /** The case, row-locked for the rest of the transaction, with its keys and person. */
  readonly record: CaseWithKeys;
}

export interface CaseContentScope extends CaseScope {
  readonly content: CaseContent;
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

  constructor(
    private readonly requestContext: RequestContext,
    private readonly cases: CaseRepository,
    private readonly keys: CaseSealer,
  ) {
    this.checkDisabled = process.env[DISABLE_CHECK_SETTING] === 'true';
    if (this.checkDisabled && process.env.NODE_ENV !== 'test') {
      throw new Error(`${DISABLE_CHECK_SETTING} is for tests only and refused when NODE_ENV is not "test"`);
    }
  }

  /**
   * The one entry point of every case part (Immich's requireAccess): the caller's view of case
   * `caseId` — 404 when it has none, the very answer of a case that does not exist — then the part's
   * own rule (`may`, else `refusal`, a 403), the lock, and what the part reads of the case, always in
   * that order and under the caller's row-level security. A case the decision shows but the policies
   * hide answers as no case at all.
   */
  async require(
    actor: AuthenticatedUser,
    caseId: string,
    need: CaseNeed & { read: 'record' },
  ): Promise<CaseRecordScope>;
  async require(actor: AuthenticatedUser, caseId: string, need: CaseNeed & { read: 'key' }): Promise<CaseKeyScope>;
  async require(
    actor: AuthenticatedUser,
    caseId: string,
    need: CaseNeed & { read: 'content' },
  ): Promise<CaseContentScope>;
  async require(actor: AuthenticatedUser, caseId: string, need?: CaseNeed): Promise<CaseScope>;
  async require(
    actor: AuthenticatedUser,
    caseId: string,
    need: CaseNeed = {},
  ): Promise<CaseScope | CaseKeyScope | CaseRecordScope | CaseContentScope> {
    if (need.read === 'content') {
      const { view, content } = await this.requireViewWithContent(actor, caseId);
      this.requireAllowed(actor, view, need);
      return { caseId, view, content };
    }
    const view = await this.requireView(actor, caseId);
    this.requireAllowed(actor, view, need);
    if (need.lock) await this.cases.lock(caseId, need.lock);
    if (need.read === 'key') {
      const row = await this.cases.ownerAndKey(caseId);
      if (!row) throw caseNotFound();
      return this.keyScope(caseId, view, row.ownerOrganisationId, row.dataKey, need);
    }
    if (need.read === 'record') {
      const [record] = await this.cases.findWithKeys([caseId], { lock: true });
      if (!record) throw caseNotFound();
      return { ...this.keyScope(caseId, view, record.organisationId, record.dataKey, need), record };
    }
    return { caseId, view };
  }

  /** The caller's view of case `caseId` (the decision alone); 404 when it has none. */
  async requireView(actor: AuthenticatedUser, caseId: string): Promise<CaseView> {
    this.requestContext.recordAccess({ caseIds: [caseId] });
    const [found] = await this.query(actor, 'c.id = $3', [caseId], 'LIMIT 1');
    if (!found) throw caseNotFound();
    return found.view;
  }

  /**
   * The caller's view of case `caseId` and what that view needs of the case (see panoh_case_content:
   * the case, its person, their wrapped data keys, and its consents, screenings and events as the view
   * allows), decided and read in one statement under row-level security; 404 when it has no view.
   */
  private async requireViewWithContent(
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
    if (!row?.content) throw caseNotFound();
    return { view: row.content.view, content: row.content };
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
    if (filter.ownerUserId) add('c.owner_user_id = ?', filter.ownerUserId);
    if (filter.among) {
      params.push(filter.among.personIds, filter.among.references);
      conditions.push(
        `(c.person_id = ANY($${params.length + 1}::uuid[]) OR c.reference = ANY($${params.length + 2}::text[]))`,
      );
    }
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

  /**
   * The visible cases among `candidates`, at most `limit`, decided in one statement: `candidates` is
   * a query (parameters from $3 on, in `params`) yielding `id`, `organisation_id` and `rank` of each
   * candidate case, best first, lazily (a LATERAL join over ranked rows, so nothing beyond what is
   * needed is produced); the cases are decided in that order only until `limit` are visible, so a
   * search decides only as many as its page needs. `content` (columns `page.id`, `page.view`) reads
   * what the caller needs of each visible case. Like every read here it runs as the request's role,
   * under the row-level-security policies of every table it reads.
   */
  async listRanked<T = never>(
    actor: AuthenticatedUser,
    candidates: string,
    params: unknown[],
    limit: number,
    content: string,
  ): Promise<Array<VisibleCase & { rank: number; content: T }>> {
    const rows: Array<{ id: string; view: CaseView; rank: number; content: T }> =
      await this.requestContext.manager.query(
        rankedVisibleSql(candidates, params.length, content, this.checkDisabled ? UNCHECKED : VIEW_DECISION),
        [actor.organisationId, actor.role, ...params, limit],
      );
    return rows.map((r) => ({ id: r.id, view: r.view, rank: r.rank, content: r.content }));
  }

  private requireAllowed(actor: AuthenticatedUser, view: CaseView, need: CaseNeed): void {
    if (need.may && !need.may(view, actor)) throw (need.refusal ?? OWNER_ONLY.refusal)();
  }

  private keyScope(
    caseId: string,
    view: CaseView,
    ownerOrganisationId: string,
    dataKey: CaseWithKeys['dataKey'],
    need: CaseNeed,
  ): CaseKeyScope {
    const failures = need.failures ?? caseRecordFailure;
    return {
      caseId,
      view,
      ownerOrganisationId,
      seal: (table, work) => this.keys.seal(caseId, dataKey, table, work, failures),
    };
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

/**
 * The statement of CaseAccess.listRanked ($1 the caller's organisation, $2 its role, the candidates'
 * parameters, then the limit); exported for the bench, which explains and times it as the caller.
 */
export function rankedVisibleSql(
  candidates: string,
  paramCount: number,
  content: string,
  decision: string = VIEW_DECISION,
): string {
  return `WITH candidates AS (${candidates}),
    page AS (
      SELECT id, rank, view FROM (
        SELECT c.id, c.rank, ${decision} AS view
        FROM (SELECT id, organisation_id, rank FROM candidates OFFSET 0) c
        OFFSET 0) decided
      WHERE view IS NOT NULL
      LIMIT $${paramCount + 3}
    )
    SELECT page.id, page.view, page.rank, ${content} AS content
    FROM page ORDER BY page.rank DESC, page.id`;
}

/** Test-only: every case in `full`, leaving row-level security as the only check (the parameters stay typed). */
const UNCHECKED = `CASE WHEN $1::uuid IS NOT NULL AND $2::text IS NOT NULL THEN 'full' END`;
