/**
 * How many of an organisation's tasks are past their due date: answered by the tasks module, which
 * provides it under OVERDUE_TASKS. Until one does, the reports say the count is not available rather
 * than zero.
 */
export interface OverdueTasks {
  overdueCount(organisationId: string): Promise<number>;
}

export const OVERDUE_TASKS = Symbol('OVERDUE_TASKS');
