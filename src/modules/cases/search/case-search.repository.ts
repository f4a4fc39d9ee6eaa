import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../../core/database/request-context';

/**
 * What a search result needs of each case `page.id`: the codes, the person's names, phone and
 * documents (ciphertext: only what the caller's view shows is decrypted) and the person's data key.
 * The columns keep their names so the rows read back as entities (CaseRepository.summaryFromContent).
 */
export const CASE_SEARCH_CONTENT = `(
  SELECT json_build_object(
    'case', json_build_object('id', c.id, 'reference', c.reference, 'organisation_id', c.organisation_id,
      'person_id', c.person_id, 'stage', c.stage, 'trafficking_status', c.trafficking_status,
      'stage_changed_at', c.stage_changed_at, 'registered_on', c.registered_on),
    'person', CASE WHEN p.id IS NOT NULL THEN json_build_object('id', p.id, 'data_key_id', p.data_key_id,
      'family_name', p.family_name, 'given_name', p.given_name, 'patronymic', p.patronymic,
      'phone', p.phone, 'identity_documents', p.identity_documents, 'erased_at', p.erased_at) END,
    'personKey', to_json(pk))
  FROM victim_case c
  LEFT JOIN person p ON p.id = c.person_id
  LEFT JOIN data_key pk ON pk.id = p.data_key_id
  WHERE c.id = page.id)`;

export interface RankedPerson {
  personId: string;
  hits: number;
}

/** The search's index (person_search_token), read on the request's transaction under its policies. */
@Injectable()
export class CaseSearchRepository {
  constructor(private readonly requestContext: RequestContext) {}

  /**
   * The persons holding most of `tokens`, at most `limit`: first the caller's organisation's part of
   * the index (the primary key leads with the organisation, so nothing else is read), then the
   * persons of cases shared with it. A hit is a candidate only: values are truncated, so the service
   * confirms each against the decrypted record.
   */
  async rankPersons(organisationId: string, tokens: Buffer[], limit: number): Promise<RankedPerson[]> {
    const rows: Array<{ person_id: string; hits: number }> = await this.requestContext.manager.query(
      `WITH hits AS (
         SELECT t.person_id, t.token FROM person_search_token t
         WHERE t.organisation_id = $1 AND t.token = ANY($2::bytea[])
         UNION
         SELECT t.person_id, t.token FROM person_search_token t
         WHERE t.person_id IN (
             SELECT c.person_id FROM case_share s JOIN victim_case c ON c.id = s.case_id
             WHERE s.organisation_id = $1 AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL)
           AND t.token = ANY($2::bytea[])
       )
       SELECT person_id, count(*)::int AS hits FROM hits
       GROUP BY person_id ORDER BY hits DESC, person_id LIMIT $3`,
      [organisationId, tokens, limit],
    );
    return rows.map((r) => ({ personId: r.person_id, hits: r.hits }));
  }
}
