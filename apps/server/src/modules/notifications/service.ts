/**
 * Notifications: `notify` (called by the modules where something happens, in their transaction) keeps a
 * message for each recipient and queues the outside messages their preferences and their org's group robots
 * ask for; the job queue delivers them with retries (`deliverOne`), holds a day's surplus e-mails for the
 * morning digest (`sendDigests`), and each morning tells the responsible people of findings due within 3
 * days (`remindDeadlines`). Nothing counts or ranks who reads what.
 */
import {
  AppError,
  addDays,
  defaultNotificationPreferences,
  goesToDigest,
  type IsoDate,
  type NotificationKind,
  type NotificationPreferences,
  nextDeliveryAt,
  notificationKindLabels,
  type OrgRobot,
  ruleCatalogue,
  toLocalDate,
} from '@dangjian/core';
import type { Actor, AuditChange, Clock, Db, Trx } from '../../http/context.ts';
import { findingsProvider } from '../../http/findings.ts';
import { requireOrgsInScope } from '../../http/scope.ts';
import {
  type ChannelConfig,
  type Mailer,
  maskWebhookUrl,
  postToRobot,
  webhookUrlProblem,
} from './channels.ts';
import * as repo from './repo.ts';

/** Something someone should hear of. */
export interface NotifyEvent {
  kind: NotificationKind;
  /** The event's identity ('leave.requested:12:345'): the same event never notifies anyone twice. */
  key: string;
  userIds: readonly number[];
  title: string;
  body: string;
  /** Where it is done or seen (a path of the web app). */
  link: string | null;
  /** The org whose group robots also carry it (an activity published to a branch). */
  robotOrgId?: number | null;
}

const robotQuiet = {
  quietStart: defaultNotificationPreferences.quietStart,
  quietEnd: defaultNotificationPreferences.quietEnd,
};

function preferencesFrom(
  row: Awaited<ReturnType<typeof repo.preferencesOf>>[number] | undefined,
): NotificationPreferences {
  if (!row) return { ...defaultNotificationPreferences };
  return {
    email: row.email,
    emailEnabled: row.email_enabled,
    mutedKinds: row.muted_kinds,
    quietStart: row.quiet_start,
    quietEnd: row.quiet_end,
    digestAfter: row.digest_after,
  };
}

/** Keeps the messages and queues the outside ones, in the caller's transaction (all or nothing with the write). */
export async function notify(trx: Trx, e: NotifyEvent, now: Date): Promise<void> {
  const userIds = [...new Set(e.userIds)];
  const inserted = await repo.insertNotifications(
    trx,
    userIds.map((userId) => ({
      userId,
      kind: e.kind,
      key: e.key,
      title: e.title,
      body: e.body,
      link: e.link,
    })),
    now,
  );
  const prefs = new Map(
    (
      await repo.preferencesOf(
        trx,
        inserted.map((r) => r.user_id),
      )
    ).map((p) => [p.user_id, p]),
  );
  for (const n of inserted) {
    const p = preferencesFrom(prefs.get(n.user_id));
    if (!p.emailEnabled || !p.email || p.mutedKinds.includes(e.kind)) continue;
    const id = await repo.insertDelivery(
      trx,
      {
        key: `email:${n.id}`,
        channel: 'email',
        userId: n.user_id,
        robotId: null,
        target: p.email,
        subject: e.title,
        body: e.body,
        link: e.link,
      },
      now,
    );
    if (id) await repo.enqueueDelivery(trx, id, nextDeliveryAt(now, p).getTime() - now.getTime());
  }
  if (e.robotOrgId) {
    for (const robot of await repo.robotsOfOrg(trx, e.robotOrgId, true)) {
      const id = await repo.insertDelivery(
        trx,
        {
          key: `robot:${robot.id}:${e.key}`,
          channel: robot.kind,
          userId: null,
          robotId: robot.id,
          target: maskWebhookUrl(robot.url),
          subject: e.title,
          body: e.body,
          link: e.link,
        },
        now,
      );
      if (id) await repo.enqueueDelivery(trx, id, nextDeliveryAt(now, robotQuiet).getTime() - now.getTime());
    }
  }
}

/** The users with an account among some people (recipients named by person). */
export async function usersOfPeople(db: Db | Trx, personIds: readonly number[]): Promise<number[]> {
  return (await repo.usersOfPeople(db, personIds)).map((u) => u.id);
}

/** The users who run an org's work (its secretaries; a 党小组's are its branch's). */
export const secretariesOf = (db: Db | Trx, orgId: number) => repo.secretariesOf(db, orgId);

// ——— The message centre ———

