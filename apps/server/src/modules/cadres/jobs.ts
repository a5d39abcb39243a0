/**
 * The cadres module's job on the platform's queue: each morning the 组织部 hears once of each post entering the
 * reminder window (10 years in one post, a term end) and once more when it falls due — the keys carry the rule,
 * the post and the due day, so a moved date is told again and nothing twice.
 */
import { notificationKindLabels } from '@dangjian/core';
import type { Clock, Db } from '../../http/context.ts';
import type { ModuleJobs } from '../../http/jobs.ts';
import { notify } from '../notifications/service.ts';
import { cadreIdOfPost } from './repo.ts';
import { cadreManagers, cadreTermFindings } from './service.ts';

/** Sends the day's reminders; returns how many findings were told (each once). */
export async function remindCadreTerms(db: Db, clock: Clock): Promise<number> {
  const today = clock.today();
  const findings = await cadreTermFindings(db, today, null);
  if (findings.length === 0) return 0;
  let sent = 0;
  await db.transaction().execute(async (trx) => {
    const users = await cadreManagers(trx);
    if (users.length === 0) return;
    for (const f of findings) {
      const rotation = f.ruleId === 'cadre.rotation_due' || f.ruleId === 'cadre.rotation_soon';
      const kind = rotation ? 'cadre.rotation' : 'cadre.term';
      const postId = /^cadre-post-(\d+)-/.exec(f.subject ?? '')?.[1];
      const cadreId = postId ? await cadreIdOfPost(trx, Number(postId)) : null;
      await notify(
        trx,
        {
          kind,
          key: `${f.ruleId}:${f.subject}:${f.dueDate}`,
          userIds: users,
          title: `${notificationKindLabels[kind]}：${f.title}`,
          body: `${f.message}${f.suggestion}`,
          link: cadreId ? `/cadres/${cadreId}` : '/cadres',
        },
        clock.now(),
      );
      sent += 1;
    }
  });
  return sent;
}

export function cadreJobs(db: Db, clock: Clock): ModuleJobs {
  return {
    tasks: {
      cadre_terms_remind: async () => {
        await remindCadreTerms(db, clock);
      },
    },
    // 08:15 Asia/Shanghai.
    cron: [
      {
        task: 'cadre_terms_remind',
        match: '15 0 * * *',
        identifier: 'cadre_terms_remind',
        options: { backfillPeriod: 6 * 3600_000, jobKey: 'cadre_terms_remind', maxAttempts: 3 },
      },
    ],
  };
}
