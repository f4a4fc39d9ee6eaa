import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { nrmConfig, taskConfig } from '../../core/config';
import { Clock } from '../../core/time/clock';
import { dayOf } from './task-views';
import { TASK_SYNC_LOCK_CLASS } from './tasks.repository';

/** One job at a time across every instance (a session advisory lock, held for the whole run). */
export const TASK_JOB_LOCK = 0x70616e6f6874; // 'panoht'

export interface TaskJobResult {
  /** False when another instance was running the job: this one did nothing. */
  ran: boolean;
  organisations: number;
  created: number;
  closed: number;
  notified: number;
}

/**
 * The daily task job: for every service organisation, in its own short transaction, creates the
 * tasks its cases call for, closes those whose condition is met and notifies the newly overdue ones
 * (panoh_sync_tasks; idempotent by the task's unique key). Each instance runs it on its own timer
 * (PANOH_TASK_JOB_INTERVAL_SECONDS); the one that takes the lock does the work and the others skip.
 * An organisation's sync also waits for any request syncing the same organisation.
 */
@Injectable()
export class TaskJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TaskJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(taskConfig.KEY) private readonly config: ConfigType<typeof taskConfig>,
    @Inject(nrmConfig.KEY) private readonly nrm: ConfigType<typeof nrmConfig>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.jobIntervalSeconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run()
        .catch((error: unknown) => this.logger.warn(`task job failed: ${error instanceof Error ? error.name : 'error'}`))
        .finally(() => (this.running = undefined));
    }, this.config.jobIntervalSeconds * 1000);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress, so that the pool closes with nothing checked out. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async run(): Promise<TaskJobResult> {
    const result: TaskJobResult = { ran: false, organisations: 0, created: 0, closed: 0, notified: 0 };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [TASK_JOB_LOCK]);
      if (!locked) return result;
      try {
        result.ran = true;
        const today = dayOf(this.clock.now());
        const organisations: Array<{ id: string }> = await runner.query(
          `SELECT id FROM organisation WHERE kind = 'service' ORDER BY id`,
        );
        for (const { id } of organisations) {
          await runner.startTransaction();
          try {
            await runner.query(`SELECT pg_advisory_xact_lock($1, hashtext($2::text))`, [TASK_SYNC_LOCK_CLASS, id]);
            const [row]: Array<{ created: number; closed: number; notified: number }> = await runner.query(
              `SELECT created, closed, notified FROM panoh_sync_tasks($1, $2::date, $3)`,
              [id, today, this.nrm.reflectionPeriodDays],
            );
            await runner.commitTransaction();
            result.organisations += 1;
            result.created += row.created;
            result.closed += row.closed;
            result.notified += row.notified;
          } catch (error) {
            await runner.rollbackTransaction();
            throw error;
          }
        }
        return result;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [TASK_JOB_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}
