import { type APIRequestContext, expect, test } from '@playwright/test';
import { demoPassword } from '../playwright.config.ts';
import { signIn } from './sign-in.ts';

type Me = { csrfToken: string; user: { personId: number | null } };
type OrgListItem = { id: number; name: string; type: string };
type InviteeList = { items: { personId: number; name: string; role: string }[] };
type CreatedUser = { user: { id: number; username: string }; temporaryPassword: string };

const ruleTitle = '未按月召开支委会';
const phonePassword = 'Phone-Sign-2026!x';
const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Signs a request context in through the API; answers the CSRF token for its writes. */
async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as Me).csrfToken;
}

/** "Now" in Asia/Shanghai as the picker's text, a minute ago so the meeting is already under way. */
function shanghaiNowText(): string {
  const d = new Date(Date.now() - 60_000 + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

test('a secretary plans and runs a 支委会, a committee member signs in on a phone, and the month’s alert disappears', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  // The current month's "not yet held" reminder shows in its last `lifeReminderDays` days; the 组织部
  // sets it to a whole month so the flow holds on any day of the month the tests run.
  const zzb = await playwright.request.newContext({ baseURL });
  const zzbCsrf = await apiLogin(zzb, 'zzb', demoPassword);
  const rules = (await (await zzb.get('/api/settings/rules')).json()) as Record<string, unknown>;
  const saved = await zzb.put('/api/settings/rules', {
    headers: { 'X-CSRF-Token': zzbCsrf },
    data: { ...rules, lifeReminderDays: 31 },
  });
  expect(saved.ok(), await saved.text()).toBeTruthy();

  await signIn(page, 'zhibu');
  const orgs = (await (await page.request.get('/api/orgs')).json()) as OrgListItem[];
  const branch = orgs.find(
    (o) => o.type === 'branch' || o.type === 'joint_branch' || o.type === 'temporary_branch',
  );
  expect(branch).toBeDefined();
  if (!branch) return;

  // Before: the branch has not held this month's 支委会 (the demo plants it).
  await page.goto('/alerts');
  const finding = page.getByRole('row').filter({ hasText: branch.name }).filter({ hasText: ruleTitle });
  await expect(finding.first()).toBeVisible();

  // A committee member other than the secretary, given an account by the administrator.
  const me = (await (await page.request.get('/api/auth/me')).json()) as Me;
  const today = shanghaiNowText().slice(0, 10);
  const invitees = (await (
    await page.request.get(`/api/activities/invitees?orgId=${branch.id}&kind=committee_meeting&date=${today}`)
  ).json()) as InviteeList;
  const member = invitees.items.find((i) => i.personId !== me.user.personId);
  expect(member, '支委会 has a member besides the secretary').toBeDefined();
  if (!member) return;
  const admin = await playwright.request.newContext({ baseURL });
  const adminCsrf = await apiLogin(admin, 'admin', demoPassword);
  const created = await admin.post('/api/users', {
    headers: { 'X-CSRF-Token': adminCsrf },
    data: {
      username: `e2e-wy-${Date.now() % 1_000_000}`,
      displayName: member.name,
      personId: member.personId,
      roles: [{ role: 'member', orgId: null }],
    },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const account = (await created.json()) as CreatedUser;
  await admin.dispose();

  // The secretary plans the meeting from the activity list (the branch preset by the URL filter).
  await page.goto(`/activities?orgId=${branch.id}`);
  await page.getByRole('button', { name: '计划活动' }).click();
  const drawer = page.getByRole('dialog');
  const title = `e2e 支委会 ${Date.now() % 100_000}`;
  await drawer.getByLabel('主题', { exact: true }).fill(title);
  const startsAt = drawer.getByLabel('开始时间（北京时间）');
  await startsAt.click();
  await startsAt.fill(shanghaiNowText());
  await startsAt.press('Enter');
  await drawer.getByLabel('议题1').fill('学习习近平总书记最新重要讲话精神');
  await drawer.getByRole('switch').first().click();
  await drawer.getByLabel('通知内容').fill('请支委准时参加，会上学习最新重要讲话精神。');
  await expect(drawer.getByText(/应到 \d+ 人/)).toBeVisible();
  await drawer.getByRole('button', { name: '保存计划' }).click();
  await expect(page).toHaveURL(/\/activities\/\d+$/);
  await expect(page.getByRole('heading', { name: new RegExp(title) })).toBeVisible();

  await page.getByRole('button', { name: '发布通知' }).click();
  await expect(page.getByText('已发通知').first()).toBeVisible();
  const screenOpened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: '开始活动' }).click();
  const screen = await screenOpened;
  await expect(screen).toHaveURL(/\/activities\/\d+\/screen$/);
  const qr = screen.locator('[data-sign-in-url]');
  await expect(qr).toBeVisible();

  // The member's phone: sign in, set a password of their own, open the code on the screen.
  const phone = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const phonePage = await phone.newPage();
  const phoneCsrf = await apiLogin(phonePage.request, account.user.username, account.temporaryPassword);
  const changed = await phonePage.request.post('/api/auth/password', {
    headers: { 'X-CSRF-Token': phoneCsrf },
    data: { oldPassword: account.temporaryPassword, newPassword: phonePassword },
  });
  expect(changed.ok(), await changed.text()).toBeTruthy();
  const url = await qr.getAttribute('data-sign-in-url');
  expect(url).toContain('/m/sign-in?t=');
  await phonePage.goto(url ?? '');
  await expect(phonePage.getByText('签到成功')).toBeVisible();
  const scrollWidth = await phonePage.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(380);
  // The screen counts the sign-in.
  await expect(screen.getByTestId('present-count')).toHaveText(/[1-9]/);
  await phone.close();
  await screen.close();

  // The other 委员 are there too (marked by hand, with the reason): a 支委会 counts as held only with more than
  // half of its members present (支部条例 第十二条; otherwise it is archived as 未达到法定人数).
  const activityId = Number(/\/activities\/(\d+)$/.exec(page.url())?.[1]);
  const csrf = ((await (await page.request.get('/api/auth/me')).json()) as Me).csrfToken;
  const detail = (await (await page.request.get(`/api/activities/${activityId}`)).json()) as {
    attendees: { personId: number; status: string; role: string }[];
  };
  for (const a of detail.attendees.filter((x) => x.role !== 'guest' && x.status === 'expected')) {
    const marked = await page.request.post(`/api/activities/${activityId}/attendance`, {
      headers: { 'X-CSRF-Token': csrf },
      data: { personId: a.personId, status: 'present', reason: '现场签到' },
    });
    expect(marked.ok(), await marked.text()).toBeTruthy();
  }

  // The secretary sees it, writes the minutes and closes the record.
  await page.reload();
  await page.getByRole('tab', { name: /出勤签到/ }).click();
  await expect(page.getByRole('row').filter({ hasText: member.name }).getByText('扫码签到')).toBeVisible();
  await page.getByRole('tab', { name: '纪要与附件' }).click();
  await page
    .getByLabel('会议内容')
    .fill('会议传达学习了最新重要讲话精神，研究了本月党员发展和党费收缴工作。');
  await page.getByRole('button', { name: '保存纪要' }).click();
  await expect(page.getByText('纪要已保存')).toBeVisible();
  // A photo of the meeting (a 1×1 PNG), sent as the raw body with progress.
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'meeting.png',
      mimeType: 'image/png',
      buffer: Buffer.from(onePixelPng, 'base64'),
    });
  await expect(page.getByText('meeting.png 已上传')).toBeVisible();
  await expect(page.getByText('照片（1）')).toBeVisible();
  // antd spaces out two-character button labels ("归 档").
  await page.getByRole('button', { name: /^归\s*档$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^归\s*档$/ })
    .click();
  await expect(page.getByText('已归档').first()).toBeVisible();

  // After: this month's finding for the branch is gone from 监测预警.
  await page.getByRole('menuitem', { name: '监测预警' }).click();
  await expect(page).toHaveURL(/\/alerts/);
  await expect(page.getByRole('table')).toBeVisible();
  await expect(finding).toHaveCount(0);

  const restored = await zzb.put('/api/settings/rules', {
    headers: { 'X-CSRF-Token': zzbCsrf },
    data: rules,
  });
  expect(restored.ok(), await restored.text()).toBeTruthy();
  await zzb.dispose();
});
