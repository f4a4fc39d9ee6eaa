import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission, roleHasPermission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { DomainException } from '../../../core/http/domain.exception';
import { UuidParamPipe } from '../../../core/http/validation';
import type { FormBody, FormErrors, FormValues } from '../../../core/web/forms';
import { text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { CaseOwners } from '../../cases/case-records';
import { AddTaskDto, UpdateTaskDto } from '../dto/task.dto';
import type { TaskView } from '../task-views';
import { TaskErrorCode, TaskException } from '../tasks.exception';
import { TasksService } from '../tasks.service';
import { CaseTasksPage, TaskListPage } from './tasks.page';
import { taskMessages } from './tasks.messages';

const uuid = new UuidParamPipe();
const PAGE = { limit: 100, offset: 0 };
const NOTICES = ['added', 'done'] as const;

/**
 * The tasks of a case (/ui/cases/:id/tasks): the list, "done", and a task added by hand, over the
 * service of GET, POST and PATCH /cases/:id/tasks with their permissions and audit actions.
 */
@PageController('cases')
export class CaseTasksPagesController {
  constructor(
    private readonly tasks: TasksService,
    private readonly owners: CaseOwners,
  ) {}

  @Get(':id/tasks')
  @RequirePermission(Permission.TaskRead)
  @Audited(AuditAction.TasksListed)
  async list(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const m = taskMessages.in(page.language);
    const notice = NOTICES.find((n) => n === done);
    return this.render(page, actor, id, { notice: notice ? m(notice) : undefined });
  }

  @Post(':id/tasks')
  @RequirePermission(Permission.TaskWrite)
  @Audited(AuditAction.TaskAdded)
  @Redirect()
  async add(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = taskMessages.in(page.language);
    const values: FormValues = {
      title: text(body, 'title'),
      dueOn: text(body, 'dueOn'),
      assigneeUserId: text(body, 'assigneeUserId'),
    };
    const refuse = async (status: number, errors: FormErrors) =>
      new PageRefusal(status, await this.render(page, actor, id, { values, errors }));
    const form = await validateAs(
      AddTaskDto,
      { title: values.title ?? '', dueOn: values.dueOn ?? '', assigneeUserId: values.assigneeUserId || undefined },
      page.language,
    );
    if ('errors' in form) throw await refuse(400, form.errors);
    try {
      await this.tasks.add(actor, id, form.value);
    } catch (error) {
      if (!(error instanceof TaskException) || error.code !== TaskErrorCode.AssigneeNotEligible) throw error;
      throw await refuse(error.status, { assigneeUserId: m('assignee_not_eligible') });
    }
    return seeOther(`/ui/cases/${id}/tasks?done=added`);
  }

  @Post(':id/tasks/:taskId/done')
  @RequirePermission(Permission.TaskWrite)
  @Audited(AuditAction.TaskUpdated)
  @Redirect()
  async done(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('taskId', uuid) taskId: string,
  ): Promise<SeeOther> {
    const m = taskMessages.in(page.language);
    const form = await validateAs(UpdateTaskDto, { done: true }, page.language);
    if ('errors' in form) throw new PageRefusal(400, await this.render(page, actor, id, {}));
    try {
      await this.tasks.update(actor, id, taskId, form.value);
    } catch (error) {
      if (!(error instanceof DomainException) || error.code !== TaskErrorCode.AlreadyClosed) throw error;
      throw new PageRefusal(error.status, await this.render(page, actor, id, { notice: m('already_closed') }));
    }
    return seeOther(`/ui/cases/${id}/tasks?done=done`);
  }

  private async render(
    page: PageContext,
    actor: AuthenticatedUser,
    id: string,
    state: { notice?: string; values?: FormValues; errors?: FormErrors },
  ): Promise<Html> {
    const tasks = await this.tasks.listForCase(actor, id);
    const eligible = await this.owners.eligible(actor.organisationId);
    const names = await namesOf(this.owners, tasks);
    return (
      <CaseTasksPage
        page={page}
        caseId={id}
        tasks={tasks}
        names={names}
        assignees={eligible.map((u) => ({ value: u.id, label: u.username }))}
        {...state}
      />
    );
  }
}

/** "My work" (/ui/tasks) and, for the manager, the organisation's overdue tasks (/ui/tasks/overdue). */
@PageController('tasks')
export class TasksPagesController {
  constructor(
    private readonly tasks: TasksService,
    private readonly owners: CaseOwners,
  ) {}

  @Get()
  @RequirePermission(Permission.TaskRead)
  @Audited(AuditAction.MyTasksListed)
  async mine(@Page() page: PageContext, @CurrentUser() actor: AuthenticatedUser): Promise<Html> {
    const { items } = await this.tasks.mine(actor, PAGE);
    return (
      <TaskListPage
        page={page}
        kind="mine"
        tasks={items}
        names={await namesOf(this.owners, items)}
        overdueLink={roleHasPermission(actor.role, Permission.TaskOverdueRead)}
      />
    );
  }

  @Get('overdue')
  @RequirePermission(Permission.TaskOverdueRead)
  @Audited(AuditAction.OverdueTasksListed)
  async overdue(@Page() page: PageContext, @CurrentUser() actor: AuthenticatedUser): Promise<Html> {
    const { items } = await this.tasks.overdue(actor, PAGE);
    return (
      <TaskListPage page={page} kind="overdue" tasks={items} names={await namesOf(this.owners, items)} overdueLink={false} />
    );
  }
}

function namesOf(owners: CaseOwners, tasks: TaskView[]): Promise<Map<string, string>> {
  return owners.usernamesOf([...new Set(tasks.map((t) => t.assigneeUserId))]);
}
