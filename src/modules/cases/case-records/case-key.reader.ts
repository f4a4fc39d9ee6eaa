import { Injectable } from '@nestjs/common';
import { DataKey } from '../../../core/crypto/entities/data-key.entity';
import { RequestContext } from '../../../core/database/request-context';

/** A case as its dependent records need it: its organisation and its data key (still wrapped). */
export interface CaseKeyRow {
  ownerOrganisationId: string;
  dataKey: DataKey | null;
}

/**
 * Reads the organisation and data key of a case for the records kept under that key (assistance
 * items, perpetrators, proceedings), on the request's manager: under the caller's row-level security.
 */
@Injectable()
export class CaseKeyReader {
  constructor(private readonly requestContext: RequestContext) {}

  /** Undefined when the caller's policies do not show the case. */
  async read(caseId: string): Promise<CaseKeyRow | undefined> {
    const [row]: Array<{
      organisation_id: string;
      id: string | null;
      version: number;
      kek_version: number;
      wrapped_key: Buffer;
    }> = await this.requestContext.manager.query(
      `SELECT c.organisation_id, k.id, k.version, k.kek_version, k.wrapped_key
       FROM victim_case c LEFT JOIN data_key k ON k.id = c.data_key_id WHERE c.id = $1`,
      [caseId],
    );
    if (!row) return undefined;
    const dataKey = row.id
      ? Object.assign(new DataKey(), {
          id: row.id,
          version: row.version,
          kekVersion: row.kek_version,
          wrappedKey: row.wrapped_key,
        })
      : null;
    return { ownerOrganisationId: row.organisation_id, dataKey };
  }
}
