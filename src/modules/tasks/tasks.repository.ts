import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../core/database/request-context';
import { Task } from './entities/task.entity';

/** Each organisation's task syncs, one at a time (the second int is the organisation's hash). */
export const TASK_SYNC_LOCK_CLASS = 0x7461736b; // 'task'

/** A task with its case's reference, for lists across cases. */
export type TaskWithReference = Task & { caseReference: string };

export interface SyncResult {
  created: number;
  closed: number;
  notified: number;
}

/**
 * The task table, always on the current request's manager: the owning organisation's rows only
 * (row-level security), in the request's transaction.
 */
@Injectable()
export class TaskRepository {
  constructor(private readonly requestContext: RequestContext) {}

  private get manager() {
    return this.requestContext.manager;
  }

  /**
   * Makes organisation `organisationId`'s generated tasks match its cases as of `today`
   * (panoh_sync_tasks), after any other sync of that organisation has ended.
   */
  async sync(organisationId: string, today: string, reflectionDays: number): Promise<SyncResult> {
    await this.manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2::text))`, [
      TASK_SYNC_LOCK_CLASS,
      organisationId,
    ]);
    const [row]: SyncResult[] = await this.manager.query(
      `SELECT created, closed, notified FROM panoh_sync_tasks($1, $2::date, $3)`,
      [organisationId, today, reflectionDays],
    );
    return row;
  }

  async insert(task: Task): Promise<void> {
    await this.manager.getRepository(Task).insert(task);
  }

  /** The tasks of case `caseId`: open ones first, by due day. */
  async ofCase(caseId: string): Promise<Task[]> {
    return this.manager
      .getRepository(Task)
      .createQueryBuilder('t')
      .where('t.caseId = :caseId', { caseId })
      .orderBy('t.doneAt IS NULL', 'DESC')
      .addOrderBy('t.dueOn', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  async find(caseId: string, taskId: string, options: { lock?: boolean } = {}): Promise<Task | null> {
    const query = this.manager
      .getRepository(Task)
      .createQueryBuilder('t')
      .where('t.id = :taskId AND t.caseId = :caseId', { taskId, caseId });
    if (options.lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async update(taskId: string, changes: Partial<Task>): Promise<void> {
    await this.manager.getRepository(Task).update({ id: taskId }, changes);
  }

  /** The open tasks assigned to `userId`, soonest first. */
  mine(userId: string, page: { limit: number; offset: number }): Promise<{ rows: TaskWithReference[]; total: number }> {
    return this.page(`t.assignee_user_id = $1 AND t.done_at IS NULL`, [userId], page);
  }

  /** The open tasks of organisation `organisationId` due before `today`, most overdue first. */
  overdue(
    organisationId: string,
    today: string,
    page: { limit: number; offset: number },
  ): Promise<{ rows: TaskWithReference[]; total: number }> {
    return this.page(
      `t.owner_organisation_id = $1 AND t.done_at IS NULL AND t.due_on < $2::date`,
      [organisationId, today],
      page,
    );
  }

  async overdueCount(organisationId: string, today: string): Promise<number> {
    const [row]: Array<{ n: string }> = await this.manager.query(
      `SELECT count(*) AS n FROM task t
       WHERE t.owner_organisation_id = $1 AND t.done_at IS NULL AND t.due_on < $2::date`,
      [organisationId, today],
    );
    return Number(row?.n ?? 0);
  }

  /** The case's reference (a code), under the caller's policies. */
  async referenceOf(caseId: string): Promise<string> {
    const [row]: Array<{ reference: string }> = await this.manager.query(
      `SELECT reference FROM victim_case WHERE id = $1`,
      [caseId],
    );
    return row?.reference ?? '';
  }

  private async page(
    where: string,
    params: unknown[],
    page: { limit: number; offset: number },
  ): Promise<{ rows: TaskWithReference[]; total: number }> {
    const n = params.length;
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT t.id, t.case_id, t.owner_organisation_id, t.kind, t.subject_id, t.subject_key, t.due_on::text AS due_on,
              t.title, t.assignee_user_id, t.done_at, t.done_by, t.closed_reason, t.overdue_notified_at,
              t.created_by, t.created_at, c.reference AS case_reference, count(*) OVER () AS total
       FROM task t JOIN victim_case c ON c.id = t.case_id
       WHERE ${where}
       ORDER BY t.due_on, t.id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, page.limit, page.offset],
    );
    return {
      rows: rows.map((r) => ({
        id: r.id as string,
        caseId: r.case_id as string,
        ownerOrganisationId: r.owner_organisation_id as string,
        kind: r.kind as Task['kind'],
        subjectId: r.subject_id as string | null,
        subjectKey: r.subject_key as string,
        dueOn: r.due_on as string,
        title: r.title as Buffer | null,
        assigneeUserId: r.assignee_user_id as string,
        doneAt: r.done_at as Date | null,
        doneBy: r.done_by as string | null,
        closedReason: r.closed_reason as Task['closedReason'],
        overdueNotifiedAt: r.overdue_notified_at as Date | null,
        createdBy: r.created_by as string | null,
        createdAt: r.created_at as Date,
        caseReference: r.case_reference as string,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }
}
