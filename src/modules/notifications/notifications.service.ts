import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { RequestContext } from '../../core/database/request-context';
import { Notification, NotificationKind } from './notification.entity';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  referralId: string | null;
  caseId: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Notifications live in the service (no e-mail or text message carries anything about a case). They
 * go to an organisation, not a person, as referrals do; each names a kind and ids only.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly requestContext: RequestContext) {}

  /** Notifies organisation `organisationId`, in the current request's transaction. */
  async notify(
    organisationId: string,
    kind: NotificationKind,
    about: { referralId?: string | null; caseId?: string | null },
  ): Promise<void> {
    await this.requestContext.manager.getRepository(Notification).insert({
      id: randomUUID(),
      organisationId,
      kind,
      referralId: about.referralId ?? null,
      caseId: about.caseId ?? null,
      createdAt: new Date(),
    });
  }

  /**
   * The caller's organisation's notifications, newest first. Referrals of the organisation that have
   * passed their deadline while pending are noticed here, once each.
   */
  async list(actor: AuthenticatedUser, page: { limit: number; offset: number }): Promise<NotificationPage> {
    await this.noticeOverdue(actor.organisationId);
    const [rows, total] = await this.requestContext.manager.getRepository(Notification).findAndCount({
      where: { organisationId: actor.organisationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    const caseIds = [...new Set(rows.map((r) => r.caseId).filter((id): id is string => id !== null))];
    this.requestContext.recordAccess({ caseIds });
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        referralId: r.referralId,
        caseId: r.caseId,
        createdAt: r.createdAt.toISOString(),
      })),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  private async noticeOverdue(organisationId: string): Promise<void> {
    const overdue: Array<{ id: string; case_id: string }> = await this.requestContext.manager.query(
      `SELECT r.id, r.case_id FROM referral r
       WHERE r.status = 'pending' AND r.due_at < now()
         AND (r.from_organisation_id = $1 OR r.to_organisation_id = $1)
         AND NOT EXISTS (SELECT 1 FROM notification n
                         WHERE n.organisation_id = $1 AND n.referral_id = r.id AND n.kind = 'referral_overdue')`,
      [organisationId],
    );
    if (overdue.length === 0) return;
    await this.requestContext.manager.query(
      `INSERT INTO notification (id, organisation_id, kind, referral_id, case_id, created_at)
       SELECT id, $1, 'referral_overdue', referral_id, case_id, now()
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS o(id, referral_id, case_id)
       ON CONFLICT (organisation_id, referral_id) WHERE kind = 'referral_overdue' DO NOTHING`,
      [organisationId, overdue.map(() => randomUUID()), overdue.map((o) => o.id), overdue.map((o) => o.case_id)],
    );
  }
}
