import { asSuperuser } from './test-cluster';
import type { TestApp } from './test-app';

/**
 * A share of a case as the referral workflow creates it, written directly (as the superuser): in the
 * `referral` view for an assistance purpose, or in the `investigation` view for law enforcement,
 * relying on a consent to disclosure. Accepted unless `pending`. Owned by the case's organisation
 * unless `ownerOrganisationId` says otherwise.
 */
export async function shareCase(
  t: TestApp,
  share: {
    caseId: string;
    ownerOrganisationId?: string;
    organisationId: string;
    view: 'referral' | 'investigation';
    consentId?: string;
    pending?: boolean;
  },
): Promise<string> {
  const [row] = await asSuperuser<{ id: string }>(
    t.db,
    `INSERT INTO case_share (id, case_id, owner_organisation_id, organisation_id, purpose, view, consent_id, accepted_at)
     SELECT gen_random_uuid(), $1, COALESCE($2, organisation_id), $3, $4, $5, $6, CASE WHEN $7 THEN NULL ELSE now() END
     FROM victim_case WHERE id = $1 RETURNING id`,
    [
      share.caseId,
      share.ownerOrganisationId ?? null,
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
 * A transfer of the case to organisation `to` through the referral workflow: the owner records the
 * person's consent and refers the case for `transfer`; the receiving organisation's manager accepts.
 * Returns the referral's status after acceptance.
 */
export async function transferCase(
  t: TestApp,
  transfer: { caseId: string; to: string; ownerToken: string; managerToken: string },
): Promise<string> {
  const owner = { Authorization: `Bearer ${transfer.ownerToken}` };
  const consent = await t
    .http()
    .post(`/cases/${transfer.caseId}/consents`)
    .set(owner)
    .send({ purpose: 'referral', recipientOrganisationId: transfer.to, referralPurposes: ['transfer'] });
  const referral = await t
    .http()
    .post(`/cases/${transfer.caseId}/referrals`)
    .set(owner)
    .send({
      toOrganisationId: transfer.to,
      purpose: 'transfer',
      consentId: consent.body.id,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
  if (referral.status !== 201) throw new Error(`referral refused: ${referral.status} ${JSON.stringify(referral.body)}`);
  const accepted = await t
    .http()
    .post(`/referrals/${referral.body.id}/accept`)
    .set({ Authorization: `Bearer ${transfer.managerToken}` });
  if (accepted.status >= 300)
    throw new Error(`acceptance refused: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return accepted.body.status as string;
}
