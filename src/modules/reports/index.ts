// The reports module's public face: what other modules may use of it.
export { ReportsModule } from './reports.module';
export { OVERDUE_TASKS } from './overdue-tasks.port';
export type { OverdueTasks } from './overdue-tasks.port';
