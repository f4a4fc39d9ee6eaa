import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { Role } from '../../core/access/role';
import { nrmConfig } from '../../core/config';
import { RequestContext } from '../../core/database/request-context';
import { Clock } from '../../core/time/clock';
import { CaseAccess, CaseOwners, OWNER_ONLY } from '../cases/case-records';
import type { CaseNeed } from '../cases/case-records';
import { AddTaskDto, UpdateTaskDto } from './dto/task.dto';
import { Task } from './entities/task.entity';
import type { OverdueTasks } from './overdue-tasks';
import { dayOf, TaskPage, TaskView, toTaskView } from './task-views';
import { TaskErrorCode, TaskException, taskNotFound, taskRecordFailure } from './tasks.exception';
import { TaskRepository, TaskWithReference } from './tasks.repository';

const TABLE = 'task';
const TITLE = 'title';

/** Tasks are the owning organisation's work: a share sees none of them (403), anyone else 404. */
const TASK_NEED = { ...OWNER_ONLY, failures: taskRecordFailure } satisfies CaseNeed;

/**
 * The tasks of cases: the ones a case's state calls for (kept in step by panoh_sync_tasks, which the
 * daily job runs for every organisation and every list here runs for the caller's, so that a stage
 * change or a delivered service shows at once) and the ones added by hand. "My work" is a user's
 * open tasks; the manager also sees the organisation's overdue ones.
 */
