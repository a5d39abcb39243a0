import { renameSync, writeFileSync } from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { clockFile, demoPassword, receivers } from '../playwright.config.ts';
import { failOncePath, fetchReceived, retryMailDomain } from '../receivers.ts';
import { signIn } from './sign-in.ts';

type Me = {
  csrfToken: string;
  user: { displayName: string };
  scope: { kind: string; orgIds?: number[] };
};
type Preferences = {
  email: string | null;
  emailEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  digestAfter: number;
  emailAvailable: boolean;
};

async function apiLogin(request: APIRequestContext, username: string): Promise<Me> {
  const res = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()) as Me;
}

/** Writes the server's clock offset atomically (the server looks at the file at most once a second). */
function setClockOffset(text: string): void {
  writeFileSync(`${clockFile}.tmp`, text);
  renameSync(`${clockFile}.tmp`, clockFile);
}

/**
 * Moves the college's time of day to 12:00 in Shanghai, the date unchanged: the group robots keep the default
 * quiet hours (22:00–07:30; nobody can change them), so at night their messages would wait for the morning.
 */
function clockToNoon(): void {
  const minutes = Math.floor(((Date.now() + 8 * 3600_000) % 86_400_000) / 60_000);
  const shift = 12 * 60 - minutes; // −11:59 … +12:00
  const abs = Math.abs(shift);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  setClockOffset(`0 ${shift < 0 ? '-' : '+'}${hhmm}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('e-mail and webhook delivery against the local receivers with a retry after a failure and no duplicate', async ({
  browser,
  playwright,
  baseURL,
}) => {
  // Two deliveries, each failing once: the queue retries after its backoff (e^attempts s) and its 5 s poll.
  test.setTimeout(180_000);
  const stamp = String(Date.now()).slice(-8);
  const email = `zhibu-${stamp}@${retryMailDomain}`;
  const robotKey = `e2e${stamp}robotkey`;
  const robotUrl = `http://127.0.0.1:${receivers.webhook}${failOncePath}cgi-bin/webhook/send?key=${robotKey}`;
  const title = `消息送达测试${stamp}（端到端）`;
  const reason = '参加学校招生宣传';

  clockToNoon();
  const zhibuApi = await playwright.request.newContext({ baseURL });
  let activityId: number | null = null;
  let csrf: string | null = null;
  try {
    await sleep(1500);
    const zhibu = await apiLogin(zhibuApi, 'zhibu');
    csrf = zhibu.csrfToken;
    const orgId = zhibu.scope.orgIds?.[0];
    expect(zhibu.scope.kind).toBe('subtrees');
    if (orgId === undefined) throw new Error('zhibu has no branch');

    // A meeting of the branch in three days, planned (its notice goes out once the robot is there).
    const created = await zhibuApi.post('/api/activities', {
      headers: { 'X-CSRF-Token': zhibu.csrfToken },
      data: {
        orgId,
        kind: 'general_meeting',
        title,
        startsAt: new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 3 * 86_400_000).toISOString(),
        place: '党员活动室',
        notice: '学习贯彻党的二十届四中全会精神，请准时参加。',
      },
    });
    expect(created.ok(), await created.text()).toBeTruthy();
    activityId = ((await created.json()) as { id: number }).id;

    // The secretary, on a desktop: e-mail on, with an address; quiet hours at night and a daily cap above
    // what this flow sends, so neither holds the e-mail back at the college's noon.
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await desk.newPage();
    await signIn(page, 'zhibu');
    await page.goto('/notifications/settings');
    await expect(page.getByRole('heading', { level: 1, name: '通知设置' })).toBeVisible();
    const emailSwitch = page.getByRole('switch', { name: '同时发送电子邮件' });
    // The server has an SMTP server (DJ_SMTP_URL): e-mail can be turned on.
    await expect(emailSwitch).toBeEnabled();
    await expect(page.getByText('邮件服务未配置')).toHaveCount(0);
    if ((await emailSwitch.getAttribute('aria-checked')) !== 'true') await emailSwitch.click();
    await expect(emailSwitch).toHaveAttribute('aria-checked', 'true');
    await page.getByLabel('电子邮箱').fill(email);
    for (const [label, value] of [
      ['免打扰开始时间', '22:30'],
      ['免打扰结束时间', '07:00'],
    ] as const) {
      const picker = page.getByLabel(label);
      await picker.click();
      await picker.fill(value);
      await picker.press('Tab');
      await expect(picker).toHaveValue(value);
    }
    await page.getByLabel('每日邮件上限').fill('20');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText('通知设置已保存')).toBeVisible();
    const prefs = (await (await zhibuApi.get('/api/notifications/preferences')).json()) as Preferences;
    expect(prefs).toMatchObject({
      email,
      emailEnabled: true,
      quietStart: '22:30',
      quietEnd: '07:00',
      digestAfter: 20,
      emailAvailable: true,
    });

    // A 企业微信 group robot for the branch, pointing at the local receiver (which fails its first message).
    await page.goto(`/orgs/${orgId}?tab=robots`);
    await expect(page.getByRole('tab', { name: '群机器人', selected: true })).toBeVisible();
    await page.getByRole('button', { name: '添加群机器人' }).click();
    const dialog = page.getByRole('dialog', { name: '添加群机器人' });
    await expect(dialog.getByRole('radio', { name: '企业微信群机器人' })).toBeChecked();
    await dialog.getByLabel('Webhook 地址').fill(robotUrl);
    await dialog.getByRole('button', { name: /添\s*加/ }).click();
    await expect(page.getByText('群机器人已添加')).toBeVisible();
    // Shown with its key masked: the address is a credential.
    await expect(page.getByText(`key=${robotKey.slice(0, 4)}****${robotKey.slice(-4)}`)).toBeVisible();
    await expect(page.getByText(robotKey)).toHaveCount(0);

    // The notice goes out: the members hear of it, and so does the branch's group.
    await page.goto(`/activities/${activityId}`);
    await expect(page.getByRole('heading', { level: 1 }).getByText(title)).toBeVisible();
    await page.getByRole('button', { name: '发布通知' }).click();
    await expect(page.getByText('通知已发布，应到人员可在手机上看到')).toBeVisible();

    // The member, on a phone, asks for leave: the secretary is told (in the app and by e-mail).
    const phone = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const mobile = await phone.newPage();
    await signIn(mobile, 'dangyuan');
    const member = (await (await mobile.request.get('/api/auth/me')).json()) as Me;
    await mobile.goto('/me/activities');
    await expect(mobile.getByRole('heading', { level: 1, name: '我的组织生活' })).toBeVisible();
    const card = mobile.locator('.ant-card').filter({ hasText: title });
    await card.getByRole('button', { name: /请\s*假/ }).click();
    const leave = mobile.getByRole('dialog');
    await leave.getByLabel('请假原因').fill(reason);
    await leave.getByRole('button', { name: /提\s*交/ }).click();
    await expect(mobile.getByText('已提交请假，等待书记批准')).toBeVisible();
    await phone.close();

    // The robot: the first post refused (HTTP 500), the retry accepted — two requests, one message.
    const robotPosts = async () =>
      (await fetchReceived(receivers.webhook)).posts.filter(
        (p) => p.url.includes(robotKey) && JSON.stringify(p.body).includes(`活动通知：${title}`),
      );
    await expect
      .poll(async () => (await robotPosts()).map((p) => p.status), { timeout: 60_000, intervals: [500] })
      .toEqual([500, 200]);
    const [post] = (await robotPosts()).filter((p) => p.status === 200);
    const robotMessage = post?.body as { msgtype: string; markdown: { content: string } } | undefined;
    expect(robotMessage?.msgtype).toBe('markdown');
    const content = robotMessage?.markdown.content;
    expect(content).toContain(`**活动通知：${title}**`);
    expect(content).toContain('党员活动室。学习贯彻党的二十届四中全会精神');
    expect(content).toContain(`(${baseURL}/me/activities)`);

    // The e-mail to the secretary: refused once (451), accepted on the retry, with the same Message-ID.
    const leaveSubject = `请假申请：${title}`;
    const leaveMails = async () =>
      (await fetchReceived(receivers.webhook)).mails.filter((m) => m.subject === leaveSubject);
    await expect
      .poll(async () => (await leaveMails()).map((m) => m.accepted), { timeout: 60_000, intervals: [500] })
      .toEqual([false, true]);
    const [refused, accepted] = await leaveMails();
    expect(accepted?.messageId).toBe(refused?.messageId);
    expect(accepted?.to).toEqual([email]);
    expect(accepted?.from).toBe('dangjian@e2e.test');
    expect(accepted?.text).toContain(`${member.user.displayName}申请请假：${reason}`);
    expect(accepted?.text).toContain(`${baseURL}/activities/${activityId}?tab=attendance`);

    // No duplicate: a while later (longer than the queue's poll), still one message each, and no e-mail to
    // this address was accepted twice (the notice's own e-mail to the secretary included).
    await sleep(7000);
    const later = await fetchReceived(receivers.webhook);
    expect(
      later.posts
        .filter((p) => p.url.includes(robotKey) && JSON.stringify(p.body).includes(title))
        .map((p) => p.status),
    ).toEqual([500, 200]);
    const mine = later.mails.filter((m) => m.to.includes(email));
    expect(mine.filter((m) => m.subject === leaveSubject)).toHaveLength(2);
    const acceptedIds = mine.filter((m) => m.accepted).map((m) => m.messageId);
    expect(new Set(acceptedIds).size).toBe(acceptedIds.length);

    // In the app too, once.
    await page.goto('/notifications');
    await expect(page.getByText(leaveSubject)).toHaveCount(1);

    // The secretary removes the robot again (later flows publish in this branch too).
    await page.goto(`/orgs/${orgId}?tab=robots`);
    await page.getByRole('button', { name: /删\s*除/ }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await expect(page.getByText('群机器人已删除')).toBeVisible();
    await expect(page.getByText('尚未添加群机器人')).toBeVisible();
    await desk.close();
  } finally {
    // Leave the college as other flows expect it (before the clock moves back, which would end the session):
    // the meeting off everyone's list and the secretary's 待办, the secretary's e-mail off, the real time of day.
    try {
      if (csrf !== null) {
        const headers = { 'X-CSRF-Token': csrf };
        if (activityId !== null) {
          const res = await zhibuApi.get(`/api/activities/${activityId}`);
          const detail = (await res.json()) as { version: number; status: string };
          if (res.ok() && detail.status !== 'cancelled')
            await zhibuApi.post(`/api/activities/${activityId}/cancel`, {
              headers,
              data: { version: detail.version, reason: '端到端测试结束' },
            });
        }
        await zhibuApi.put('/api/notifications/preferences', { headers, data: { emailEnabled: false } });
      }
    } finally {
      setClockOffset('0');
      await zhibuApi.dispose();
    }
  }
});
