// Notifications end to end: the message centre through the API, e-mail through a local SMTP server and
// group robots through a local HTTP receiver, delivered by the real job queue — with a retry after a
// failure, no duplicate, quiet hours, and the morning digest once a day's share is used.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify, remindDeadlines, sendDigests } from '../src/modules/notifications/service.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const mails: { to: string; raw: string }[] = [];
const posts: { path: string; body: { msgtype: string; markdown: { content?: string; text?: string } } }[] =
  [];
let failNextPosts = 0;
let smtp: SMTPServer;
let receiver: Server;
let receiverHost: string;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let sec: Client;
let member: Client;
let memberUserId: number;

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (d: Buffer) => {
      s += d.toString();
    });
    req.on('end', () => resolve(s));
  });

/** Subject and text of a raw e-mail (encoded words; base64 or quoted-printable body). */
function decodeMail(raw: string): { subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectLine = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const subject = subjectLine.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
  const body = rest.join('\n\n');
  const text = /Content-Transfer-Encoding: base64/i.test(unfolded)
    ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
    : Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
  return { subject, text };
}

async function send(event: Parameters<typeof notify>[1]) {
  await t.db.transaction().execute((trx) => notify(trx, event, t.clock.now()));
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d: Buffer) => {
        raw += d.toString();
      });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  receiver = createServer(async (req, res) => {
    const body = await readBody(req);
    if (failNextPosts > 0) {
      failNextPosts -= 1;
      res.writeHead(500).end('busy');
      return;
    }
    posts.push({ path: req.url ?? '', body: JSON.parse(body) });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverHost = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  // Noon in Shanghai: outside the default quiet hours.
  t = await createTestApp({
    clock: testClock(new Date('2026-06-15T04:00:00Z')),
    app: {
      background: true,
      notifications: {
        smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
        mailFrom: '党委组织部 <zzb@test.edu.cn>',
        webhookHosts: [receiverHost],
        publicUrl: 'https://dangjian.test.edu.cn',
      },
    },
  });
  tree = await t.factory.tree();
  const people = await t.factory.people(tree.branchA.id, 3);
  sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
  member = await t.as([{ role: 'member', orgId: null }], { personId: people[1]! });
  memberUserId = member.me!.user.id;
}, 60_000);

