/**
 * Background and scheduled work through a job queue on PostgreSQL (graphile-worker): every server process
 * runs a worker; a job runs once, in whichever process takes it, and a scheduled one once per tick however
 * many processes run (graphile-worker's cron records each tick it has queued).
 *
 * Jobs: the full evaluation of the findings nightly (00:05 Asia/Shanghai) and, at start-up, the catch-up (a
 * full evaluation when the rules or the day changed since the last one, else the pending marks); and the
 * modules' own (notifications: deliveries with retries, the morning digest and deadline reminders).
 */
import { type CronItem, parseCronItems, type Runner, run, type Task } from 'graphile-worker';
import pg from 'pg';
import { jobLogger, jobSchema } from '../db/job-queue.ts';
import type { Clock, Db } from './context.ts';
import { bringFindingsUpToDate, evaluateAllFindings } from './findings-store.ts';

/** 00:05 in Asia/Shanghai is 16:05 UTC (graphile-worker's cron runs on UTC). */
export const nightlyFindingsCron = '5 16 * * *';

/** A module's tasks and schedules (registered by app.ts; the platform imports no module). */
export interface ModuleJobs {
  tasks: Record<string, Task>;
  cron: CronItem[];
}

export interface JobOptions {
  /** The app role's connection (the worker holds a few connections and LISTENs for new jobs). */
  connectionString: string;
  db: Db;
  clock: Clock;
  log: (level: 'info' | 'warn' | 'error', msg: string) => void;
  /** The nightly evaluation's schedule (DJ_FINDINGS_CRON; a test runs it every minute). */
  findingsCron?: string;
  /** The modules' own jobs. */
  modules?: readonly ModuleJobs[];
}

/** Starts this process's worker and queues the start-up catch-up (one job for all processes: a job key). */
export async function startJobs(options: JobOptions): Promise<{ stop(): Promise<void> }> {
  const { db, clock, log } = options;
  // Our own pool, so a connection the server drops (a restart, a shutdown) is logged, never an unhandled error.
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: 3,
    application_name: 'dangjian-jobs',
  });
  pool.on('error', (e) => log('warn', `任务队列的数据库连接中断：${e.message}`));
  const runner: Runner = await run({
    pgPool: pool,
    schema: jobSchema,
    concurrency: 1,
    pollInterval: 5000,
    noHandleSignals: true,
    logger: jobLogger(log),
    taskList: {
      findings_full: async (payload) => {
        const trigger = (payload as { trigger?: string } | null)?.trigger ?? 'scheduled';
        const s = await evaluateAllFindings(db, clock, trigger);
        log(
          'info',
          `监测预警全面评估（${trigger}）：${s.found} 条，新增 ${s.appeared}，再次出现 ${s.reappeared}，解决 ${s.resolved}`,
        );
      },
      findings_catch_up: async () => {
        await bringFindingsUpToDate(db, clock, 'startup');
      },
      ...Object.assign({}, ...(options.modules ?? []).map((m) => m.tasks)),
    },
    parsedCronItems: parseCronItems([
      {
        task: 'findings_full',
        match: options.findingsCron ?? nightlyFindingsCron,
        identifier: 'findings_nightly',
        // A process down at 00:05 runs the missed evaluation when it starts (within the day).
        options: { backfillPeriod: 20 * 3600_000, jobKey: 'findings_nightly', maxAttempts: 3 },
        payload: { trigger: 'scheduled' },
      },
      ...(options.modules ?? []).flatMap((m) => m.cron),
    ]),
  });
  await runner.addJob('findings_catch_up', {}, { jobKey: 'findings_catch_up', maxAttempts: 5 });
  return {
    async stop() {
      await runner.stop();
      await pool.end();
    },
  };
}
