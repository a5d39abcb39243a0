/**
 * The ballots module's job on the platform's queue: hourly, the once-only reminder of a ballot closing within a day,
 * and the ballots the clock closed stored closed with their papers shuffled.
 */
import type { Clock, Db } from '../../http/context.ts';
import type { ModuleJobs } from '../../http/jobs.ts';
import { remindClosingBallots, storeElapsedCloses } from './service.ts';

export function ballotJobs(db: Db, clock: Clock): ModuleJobs {
  return {
    tasks: {
      ballot_closing: async () => {
        await storeElapsedCloses(db, clock);
        await remindClosingBallots(db, clock);
      },
    },
    cron: [
      {
        task: 'ballot_closing',
        match: '20 * * * *',
        identifier: 'ballot_closing',
        options: { backfillPeriod: 3600_000, jobKey: 'ballot_closing', maxAttempts: 3 },
      },
    ],
  };
}