afterAll(async () => {
  await t.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('the message centre', () => {
  it('lists a user’s own messages with the unread count, and marks them read', async () => {
    await send({
      kind: 'leave.decided',
      key: 'leave.decided:1:1',
      userIds: [memberUserId],
      title: '请假已批准',
      body: '7月1日支部党员大会的请假已批准。',
      link: '/me/activities',
    });
    await send({
      kind: 'leave.decided',
      key: 'leave.decided:1:1',
      userIds: [memberUserId],
      title: '请假已批准',
      body: '重复的事件不会再通知一次。',
      link: '/me/activities',
    });
    const list = await member.get('/api/notifications');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json() as {
      items: { id: number; title: string; readAt: string | null }[];
      unread: number;
      total: number;
    };
    expect(body.total).toBe(1);
    expect(body.unread).toBe(1);
    expect(body.items[0]!.title).toBe('请假已批准');
    // Someone else's ids change nothing of theirs.
    const other = await sec.post('/api/notifications/read', { ids: [body.items[0]!.id] });
    expect(other.json()).toMatchObject({ updated: 0 });
    const read = await member.post('/api/notifications/read', { ids: [body.items[0]!.id] });
    expect(read.json()).toEqual({ updated: 1, unread: 0 });
    const bad = await member.post('/api/notifications/read', { ids: [] });
    expect(bad.statusCode).toBe(400);
  });
});

describe('e-mail', () => {
  it('is off until the user turns it on with an address; then one e-mail per message, with a link', async () => {
    const noAddress = await member.put('/api/notifications/preferences', { emailEnabled: true });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().message).toContain('电子邮箱');
    const badAddress = await member.put('/api/notifications/preferences', { email: 'not-an-address' });
    expect(badAddress.statusCode).toBe(400);
    const on = await member.put('/api/notifications/preferences', {
      email: 'dangyuan@test.edu.cn',
      emailEnabled: true,
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({
      emailEnabled: true,
      email: 'dangyuan@test.edu.cn',
      emailAvailable: true,
      quietStart: '22:00',
    });

    await send({
      kind: 'activity.published',
      key: 'activity.published:7',
      userIds: [memberUserId],
      title: '活动通知：支部党员大会',
      body: '6月20日14:00，党员活动室。',
      link: '/me/activities',
    });
    const mail = await until('the e-mail', async () => mails.find((m) => m.raw.includes('delivery-')));
    expect(mail.to).toBe('dangyuan@test.edu.cn');
    const decoded = decodeMail(mail.raw);
    expect(decoded.subject).toBe('活动通知：支部党员大会');
    expect(decoded.text).toContain('6月20日14:00，党员活动室。');
    expect(decoded.text).toContain('https://dangjian.test.edu.cn/me/activities');
    // The same event again: no second message, no second e-mail.
    await send({
      kind: 'activity.published',
      key: 'activity.published:7',
      userIds: [memberUserId],
      title: '活动通知：支部党员大会',
      body: '6月20日14:00，党员活动室。',
      link: '/me/activities',
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(mails.filter((m) => m.raw.includes('delivery-'))).toHaveLength(1);
  });

  it('waits for the end of the quiet hours at night', async () => {
    t.clock.set(new Date('2026-06-15T15:30:00Z')); // 23:30 in Shanghai
    await send({
      kind: 'finding.assigned',
      key: 'finding.assigned:night',
      userIds: [memberUserId],
      title: '指派给我的预警',
      body: '夜里指派的预警。',
      link: null,
    });
    // The queue runs on the database's clock: the job waits as long as the college's clock says (8 hours, until
    // 07:30 the next morning), counted from when it was queued.
    const { rows } = await sql<{ wait: number }>`
      select extract(epoch from j.run_at - j.created_at)::float8 as wait from graphile_worker.jobs j where j.key = (
        select 'delivery:' || d.id from notification_delivery d where d.subject = '指派给我的预警' and d.body = '夜里指派的预警。')`.execute(
      t.db,
    );
    expect(rows[0]!.wait).toBe(8 * 3600);
    t.clock.set(new Date('2026-06-15T04:10:00Z'));
  });

  it('keeps a day’s surplus for the morning digest, sent once', async () => {
    await member.put('/api/notifications/preferences', { digestAfter: 1 });
    for (const n of [1, 2, 3])
      await send({
        kind: 'deadline.soon',
        key: `deadline:test:${n}`,
        userIds: [memberUserId],
        title: `3 天内到期：第${n}项`,
        body: `第${n}项期限将到。`,
        link: null,
      });
    const held = await until('the held e-mails', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from notification_delivery
        where user_id = ${memberUserId} and state = 'digest'`.execute(t.db);
      return rows[0]!.n === 3 ? rows[0]! : undefined;
    });
    expect(held.n).toBe(3);
    const before = mails.length;
    const sent = await sendDigests(
      t.db,
      t.clock,
      (await import('../src/modules/notifications/channels.ts')).createMailer({
        smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        mailFrom: 'x <x@test.edu.cn>',
        webhookHosts: [],
        publicUrl: null,
      }),
    );
    expect(sent).toBe(1);
    await until('the digest', async () => mails.length > before);
    const digest = decodeMail(mails.at(-1)!.raw);
    expect(digest.subject).toBe('党建工作平台：3 条消息汇总');
    expect(digest.text).toContain('3 天内到期：第2项');
    expect(await sendDigests(t.db, t.clock, null)).toBe(0);
  });
});

describe('group robots', () => {
  it('accept only the two services’ addresses (or the configured hosts), with the key masked', async () => {
    const inner = await sec.post('/api/notifications/robots', {
      orgId: tree.branchA.id,
      kind: 'wecom',
      url: 'http://10.0.0.8/admin',
    });
    expect(inner.statusCode).toBe(400);
    expect(inner.json().message).toContain('Webhook');
    const foreign = await sec.post('/api/notifications/robots', {
      orgId: tree.branchB.id,
      kind: 'wecom',
      url: `http://${receiverHost}/wecom?key=abcdefgh12345678`,
    });
    expect(foreign.statusCode).toBe(404);
    const ok = await sec.post('/api/notifications/robots', {
      orgId: tree.branchA.id,
      kind: 'wecom',
      url: `http://${receiverHost}/wecom?key=abcdefgh12345678`,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().url).toContain('abcd****5678');
    expect(ok.body).not.toContain('abcdefgh12345678');
    const ding = await sec.post('/api/notifications/robots', {
      orgId: tree.branchA.id,
      kind: 'dingtalk',
      url: `http://${receiverHost}/ding?access_token=tok123456789`,
      secret: 'SECdemo',
    });
    expect(ding.statusCode, ding.body).toBe(201);
    const list = await sec.get(`/api/notifications/robots?orgId=${tree.branchA.id}`);
    expect(list.json()).toHaveLength(2);
    const test = await sec.post(`/api/notifications/robots/${ok.json().id}/test`);
    expect(test.json()).toEqual({ ok: true, message: '测试消息已发送' });
  });

  it('carry an org’s event once each, retried after a failure, 钉钉 signed', async () => {
    posts.length = 0;
    failNextPosts = 1;
    await send({
      kind: 'activity.published',
      key: 'activity.published:8',
      userIds: [],
      robotOrgId: tree.branchA.id,
      title: '活动通知：主题党日',
      body: '6月25日，红色教育基地。',
      link: '/activities/8',
    });
    await until('both robots', async () => posts.length >= 2, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(posts).toHaveLength(2);
    const wecom = posts.find((p) => p.path.startsWith('/wecom'))!;
    expect(wecom.body.markdown.content).toContain('活动通知：主题党日');
    const ding = posts.find((p) => p.path.startsWith('/ding'))!;
    expect(ding.path).toMatch(/timestamp=\d+&sign=/);
    const { rows } = await sql<{
      attempts: number;
      state: string;
    }>`select attempts, state from notification_delivery
      where dedupe_key like 'robot:%:activity.published:8' order by attempts desc`.execute(t.db);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(rows[0]!.attempts).toBe(2);
  }, 40_000);
});

describe('deadline reminders', () => {
  it('tell the branch secretary of a finding due within 3 days, once', async () => {
    const [row] = await t.db
      .selectFrom('finding')
      .select(['key', 'org_id'])
      .where('org_id', '=', tree.branchA.id)
      .limit(1)
      .execute();
    expect(row).toBeDefined();
    await t.adminDb
      .updateTable('finding')
      .set({ due_date: '2026-06-17' })
      .where('key', '=', row!.key)
      .execute();
    expect(await remindDeadlines(t.db, t.clock)).toBeGreaterThan(0);
    await remindDeadlines(t.db, t.clock);
    const list = (await sec.get('/api/notifications')).json() as { items: { kind: string; link: string }[] };
    expect(list.items.filter((n) => n.link === `/alerts/${row!.key}`)).toHaveLength(1);
  });
});
