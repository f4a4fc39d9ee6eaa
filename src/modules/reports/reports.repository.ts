import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../core/database/request-context';
import type { CountDto, ReferralCountDto } from './dto/caseload-report.dto';

/**
 * The counting queries of the organisation's own report, in the request's transaction: row-level
 * security shows the caller its organisation's rows only, and each query names the organisation too.
 * Codes and counts only; nothing is decrypted.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly requestContext: RequestContext) {}

  private get manager() {
    return this.requestContext.manager;
  }

  async casesBy(column: 'stage' | 'trafficking_status', organisationId: string): Promise<CountDto[]> {
    const rows: Array<{ code: string; count: string }> = await this.manager.query(
      `SELECT ${column} AS code, count(*) AS count FROM victim_case WHERE organisation_id = $1 GROUP BY 1 ORDER BY 1`,
      [organisationId],
    );
    return rows.map((r) => ({ code: r.code, count: Number(r.count) }));
  }

  async servicesDelivered(organisationId: string): Promise<CountDto[]> {
    const rows: Array<{ code: string; count: string }> = await this.manager.query(
      `SELECT type AS code, count(*) AS count FROM assistance_item
       WHERE owner_organisation_id = $1 AND status = 'delivered' GROUP BY 1 ORDER BY 1`,
      [organisationId],
    );
    return rows.map((r) => ({ code: r.code, count: Number(r.count) }));
  }

  async referrals(direction: 'out' | 'in', organisationId: string): Promise<ReferralCountDto[]> {
    const column = direction === 'out' ? 'from_organisation_id' : 'to_organisation_id';
    const rows: Array<{ purpose: string; status: string; count: string }> = await this.manager.query(
      `SELECT purpose, status, count(*) AS count FROM referral WHERE ${column} = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [organisationId],
    );
    return rows.map((r) => ({ purpose: r.purpose, status: r.status, count: Number(r.count) }));
  }
}
