import { Injectable } from '@nestjs/common';
import { DataKey } from '../../core/crypto/entities/data-key.entity';
import { RequestContext } from '../../core/database/request-context';
import { Attachment } from './entities/attachment.entity';

/** The wrapped keys an attachment key is derived from: the case's and its person's (null once erased). */
export interface AttachmentKeys {
  caseKey: DataKey | null;
  personKey: DataKey | null;
}

/**
 * attachment and attachment_share, on the current request's manager (its transaction, with the
 * caller set for row-level security): rows the caller may not see are simply not there.
 */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly requestContext: RequestContext) {}

  private get manager() {
    return this.requestContext.manager;
  }

  /** The case's attachments, oldest first; with `sharedWith`, only those shared with that organisation. */
  async ofCase(caseId: string, sharedWith?: string): Promise<Attachment[]> {
    return this.query(caseId, sharedWith).getMany();
  }

  /** One attachment of the case (with `sharedWith`, only if shared with that organisation). */
  async find(caseId: string, id: string, sharedWith?: string): Promise<Attachment | null> {
    return this.query(caseId, sharedWith).andWhere('a.id = :id', { id }).getOne();
  }

  private query(caseId: string, sharedWith?: string) {
    const query = this.manager
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .where('a.caseId = :caseId', { caseId })
      .orderBy('a.createdAt', 'ASC')
      .addOrderBy('a.id', 'ASC');
    if (sharedWith) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM attachment_share s WHERE s.attachment_id = a.id AND s.organisation_id = :org)',
        { org: sharedWith },
      );
    }
    return query;
  }

  /** The organisations each attachment of the case is shared with (the owner's list). */
  async sharesOf(caseId: string): Promise<Map<string, string[]>> {
    const rows: Array<{ attachment_id: string; organisation_id: string }> = await this.manager.query(
      `SELECT attachment_id, organisation_id FROM attachment_share WHERE case_id = $1 ORDER BY shared_at, organisation_id`,
      [caseId],
    );
    const shares = new Map<string, string[]>();
    for (const row of rows)
      shares.set(row.attachment_id, [...(shares.get(row.attachment_id) ?? []), row.organisation_id]);
    return shares;
  }

  async keysOf(caseId: string): Promise<AttachmentKeys> {
    const [row]: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT ck.id AS c_id, ck.version AS c_version, ck.kek_version AS c_kek, ck.wrapped_key AS c_wrapped,
              pk.id AS p_id, pk.version AS p_version, pk.kek_version AS p_kek, pk.wrapped_key AS p_wrapped
       FROM victim_case c
       LEFT JOIN data_key ck ON ck.id = c.data_key_id
       LEFT JOIN person p ON p.id = c.person_id
       LEFT JOIN data_key pk ON pk.id = p.data_key_id
       WHERE c.id = $1`,
      [caseId],
    );
    return { caseKey: keyOf(row, 'c'), personKey: keyOf(row, 'p') };
  }

  /** Whether `organisationId` sees case `caseId` through an accepted, unrevoked share. */
  async organisationSharesCase(caseId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM case_share
       WHERE case_id = $1 AND organisation_id = $2 AND accepted_at IS NOT NULL AND revoked_at IS NULL`,
      [caseId, organisationId],
    );
    return rows.length > 0;
  }

  /** The organisations that see case `caseId` through an accepted, unrevoked share. */
  async sharingOrganisationsOf(caseId: string): Promise<string[]> {
    const rows: Array<{ organisation_id: string }> = await this.manager.query(
      `SELECT DISTINCT organisation_id FROM case_share
       WHERE case_id = $1 AND accepted_at IS NOT NULL AND revoked_at IS NULL ORDER BY organisation_id`,
      [caseId],
    );
    return rows.map((r) => r.organisation_id);
  }

  async insert(attachment: Attachment): Promise<void> {
    await this.manager.getRepository(Attachment).insert(attachment);
  }

  async share(row: Attachment, organisationId: string, by: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO attachment_share (attachment_id, case_id, owner_organisation_id, organisation_id, shared_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [row.id, row.caseId, row.ownerOrganisationId, organisationId, by],
    );
  }

  async unshare(attachmentId: string, organisationId: string): Promise<void> {
    await this.manager.query(`DELETE FROM attachment_share WHERE attachment_id = $1 AND organisation_id = $2`, [
      attachmentId,
      organisationId,
    ]);
  }

  /** Deletes the attachment; its chunks and shares go with it (ON DELETE CASCADE). */
  async delete(attachmentId: string): Promise<void> {
    await this.manager.query(`DELETE FROM attachment WHERE id = $1`, [attachmentId]);
  }
}

function keyOf(row: Record<string, unknown> | undefined, prefix: 'c' | 'p'): DataKey | null {
  if (!row || !row[`${prefix}_id`]) return null;
  return Object.assign(new DataKey(), {
    id: row[`${prefix}_id`],
    version: row[`${prefix}_version`],
    kekVersion: row[`${prefix}_kek`],
    wrappedKey: row[`${prefix}_wrapped`],
  });
}
