import type { Task, TaskClosure, TaskKind } from './entities/task.entity';

/** A task as the owning organisation sees it: codes, days and ids, and a hand-added task's title. */
export interface TaskView {
  id: string;
  caseId: string;
  caseReference: string;
  kind: TaskKind;
  subjectId: string | null;
  title: string | null;
  dueOn: string;
  overdue: boolean;
  assigneeUserId: string;
  doneAt: string | null;
  doneBy: string | null;
  closedReason: TaskClosure | null;
  createdAt: string;
}

export interface TaskPage {
  items: TaskView[];
  total: number;
  limit: number;
  offset: number;
}

/** The view of `task`, its title in clear (null for a generated task), as of day `today`. */
export function toTaskView(task: Task, caseReference: string, title: string | null, today: string): TaskView {
  return {
    id: task.id,
    caseId: task.caseId,
    caseReference,
    kind: task.kind,
    subjectId: task.subjectId,
    title,
    dueOn: task.dueOn,
    overdue: task.doneAt === null && task.dueOn < today,
    assigneeUserId: task.assigneeUserId,
    doneAt: task.doneAt?.toISOString() ?? null,
    doneBy: task.doneBy,
    closedReason: task.closedReason,
    createdAt: task.createdAt.toISOString(),
  };
}

/** The day of `moment` in UTC, YYYY-MM-DD: the days tasks fall due on. */
export function dayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}
