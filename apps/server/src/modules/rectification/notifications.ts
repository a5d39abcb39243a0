/**
 * Who hears of what happens to a rectification item, through the notifications module: the secretaries of the
 * org that rectifies and the 责任人 when they have an account, never the one who did it. An item opened, returned,
 * closed (销号), an extension decided, an item reopened by a 回头看: once each (the key names the item's version
 * after the step). The reminder before the deadline is the morning's 3-day reminder of the item's 即将到期 finding,
 * which goes to the 责任人 (`reminderOf`).
 */
import {
  type NotificationKind,
  type RectificationTransition,
  rectificationStatusLabels,
} from '@dangjian/core';
import type { Trx } from '../../http/context.ts';
import type { DueFinding, DueReminder } from '../../http/findings.ts';
import { notify, secretariesOf, usersOfPeople } from '../notifications/service.ts';
import { reminderTarget } from './repo.ts';

/** The item as a message names it. */
export interface NotifiedItem {
  id: number;
  orgId: number;
  orgName: string;
  problem: string;
  responsiblePersonId: number | null;
}

const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);
const linkOf = (id: number) => `/rectifications/${id}`;

/** The org's secretaries and the 责任人's account, less the user who acted. */
async function recipients(trx: Trx, item: NotifiedItem, actorUserId: number | null): Promise<number[]> {
  const users = new Set(await secretariesOf(trx, item.orgId));
  if (item.responsiblePersonId !== null)
    for (const u of await usersOfPeople(trx, [item.responsiblePersonId])) users.add(u);
  if (actorUserId !== null) users.delete(actorUserId);
  return [...users];
}

async function send(
  trx: Trx,
  item: NotifiedItem,
  actorUserId: number | null,
  m: { kind: NotificationKind; key: string; title: string; body: string },
  now: Date,
): Promise<void> {
  const userIds = await recipients(trx, item, actorUserId);
  if (userIds.length === 0) return;
  await notify(trx, { ...m, userIds, link: linkOf(item.id) }, now);
}

/** A new item for the org: what the problem is and by when. */
export async function tellItemOpened(
  trx: Trx,
  item: NotifiedItem,
  deadline: string,
  actorUserId: number | null,
  now: Date,
): Promise<void> {
  await send(
    trx,
    item,
    actorUserId,
    {
      kind: 'rectification.opened',
      key: `rectification.opened:${item.id}`,
      title: `新的整改事项：${item.orgName}`,
      body: `${short(item.problem)}（整改期限 ${deadline}）`,
    },
    now,
  );
}

/** The transitions the org that rectifies hears of, by the notification kind they send. */
const toldKinds: Partial<Record<RectificationTransition, NotificationKind>> = {
  return: 'rectification.returned',
  verify: 'rectification.closed',
  approve_extension: 'rectification.extension_decided',
  reject_extension: 'rectification.extension_decided',
  reopen: 'rectification.reopened',
};

/**
 * A step of the level above that the org that rectifies should know of (returned, 销号, extension decided,
 * reopened); other steps are its own and tell no one. `version` is the item's version after the step.
 */
export async function tellTransition(
  trx: Trx,
  item: NotifiedItem,
  step: {
    transition: RectificationTransition;
    version: number;
    reason: string | null;
    deadline: string;
    by: string;
  },
  actorUserId: number | null,
  now: Date,
): Promise<void> {
  const kind = toldKinds[step.transition];
  if (!kind) return;
  const what = short(item.problem);
  const texts: Record<string, { title: string; body: string }> = {
    return: {
      title: `整改被退回：${what}`,
      body: `${step.by}退回重改，状态为“${rectificationStatusLabels.in_progress}”。退回理由：${step.reason ?? ''}`,
    },
    verify: { title: `整改已销号：${what}`, body: `${step.by}审核通过，${item.orgName}的该整改事项已销号。` },
    approve_extension: {
      title: `同意延期：${what}`,
      body: `${step.by}同意延期，整改期限调整为 ${step.deadline}。`,
    },
    reject_extension: {
      title: `不同意延期：${what}`,
      body: `${step.by}不同意延期，整改期限仍为 ${step.deadline}。理由：${step.reason ?? ''}`,
    },
    reopen: {
      title: `回头看重新打开整改：${what}`,
      body: `${step.by}回头看发现问题反弹：${step.reason ?? ''}。请重新整改，整改期限 ${step.deadline}。`,
    },
  };
  const text = texts[step.transition]!;
  await send(trx, item, actorUserId, { kind, key: `${kind}:${item.id}:${step.version}`, ...text }, now);
}

/**
 * Who the morning's reminder of an item's deadline (its 即将到期 finding, 3 days ahead) goes to: the item's 责任人
 * when they have an account, else the secretaries of the org that rectifies, and whoever the finding is assigned
 * to; it opens the item. Once per due date (the reminder's key names it), so an extension is reminded afresh.
 */
export async function reminderOf(trx: Trx, f: DueFinding): Promise<DueReminder | null> {
  const id = /^rectification-(\d+)$/.exec(f.subject ?? '')?.[1];
  const item = id === undefined ? undefined : await reminderTarget(trx, Number(id));
  if (!item) return null;
  const responsible = await usersOfPeople(
    trx,
    item.responsible_person_id === null ? [] : [item.responsible_person_id],
  );
  const users = new Set(responsible.length > 0 ? responsible : await secretariesOf(trx, item.org_id));
  if (f.assigneePersonId !== null)
    for (const u of await usersOfPeople(trx, [f.assigneePersonId])) users.add(u);
  return { userIds: [...users], link: linkOf(item.id) };
}
