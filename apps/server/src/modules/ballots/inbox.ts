/**
 * What ballots leave waiting (待办): for a voter, an open ballot they have not voted in (until it closes); for the
 * organiser (the secretaries of the organising org, the 组织部 for the 党委), a ballot past its closing (or closed)
 * and not yet published — to publish the tally, after the paper ballots are entered. Nothing is stored.
 */
import { type InboxItem, toLocalDate } from '@dangjian/core';
import type { Clock } from '../../http/context.ts';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';
import { ballotLink, myBallotsLink, phaseOf } from './service.ts';

const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);

/** The provider reads the phase with the clock (a ballot closes at its closesAt). */
export function ballotInboxProvider(clock: Clock): InboxProvider {
  return {
    id: 'ballots',
    async items(db, actor, today, ownOrgs) {
      const now = clock.now();
      const out: InboxItem[] = [];
      if (actor.permissions.has('ballot:ballot:vote') && actor.personId !== null)
        for (const r of await repo.unvotedOpenBallots(db, actor.personId)) {
          if (phaseOf(r, now) !== 'open') continue;
          const dueDate = toLocalDate(r.closes_at);
          out.push({
            kind: 'ballot.vote',
            title: `参加投票：${short(r.title)}`,
            detail: `${r.org_name}组织的投票，请在截止前投票（手机上每项选择一个等次）。`,
            orgName: r.org_name,
            dueDate,
            overdue: false,
            link: myBallotsLink,
          });
        }
      if (actor.permissions.has('ballot:ballot:manage'))
        for (const r of await repo.unpublishedBallotsOf(db, ownOrgs)) {
          if (phaseOf(r, now) !== 'closed') continue;
          const closedOn = toLocalDate(r.closed_at ?? r.closes_at);
          out.push({
            kind: 'ballot.publish',
            title: `公布投票结果：${short(r.title)}`,
            detail: '投票已结束：请录入纸质选票（两名计票人分别录入）后公布计票结果。',
            orgName: r.org_name,
            dueDate: closedOn,
            overdue: closedOn < today,
            link: ballotLink(r.id),
          });
        }
      return out;
    },
  };
}
