/** The notifications module's jobs on the platform's queue (app.ts hands them to http/jobs.ts). */
import type { Clock, Db } from '../../http/context.ts';
import type { ModuleJobs } from '../../http/jobs.ts';
import type { ChannelConfig, Mailer } from './channels.ts';
import { deliverOne, remindDeadlines, sendDigests } from './service.ts';

export function notificationJobs(
  db: Db,
  clock: Clock,
  config: ChannelConfig,
  mailer: Mailer | null,
): ModuleJobs {
  return {
    tasks: {
      notification_deliver: async (payload) => {
        await deliverOne(db, clock, config, mailer, String((payload as { id: string }).id));
      },
      notification_digest: async () => {
        await sendDigests(db, clock, mailer);
      },
      notification_deadlines: async () => {
        await remindDeadlines(db, clock);
      },
    },
    // 08:00 Asia/Shanghai (00:00 UTC): the digest of yesterday's surplus and the 3-day deadlines.
    cron: [
      {
        task: 'notification_digest',
        match: '0 0 * * *',
        identifier: 'notification_digest',
        options: { backfillPeriod: 6 * 3600_000, jobKey: 'notification_digest', maxAttempts: 3 },
      },
      {
        task: 'notification_deadlines',
        match: '5 0 * * *',
        identifier: 'notification_deadlines',
        options: { backfillPeriod: 6 * 3600_000, jobKey: 'notification_deadlines', maxAttempts: 3 },
      },
    ],
  };
}
