import { asSuperuser } from './test-cluster';
import type { TestApp } from './test-app';

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
