import { registerAs } from '@nestjs/config';
import { Env, readInt } from './env';

export interface TaskConfig {
  /**
   * How often each instance runs the task job (PANOH_TASK_JOB_INTERVAL_SECONDS, a day by default; 0
   * turns the timer off). One instance at a time does the work; the others find it taken and skip.
   */
  jobIntervalSeconds: number;
}

export function parseTaskConfig(env: Env): TaskConfig {
  return { jobIntervalSeconds: readInt(env, 'PANOH_TASK_JOB_INTERVAL_SECONDS', 86_400, 0, 7 * 86_400) };
}

export const taskConfig = registerAs('task', () => parseTaskConfig(process.env));
