import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/case-records';
import { Task } from './entities/task.entity';
import { OVERDUE_TASKS } from './overdue-tasks';
import { CaseTasksPagesController, TasksPagesController } from './pages/tasks.pages.controller';
import { TaskJob } from './task-job';
import { CaseTasksController, TasksController } from './tasks.controller';
import { TaskRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const TASK_ENTITIES = [Task];

/** Tasks of cases: generated from the case and added by hand, "my work", the overdue, the daily job. */
@Module({
  imports: [TypeOrmModule.forFeature(TASK_ENTITIES), CasesModule],
  controllers: [CaseTasksController, TasksController, CaseTasksPagesController, TasksPagesController],
  providers: [TasksService, TaskRepository, TaskJob, { provide: OVERDUE_TASKS, useExisting: TasksService }],
  exports: [TasksService, TaskJob, OVERDUE_TASKS],
})
export class TasksModule {}
