import { type APIRequestContext, expect, test } from '@playwright/test';
import { demoPassword } from '../playwright.config.ts';
import { signIn } from './sign-in.ts';

type Me = { csrfToken: string; user: { displayName: string }; scope: { kind: string; orgIds?: number[] } };
type MyActivity = {
  id: number;
  title: string;
  status: string;
  startsAt: string;
  canRequestLeave: boolean;
  leave: { status: string } | null;
};
type MyActivities = { upcoming: MyActivity[]; recent: MyActivity[] };
type Detail = { id: number; version: number; status: string };

/** Signs a request context in through the API; answers who signed in and the CSRF token for writes. */
async function apiLogin(request: APIRequestContext, username: string): Promise<Me> {
  const res = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()) as Me;
}

/** Runs a transition (publish, start, close, cancel) with the record's current version. */
async function step(api: APIRequestContext, csrf: string, id: number, name: string, extra = {}) {
  const detail = (await (await api.get(`/api/activities/${id}`)).json()) as Detail;
  return api.post(`/api/activities/${id}/${name}`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { version: detail.version, ...extra },
  });
}

test('a member asks for leave on the phone; the secretary approves it from 待办 before the meeting; the member sees 已批准', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const zhibuApi = await playwright.request.newContext({ baseURL });
  const zhibu = await apiLogin(zhibuApi, 'zhibu');

  // The member, on a phone.
  const phone = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await phone.newPage();
  await signIn(page, 'dangyuan');
  const me = (await (await page.request.get('/api/auth/me')).json()) as Me;
  const mine = (await (await page.request.get('/api/me/activities')).json()) as MyActivities;
  const future = mine.upcoming.filter(
    (a) => a.canRequestLeave && a.leave === null && Date.parse(a.startsAt) > Date.now() + 3600_000,
  );
  let meeting = future.find((a) => a.status === 'published');
  if (!meeting) {
    // Nothing published in the demo's next two weeks: the secretary publishes one of the planned ones.
    meeting = future.find((a) => a.status === 'planned');
    expect(meeting, 'an upcoming meeting of the member’s branch').toBeDefined();
    if (!meeting) return;
    const published = await step(zhibuApi, zhibu.csrfToken, meeting.id, 'publish');
    expect(published.ok(), await published.text()).toBeTruthy();
  }
  const { id, title } = meeting;

  await page.goto('/me/activities');
  await expect(page.getByRole('heading', { level: 1, name: '我的组织生活' })).toBeVisible();
  const card = page.locator('.ant-card').filter({ hasText: title });
  await card.getByRole('button', { name: /请\s*假/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('请假原因').fill('带学生参加省技能大赛');
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await expect(page.getByText('已提交请假，等待书记批准')).toBeVisible();
  await expect(card.getByText('待批准')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);

  // The secretary, on a desktop: the header's 待办 counts it, the page lists it, 去处理 opens the record.
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page2 = await desk.newPage();
  await signIn(page2, 'zhibu');
  const inboxButton = page2.getByRole('button', { name: /^待办，\d+ 项$/ });
  await expect(inboxButton).toBeVisible();
  const count = Number((await inboxButton.getAttribute('aria-label'))?.match(/(\d+)/)?.[1]);
  expect(count).toBeGreaterThan(0);
  await inboxButton.click();
  await expect(page2).toHaveURL(/\/inbox$/);
  await expect(page2.getByRole('heading', { level: 1, name: '待办' })).toBeVisible();
  const itemTitle = `${me.user.displayName}申请请假：${title}`;
  await expect(page2.getByText(itemTitle)).toBeVisible();
  await page2.getByRole('tab', { name: /审批请假/ }).click();
  await page2.getByRole('button', { name: `去处理：${itemTitle}` }).click();
  await expect(page2).toHaveURL(new RegExp(`/activities/${id}\\?tab=attendance$`));
  // Before the meeting starts (已发通知), the leave is decided already.
  await expect(page2.getByRole('heading', { level: 1 }).getByText('已发通知')).toBeVisible();
  const row = page2.getByRole('row').filter({ hasText: me.user.displayName });
  await row.getByRole('button', { name: '批准请假' }).click();
  await expect(page2.getByText(`已批准${me.user.displayName}的请假`)).toBeVisible();
  await expect(row.getByText('已批准')).toBeVisible();
  // Decided, it leaves the 待办.
  await page2.goto('/inbox');
  await expect(page2.getByRole('heading', { level: 1, name: '待办' })).toBeVisible();
  await expect(page2.getByText(itemTitle)).toHaveCount(0);
  await desk.close();

  // The member hears the decision: a message, and 已批准 on 我的组织生活.
  await page.goto('/notifications');
  await expect(page.getByText(title).first()).toBeVisible();
  await page.goto('/me/activities');
  await expect(page.locator('.ant-card').filter({ hasText: title }).getByText('已批准')).toBeVisible();
  await phone.close();
  await zhibuApi.dispose();
});

test('a secretary cannot archive a 支委会 nobody attended: the server’s message is shown', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL });
  const zhibu = await apiLogin(api, 'zhibu');
  const orgId = zhibu.scope.orgIds?.[0];
  expect(zhibu.scope.kind).toBe('subtrees');
  expect(orgId).toBeDefined();
  // Today, a minute ago, with no host or recorder (they would be marked present when it starts).
  const created = await api.post('/api/activities', {
    headers: { 'X-CSRF-Token': zhibu.csrfToken },
    data: {
      orgId,
      kind: 'committee_meeting',
      title: '无人出席的支委会（端到端）',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const { id } = (await created.json()) as Detail;
  const started = await step(api, zhibu.csrfToken, id, 'start');
  expect(started.ok(), await started.text()).toBeTruthy();
  const v = ((await (await api.get(`/api/activities/${id}`)).json()) as Detail).version;
  const withMinutes = await api.patch(`/api/activities/${id}`, {
    headers: { 'X-CSRF-Token': zhibu.csrfToken },
    data: { minutes: '会议记录正文', version: v },
  });
  expect(withMinutes.ok(), await withMinutes.text()).toBeTruthy();

  // In the UI: 归档 → confirm → the server's reason, and the record stays open.
  await signIn(page, 'zhibu');
  await page.goto(`/activities/${id}`);
  await expect(page.getByRole('heading', { level: 1 }).getByText('无人出席的支委会（端到端）')).toBeVisible();
  await page.getByRole('button', { name: /^归\s*档$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^归\s*档$/ })
    .click();
  await expect(page.getByText(/没有人出席，不能作为已召开归档/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 }).getByText('进行中')).toBeVisible();

  // Through the API: 400 on the attendance field, in Chinese.
  const refused = await step(api, zhibu.csrfToken, id, 'close');
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain('没有人出席');
  // Not held after all: cancel it with a reason, as the message says.
  const cancelled = await step(api, zhibu.csrfToken, id, 'cancel', { reason: '未能召开' });
  expect(cancelled.ok(), await cancelled.text()).toBeTruthy();
  await api.dispose();
});
