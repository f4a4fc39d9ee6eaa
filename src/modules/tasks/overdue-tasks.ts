import type { AuthenticatedUser } from '../../core/access/authenticated-user';

/**
 * What another module (the organisation's reports) may ask of the tasks: how many of an
 * organisation's tasks are overdue. Injected by this token, so that the asker depends on this small
 * file and not on the tasks module's service.
 */
export interface OverdueTasks {
  /** The open tasks of `organisationId` past their due day; `manager` must be its org_manager (else 0). */
  overdueCount(organisationId: string, manager: AuthenticatedUser): Promise<number>;
}

export const OVERDUE_TASKS = Symbol('OVERDUE_TASKS');
