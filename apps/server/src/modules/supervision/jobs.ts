/** The supervision module's job on the platform's queue: the morning's escalation of overdue tasks. */
import type { Clock, Db } from '../../http/context.ts';
import type { ModuleJobs } from '../../http/jobs.ts';
import { escalateOverdueTasks } from './service.ts';

export function supervisionJobs(db: Db, clock: Clock): ModuleJobs {
  return {
    tasks: {
      supervision_overdue: async () => {
        await escalateOverdueTasks(db, clock);
      },
    },
    // 08:10 Asia/Shanghai, after the notifications module's deadline reminders.
    cron: [
      {
        task: 'supervision_overdue',
        match: '10 0 * * *',
        identifier: 'supervision_overdue',
        options: { backfillPeriod: 6 * 3600_000, jobKey: 'supervision_overdue', maxAttempts: 3 },
      },
    ],
  };
}