export async function listNotifications(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; unread?: boolean | undefined },
) {
  const { items, total, unread } = await repo.listNotifications(
    db,
    actor.userId,
    q.unread === true,
    (q.page - 1) * q.pageSize,
    q.pageSize,
  );
  return {
    items: items.map((n) => ({
      id: Number(n.id),
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: new Date(n.created_at).toISOString(),
      readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
    })),
    total,
    unread,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function markNotificationsRead(
  db: Db,
  actor: Actor,
  body: { ids: number[] } | { all: true },
  now: Date,
) {
  const updated = await repo.markRead(db, actor.userId, 'ids' in body ? body.ids : 'all', now);
  const { unread } = await repo.listNotifications(db, actor.userId, true, 0, 1);
  return { updated, unread };
}

export async function getPreferences(db: Db | Trx, actor: Actor, emailAvailable: boolean) {
  const [row] = await repo.preferencesOf(db, [actor.userId]);
  return { ...preferencesFrom(row), emailAvailable };
}

export async function updatePreferences(
  trx: Trx,
  actor: Actor,
  body: Partial<NotificationPreferences>,
  change: AuditChange,
): Promise<void> {
  const [row] = await repo.preferencesOf(trx, [actor.userId]);
  const before = preferencesFrom(row);
  const after: NotificationPreferences = {
    email: body.email !== undefined ? body.email : before.email,
    emailEnabled: body.emailEnabled ?? before.emailEnabled,
    mutedKinds: body.mutedKinds ?? before.mutedKinds,
    quietStart: body.quietStart ?? before.quietStart,
    quietEnd: body.quietEnd ?? before.quietEnd,
    digestAfter: body.digestAfter ?? before.digestAfter,
  };
  if (after.emailEnabled && !after.email)
    throw new AppError('VALIDATION_FAILED', '电子邮箱：开启邮件通知须填写电子邮箱', {
      fields: [{ path: 'email', message: '开启邮件通知须填写电子邮箱' }],
    });
  await repo.savePreferences(trx, actor.userId, after);
  Object.assign(change, {
    targetType: 'user',
    targetId: actor.userId,
    summary: '修改通知设置',
    before,
    after,
  });
}

// ——— Group robots ———

function presentRobot(r: Awaited<ReturnType<typeof repo.robotsOfOrg>>[number]): OrgRobot {
  return {
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    url: maskWebhookUrl(r.url),
    hasSecret: r.secret !== null,
    enabled: r.enabled,
  };
}

export async function listRobots(db: Db, actor: Actor, orgId: number): Promise<OrgRobot[]> {
  await requireOrgsInScope(db, actor, [orgId], 'orgId', '党组织');
  return (await repo.robotsOfOrg(db, orgId)).map(presentRobot);
}

export async function createRobot(
  trx: Trx,
  actor: Actor,
  body: { orgId: number; kind: 'wecom' | 'dingtalk'; url: string; secret?: string | undefined },
  config: ChannelConfig,
  now: Date,
  change: AuditChange,
): Promise<OrgRobot> {
  await requireOrgsInScope(trx, actor, [body.orgId], 'orgId', '党组织');
  const problem = webhookUrlProblem(body.url, config.webhookHosts);
  if (problem)
    throw new AppError('VALIDATION_FAILED', `Webhook 地址：${problem}`, {
      fields: [{ path: 'url', message: problem }],
    });
  if (body.kind === 'wecom' && body.secret)
    throw new AppError('VALIDATION_FAILED', '加签密钥：企业微信群机器人没有加签密钥', {
      fields: [{ path: 'secret', message: '企业微信群机器人没有加签密钥' }],
    });
  const row = await repo.insertRobot(
    trx,
    { orgId: body.orgId, kind: body.kind, url: body.url, secret: body.secret ?? null },
    now,
  );
  if (!row) throw new AppError('CONFLICT', '该党组织已添加这个群机器人');
  const robot = await repo.findRobot(trx, row.id);
  Object.assign(change, {
    targetType: 'org',
    targetId: body.orgId,
    summary: `添加${body.kind === 'wecom' ? '企业微信' : '钉钉'}群机器人`,
    after: { kind: body.kind, url: maskWebhookUrl(body.url) },
  });
  return presentRobot(robot!);
}

async function robotInScope(db: Db | Trx, actor: Actor, id: number) {
  const robot = await repo.findRobot(db, id);
  if (!robot) throw new AppError('NOT_FOUND', '该群机器人不存在');
  try {
    await requireOrgsInScope(db, actor, [robot.org_id], 'id', '群机器人');
  } catch {
    throw new AppError('NOT_FOUND', '该群机器人不存在');
  }
  return robot;
}

export async function deleteRobot(trx: Trx, actor: Actor, id: number, change: AuditChange): Promise<void> {
  const robot = await robotInScope(trx, actor, id);
  await repo.deleteRobot(trx, id);
  Object.assign(change, {
    targetType: 'org',
    targetId: robot.org_id,
    summary: `删除${robot.kind === 'wecom' ? '企业微信' : '钉钉'}群机器人`,
    before: { kind: robot.kind, url: maskWebhookUrl(robot.url) },
  });
}

/** Sends a test message to a robot at once and says whether it arrived (the secretary checks the address). */
export async function testRobot(db: Db, actor: Actor, id: number, config: ChannelConfig, now: Date) {
  const robot = await robotInScope(db, actor, id);
  try {
    await postToRobot(
      config,
      robot,
      {
        subject: '党建工作平台测试消息',
        body: '群机器人已接入党建工作平台，今后的活动通知会发到本群。',
        link: null,
      },
      now,
    );
    return { ok: true, message: '测试消息已发送' };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

// ——— Jobs ———

const maxAttempts = 6;

/** Delivers one outside message (the queue's task): once sent it is never sent again. */
export async function deliverOne(
  db: Db,
  clock: Clock,
  config: ChannelConfig,
  mailer: Mailer | null,
  id: string,
): Promise<void> {
  const now = clock.now();
  const claimed = await db.transaction().execute(async (trx) => {
    const d = await repo.lockDelivery(trx, id);
    if (d?.state !== 'pending') return null;
    if (d.channel === 'email') {
      if (!mailer) {
        await repo.setDeliveryState(trx, id, 'failed', now, '未配置邮件服务器（DJ_SMTP_URL）');
        return null;
      }
      const [row] = await repo.preferencesOf(trx, [d.user_id!]);
      const p = preferencesFrom(row);
      const dayStart = new Date(`${toLocalDate(now)}T00:00:00+08:00`);
      if (goesToDigest(await repo.emailsSentSince(trx, d.user_id!, dayStart), p.digestAfter)) {
        await repo.setDeliveryState(trx, id, 'digest', now);
        return null;
      }
    } else if (!d.robot_enabled || !d.robot_url) {
      await repo.setDeliveryState(trx, id, 'failed', now, '群机器人已删除或停用');
      return null;
    }
    return d;
  });
  if (!claimed) return;
  const message = { subject: claimed.subject, body: claimed.body, link: claimed.link };
  try {
    if (claimed.channel === 'email') await mailer!.send(claimed.target, message, `delivery-${id}`);
    else
      await postToRobot(
        config,
        { kind: claimed.channel, url: claimed.robot_url!, secret: claimed.robot_secret },
        message,
        now,
      );
  } catch (e) {
    const row = await repo.deliveryAttempts(db, id);
    const last = (row?.attempts ?? 0) + 1 >= maxAttempts;
    await repo.setDeliveryState(db, id, last ? 'failed' : 'pending', now, (e as Error).message);
    if (!last) throw e;
    return;
  }
  await repo.setDeliveryState(db, id, 'sent', now);
}

/** The morning digest: one e-mail per user with the messages held since the last one. */
export async function sendDigests(db: Db, clock: Clock, mailer: Mailer | null): Promise<number> {
  if (!mailer) return 0;
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const held = await repo.heldForDigest(trx);
    const byUser = new Map<number, typeof held>();
    for (const h of held) byUser.set(h.user_id!, [...(byUser.get(h.user_id!) ?? []), h]);
    for (const [userId, rows] of byUser) {
      const body = rows.map((r, i) => `${i + 1}. ${r.subject}\n   ${r.body}`).join('\n\n');
      await mailer.send(
        rows.at(-1)!.target,
        { subject: `党建工作平台：${rows.length} 条消息汇总`, body, link: '/notifications' },
        `digest-${userId}-${toLocalDate(now)}`,
      );
      await repo.markDigestSent(
        trx,
        rows.map((r) => r.id),
        now,
      );
    }
    return byUser.size;
  });
}

/**
 * Each morning: the responsible people of every open finding due within 3 days hear of it, once per due date (a
 * deadline moved is a new one). By default the org's secretaries and the finding's assignee, sent to the alert; a
 * provider may name others (`reminderOf`: a rectification item's 责任人).
 */
export async function remindDeadlines(db: Db, clock: Clock): Promise<number> {
  const today: IsoDate = clock.today();
  const due = await repo.findingsDueBetween(db, today, addDays(today, 3));
  let sent = 0;
  for (const f of due) {
    await db.transaction().execute(async (trx) => {
      const named = await findingsProvider(f.provider)?.reminderOf?.(trx, {
        ruleId: f.rule_id,
        orgId: f.org_id,
        subject: f.subject,
        assigneePersonId: f.assignee_person_id,
      });
      const users = new Set(named?.userIds ?? (await repo.secretariesOf(trx, f.org_id)));
      if (!named && f.assignee_person_id !== null)
        for (const u of await repo.usersOfPeople(trx, [f.assignee_person_id])) users.add(u.id);
      if (users.size === 0) return;
      await notify(
        trx,
        {
          kind: 'deadline.soon',
          key: `deadline:${f.key}:${f.due_date}`,
          userIds: [...users],
          title: `${notificationKindLabels['deadline.soon']}：${ruleCatalogue[f.rule_id].title}`,
          body: `${f.org_name}：${f.message}（期限 ${f.due_date}）`,
          link: named?.link ?? `/alerts/${f.key}`,
        },
        clock.now(),
      );
      sent += 1;
    });
  }
  return sent;
}
