import type { MyActivities, MyActivity } from '@dangjian/core';
import type { Actor, Db } from '../../http/context.ts';
import * as repo from './repo.ts';

/** The caller's upcoming records (not closed or cancelled, from yesterday on) and those of the last 60 days. */
export async function myActivities(db: Db, actor: Actor, now: Date): Promise<MyActivities> {
  if (actor.personId === null) return { upcoming: [], recent: [] };
  const dayMs = 86_400_000;
  const rows = await repo.myAttendanceRows(db, actor.personId, new Date(now.getTime() - 60 * dayMs));
  const present = (r: (typeof rows)[number]): MyActivity => {
    const open = r.status === 'planned' || r.status === 'published' || r.status === 'held';
    return {
      id: r.id,
      org: { id: r.org_id, name: r.org_name },
      kind: r.kind,
      title: r.title,
      status: r.status,
      startsAt: new Date(r.starts_at).toISOString(),
      place: r.place,
      // A notice is the members' to read once published.
      notice: r.notice_published_at ? r.notice : null,
      myStatus: r.my_status,
      leave:
        r.leave_status && r.leave_reason
          ? { status: r.leave_status, reason: r.leave_reason, note: r.leave_note }
          : null,
      canRequestLeave: open && r.my_status === 'expected' && r.leave_status !== 'requested',
      signInOpen: r.status === 'held' && r.sign_in_open,
    };
  };
  const since = now.getTime() - dayMs;
  const isUpcoming = (r: (typeof rows)[number]) =>
    r.status !== 'closed' && r.status !== 'cancelled' && new Date(r.starts_at).getTime() >= since;
  return {
    upcoming: rows.filter(isUpcoming).map(present),
    recent: rows
      .filter((r) => !isUpcoming(r) && new Date(r.starts_at).getTime() <= now.getTime())
      .reverse()
      .map(present),
  };
}