@Injectable()
export class TasksService implements OverdueTasks {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly access: CaseAccess,
    private readonly owners: CaseOwners,
    private readonly requestContext: RequestContext,
    private readonly clock: Clock,
    @Inject(nrmConfig.KEY) private readonly nrm: ConfigType<typeof nrmConfig>,
  ) {}

  private today(): string {
    return dayOf(this.clock.now());
  }

  /** Brings the caller's organisation's generated tasks in step with its cases (in the request's transaction). */
  private async sync(organisationId: string): Promise<void> {
    await this.tasks.sync(organisationId, this.today(), this.nrm.reflectionPeriodDays);
  }

  async listForCase(actor: AuthenticatedUser, caseId: string): Promise<TaskView[]> {
    const scope = await this.access.require(actor, caseId, { ...TASK_NEED, read: 'key' });
    await this.sync(actor.organisationId);
    const [rows, reference] = await Promise.all([this.tasks.ofCase(caseId), this.tasks.referenceOf(caseId)]);
    const today = this.today();
    const titles = rows.some((r) => r.title)
      ? scope.seal(TABLE, (s) => rows.map((r) => s.open(TITLE, r.id, r.title)))
      : rows.map(() => null);
    const views = rows.map((r, i) => toTaskView(r, reference, titles[i], today));
    this.requestContext.recordAccess({
      view: scope.view,
      fields: views.length > 0 ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  async add(actor: AuthenticatedUser, caseId: string, dto: AddTaskDto): Promise<TaskView> {
    const scope = await this.access.require(actor, caseId, { ...TASK_NEED, read: 'record' });
    if (scope.record.person?.erasedAt) {
      throw new TaskException(TaskErrorCode.PersonErased, "This case's person was erased", 'id');
    }
    const assignee = dto.assigneeUserId?.toLowerCase() ?? scope.record.ownerUserId;
    if (dto.assigneeUserId !== undefined) await this.requireAssignee(scope.ownerOrganisationId, assignee);
    const id = randomUUID();
    const task: Task = {
      id,
      caseId,
      ownerOrganisationId: scope.ownerOrganisationId,
      kind: 'manual',
      subjectId: null,
      subjectKey: id,
      dueOn: dto.dueOn,
      title: scope.seal(TABLE, (s) => s.seal(TITLE, id, dto.title)),
      assigneeUserId: assignee,
      doneAt: null,
      doneBy: null,
      closedReason: null,
      overdueNotifiedAt: null,
      createdBy: actor.userId,
      createdAt: new Date(),
    };
    await this.tasks.insert(task);
    this.requestContext.recordAccess({
      view: scope.view,
      fields: Object.keys(dto).map((f) => `set:${f}`),
      detail: { taskId: id, kind: task.kind, assigneeUserId: assignee },
    });
    return toTaskView(task, scope.record.reference, dto.title, this.today());
  }

  async update(actor: AuthenticatedUser, caseId: string, taskId: string, dto: UpdateTaskDto): Promise<TaskView> {
    const scope = await this.access.require(actor, caseId, { ...TASK_NEED, read: 'key' });
    this.requestContext.recordAccess({ detail: { taskId } });
    const task = await this.tasks.find(caseId, taskId, { lock: true });
    if (!task) throw taskNotFound();
    const changes: Partial<Task> = {};
    if (task.doneAt && (dto.done || dto.dueOn !== undefined)) {
      throw new TaskException(TaskErrorCode.AlreadyClosed, 'This task is closed', dto.done ? 'done' : 'dueOn');
    }
    if (dto.dueOn !== undefined) {
      if (task.kind !== 'manual') {
        throw new TaskException(TaskErrorCode.Generated, "A generated task's day follows the case", 'dueOn');
      }
      changes.dueOn = dto.dueOn;
    }
    if (dto.assigneeUserId !== undefined) {
      await this.requireAssignee(scope.ownerOrganisationId, dto.assigneeUserId.toLowerCase());
      changes.assigneeUserId = dto.assigneeUserId.toLowerCase();
    }
    if (dto.done) Object.assign(changes, { doneAt: new Date(), doneBy: actor.userId, closedReason: 'done' });
    if (Object.keys(changes).length > 0) await this.tasks.update(taskId, changes);
    const updated = { ...task, ...changes };
    this.requestContext.recordAccess({
      view: scope.view,
      fields: Object.keys(changes).map((f) => `changed:${f}`),
      detail: { taskId, kind: task.kind, closedReason: updated.closedReason },
    });
    const title = updated.title ? scope.seal(TABLE, (s) => s.open(TITLE, taskId, updated.title)) : null;
    return toTaskView(updated, await this.tasks.referenceOf(caseId), title, this.today());
  }

  /** "My work": the caller's open tasks, soonest first. */
  async mine(actor: AuthenticatedUser, page: { limit: number; offset: number }): Promise<TaskPage> {
    await this.sync(actor.organisationId);
    const { rows, total } = await this.tasks.mine(actor.userId, page);
    return { items: await this.viewsAcrossCases(actor, rows), total, ...page };
  }

  /** The organisation's open tasks past their due day, for its manager. */
  async overdue(actor: AuthenticatedUser, page: { limit: number; offset: number }): Promise<TaskPage> {
    await this.sync(actor.organisationId);
    const { rows, total } = await this.tasks.overdue(actor.organisationId, this.today(), page);
    return { items: await this.viewsAcrossCases(actor, rows), total, ...page };
  }

  /** OVERDUE_TASKS: how many of the organisation's tasks are overdue, for its own manager only. */
  async overdueCount(organisationId: string, manager: AuthenticatedUser): Promise<number> {
    if (manager.role !== Role.OrgManager || manager.organisationId !== organisationId) return 0;
    await this.sync(organisationId);
    return this.tasks.overdueCount(organisationId, this.today());
  }

  /**
   * Views of tasks of several cases: each case's access decided again (the one entry point), and a
   * title decrypted under its case's key only for the tasks added by hand.
   */
  private async viewsAcrossCases(actor: AuthenticatedUser, rows: TaskWithReference[]): Promise<TaskView[]> {
    const today = this.today();
    const titles = new Map<string, string | null>();
    const titledCases = [...new Set(rows.filter((r) => r.title).map((r) => r.caseId))];
    for (const caseId of titledCases) {
      const scope = await this.access.require(actor, caseId, { ...TASK_NEED, read: 'key' });
      scope.seal(TABLE, (s) => {
        for (const r of rows.filter((row) => row.caseId === caseId)) titles.set(r.id, s.open(TITLE, r.id, r.title));
      });
    }
    const views = rows.map((r) => toTaskView(r, r.caseReference, titles.get(r.id) ?? null, today));
    this.requestContext.recordAccess({
      caseIds: [...new Set(rows.map((r) => r.caseId))],
      fields: views.length > 0 ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  private async requireAssignee(organisationId: string, userId: string): Promise<void> {
    if (!(await this.owners.isEligible(organisationId, userId))) {
      throw new TaskException(
        TaskErrorCode.AssigneeNotEligible,
        "The assignee must be an active caseworker or manager of the case's organisation",
        'assigneeUserId',
      );
    }
  }
}
