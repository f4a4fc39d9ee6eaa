import { RequestContext } from '../../src/core/database/request-context';
import { asCaller } from './as-caller';
import { asSuperuser } from './test-cluster';
import type { TestApp, TestUser } from './test-app';

/**
 * A share of a case as the referral workflow creates it, written directly (as the superuser): in the
 * `referral` view for an assistance purpose, or in the `investigation` view for law enforcement,
 * relying on a consent to disclosure. Accepted unless `pending`.
 */
export async function shareCase(
  t: TestApp,
  share: {
    caseId: string;
    ownerOrganisationId: string;
    organisationId: string;
    view: 'referral' | 'investigation';
    consentId?: string;
    pending?: boolean;
  },
): Promise<string> {
  const [row] = await asSuperuser<{ id: string }>(
    t.db,
    `INSERT INTO case_share (id, case_id, owner_organisation_id, organisation_id, purpose, view, consent_id, accepted_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN NULL ELSE now() END) RETURNING id`,
    [
      share.caseId,
      share.ownerOrganisationId,
      share.organisationId,
      share.view === 'investigation' ? 'law_enforcement' : 'assistance',
      share.view,
      share.consentId ?? null,
      share.pending ?? false,
    ],
  );
  return row.id;
}

/**
 * A transfer of the case to organisation `to`, accepted by `manager` (an org_manager of `to`), as the
 * referral workflow does it: a consent to referral, a pending referral for purpose `transfer`, and
 * panoh_accept_referral called in the manager's transaction. Returns the function's answer.
 */
export async function transferCase(
  t: TestApp,
  transfer: { caseId: string; from: string; to: string; referredBy: string; manager: TestUser },
): Promise<string> {
  const [consent] = await asSuperuser<{ id: string }>(
    t.db,
    `INSERT INTO consent (id, case_id, owner_organisation_id, purpose, recipient_organisation_id, given_at, given_by)
     VALUES (gen_random_uuid(), $1, $2, 'referral', $3, now(), $4) RETURNING id`,
    [transfer.caseId, transfer.from, transfer.to, transfer.referredBy],
  );
  const [referral] = await asSuperuser<{ id: string }>(
    t.db,
    `INSERT INTO referral (id, case_id, from_organisation_id, to_organisation_id, purpose, consent_id, status, due_at,
       created_by, created_at)
     VALUES (gen_random_uuid(), $1, $2, $3, 'transfer', $4, 'pending', now() + interval '7 days', $5, now())
     RETURNING id`,
    [transfer.caseId, transfer.from, transfer.to, consent.id, transfer.referredBy],
  );
  return asCaller(
    t,
    transfer.manager,
    async () => {
      const [row]: Array<{ answer: string }> = await t.app
        .get(RequestContext)
        .manager.query('SELECT panoh_accept_referral($1, gen_random_uuid(), gen_random_uuid()) AS answer', [
          referral.id,
        ]);
      return row.answer;
    },
    { commit: true },
  );
}
