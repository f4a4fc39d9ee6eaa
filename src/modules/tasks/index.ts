// The tasks module's public face: what other modules may use of it.
export { TASK_ENTITIES, TasksModule } from './tasks.module';
export { TasksService } from './tasks.service';
export { TaskJob } from './task-job';
export type { TaskJobResult } from './task-job';
export { OVERDUE_TASKS } from './overdue-tasks';
export type { OverdueTasks } from './overdue-tasks';
export type { TaskPage, TaskView } from './task-views';
