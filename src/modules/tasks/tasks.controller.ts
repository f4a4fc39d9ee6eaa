import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../../core/http/body-limit.decorator';
import { UuidParamPipe } from '../../core/http/validation';
import { AddTaskDto, TaskPageQueryDto, UpdateTaskDto } from './dto/task.dto';
import { TaskPageDto, TaskViewDto } from './dto/task-view.dto';
import type { TaskPage, TaskView } from './task-views';
import { TasksService } from './tasks.service';

const uuid = new UuidParamPipe();
const DEFAULT_PAGE = 50;

@ApiTags('tasks')
@Controller('cases/:id/tasks')
export class CaseTasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: "A case's tasks, generated and added by hand (the owning organisation only)" })
  @RequirePermission(Permission.TaskRead)
  @Audited(AuditAction.TasksListed)
  @ApiOkResponse({ type: [TaskViewDto], description: 'Open tasks first, by due day' })
  list(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<TaskView[]> {
    return this.tasks.listForCase(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a task to a case by hand' })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.TaskWrite)
  @Audited(AuditAction.TaskAdded)
  @ApiCreatedResponse({ type: TaskViewDto, description: 'The task, assigned to the case owner unless another is named' })
  add(
    @Param('id', uuid) id: string,
    @Body() dto: AddTaskDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<TaskView> {
    return this.tasks.add(actor, id, dto);
  }

  @Patch(':taskId')
  @ApiOperation({ summary: 'Mark a task done, give it to another, or move a hand-added task to another day' })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.TaskWrite)
  @Audited(AuditAction.TaskUpdated)
  @ApiOkResponse({ type: TaskViewDto, description: 'The task as changed' })
  update(
    @Param('id', uuid) id: string,
    @Param('taskId', uuid) taskId: string,
    @Body() dto: UpdateTaskDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<TaskView> {
    return this.tasks.update(actor, id, taskId, dto);
  }
}

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('mine')
  @ApiOperation({ summary: '"My work": the open tasks assigned to the caller, soonest first' })
  @RequirePermission(Permission.TaskRead)
  @Audited(AuditAction.MyTasksListed)
  @ApiOkResponse({ type: TaskPageDto })
  mine(@Query() query: TaskPageQueryDto, @CurrentUser() actor: AuthenticatedUser): Promise<TaskPage> {
    return this.tasks.mine(actor, { limit: query.limit ?? DEFAULT_PAGE, offset: query.offset ?? 0 });
  }

  @Get('overdue')
  @ApiOperation({ summary: "The open tasks of the caller's organisation past their due day (manager)" })
  @RequirePermission(Permission.TaskOverdueRead)
  @Audited(AuditAction.OverdueTasksListed)
  @ApiOkResponse({ type: TaskPageDto })
  overdue(@Query() query: TaskPageQueryDto, @CurrentUser() actor: AuthenticatedUser): Promise<TaskPage> {
    return this.tasks.overdue(actor, { limit: query.limit ?? DEFAULT_PAGE, offset: query.offset ?? 0 });
  }
}
