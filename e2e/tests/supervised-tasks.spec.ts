import { renameSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { clockFile, demoPassword } from '../playwright.config.ts';
import { signIn } from './sign-in.ts';

const dayMs = 86_400_000;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Org = { id: number; name: string; type: string; parentId: number | null };
type Me = { csrfToken: string; user: { roles: { orgId: number | null; orgName: string | null }[] } };

/** Writes the server's clock offset atomically (the server reads the file at most once a second). */
function setClockOffset(days: number): void {
  writeFileSync(`${clockFile}.tmp`, String(days));
  renameSync(`${clockFile}.tmp`, clockFile);
}

/** The college's date (Asia/Shanghai) `offset` days from now. */
const shanghaiDay = (offset = 0) =>
  new Date(Date.now() + offset * dayMs + 8 * 3600_000).toISOString().slice(0, 10);

async function apiSession(request: APIRequestContext, username: string) {
  const res = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** No serious or critical WCAG 2.1 AA violation on the page once its data is shown. */
async function expectAccessible(page: Page) {
  await expect(page.locator('.ant-skeleton, .ant-spin-spinning')).toHaveCount(0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(blocking, report.join('\n')).toHaveLength(0);
}

test('a 党委会 decision becomes a supervised task: the 组织部 issues it, the 总支 accepts and reports, the 组织部 confirms; past its deadline the overdue reminder', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const zzbApi = await playwright.request.newContext({ baseURL });
  const csrf = await apiSession(zzbApi, 'zzb');
  const orgs = (await (await zzbApi.get('/api/orgs')).json()) as Org[];
  const committee = orgs.find((o) => o.parentId === null && o.type === 'committee')!;

  // A 党委会 held today with a decision: a fresh one, so the flow does not depend on which of the demo's 党委会
  // decisions are supervised already.
  const startsAt = new Date(Date.now() - 2 * 3600_000).toISOString();
  const created = await zzbApi.post('/api/activities', {
    headers: { 'X-CSRF-Token': csrf },
    data: { orgId: committee.id, kind: 'committee_meeting', title: 'e2e 党委会（督办）', startsAt },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  let meeting = (await created.json()) as { id: number; version: number };
  const held = await zzbApi.post(`/api/activities/${meeting.id}/start`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { version: meeting.version },
  });
  expect(held.ok(), await held.text()).toBeTruthy();
  meeting = (await held.json()) as { id: number; version: number };
  const decision = '各总支开展党支部标准化规范化建设自查';
  const saved = await zzbApi.put(`/api/activities/${meeting.id}/resolutions`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      version: meeting.version,
      items: [
        { title: decision, content: '对照标准逐项自查，形成自查报告', isVote: false, outcome: 'recorded' },
      ],
    },
  });
  expect(saved.ok(), await saved.text()).toBeTruthy();

  // The lead: the 总支 of the demo's zongzhi account.
  const zongzhiPage = await (await browser.newContext()).newPage();
  await signIn(zongzhiPage, 'zongzhi');
  const zongzhiMe = (await (await zongzhiPage.request.get('/api/auth/me')).json()) as Me;
  const leadName = zongzhiMe.user.roles[0]!.orgName!;

  // The 组织部 turns the decision into a task from the record's page, in one step.
  await signIn(page, 'zzb');
  await page.goto(`/activities/${meeting.id}`);
  await page.getByRole('tab', { name: '议程与决议' }).click();
  await page.getByRole('button', { name: `将“${decision}”转为督办` }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByLabel('督办事项')).toHaveValue(decision);
  const lead = drawer.getByLabel('牵头单位');
  await lead.click();
  await lead.fill(leadName);
  await page.locator('.ant-select-item-option:visible').filter({ hasText: leadName }).first().click();
  const deadline = drawer.getByLabel('办结期限');
  await deadline.click();
  await deadline.fill(shanghaiDay(30));
  await deadline.press('Enter');
  await drawer.getByRole('button', { name: /交\s*办/ }).click();
  await expect(page).toHaveURL(/\/supervised-tasks\/\d+$/);
  const taskId = Number(/\/supervised-tasks\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByText('待签收').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'e2e 党委会（督办）' })).toBeVisible();
  await expectAccessible(page);

  // The 总支 secretary finds it waiting, accepts it, reports progress and reports it done.
  await zongzhiPage.goto('/inbox');
  await expect(zongzhiPage.getByText(`签收督办事项：${decision}`)).toBeVisible();
  await zongzhiPage.goto(`/supervised-tasks/${taskId}`);
  await zongzhiPage.getByRole('button', { name: /^签\s*收$/ }).click();
  await zongzhiPage
    .getByRole('dialog')
    .getByRole('button', { name: /^签\s*收$/ })
    .click();
  await expect(zongzhiPage.getByText('办理中').first()).toBeVisible();
  await zongzhiPage.getByRole('button', { name: '报告进展' }).click();
  await zongzhiPage.getByRole('dialog').getByLabel('办理进展').fill('已部署各支部开展自查，3个支部已完成');
  await zongzhiPage
    .getByRole('dialog')
    .getByRole('button', { name: /报\s*告/ })
    .click();
  await expect(zongzhiPage.getByText('已部署各支部开展自查，3个支部已完成').first()).toBeVisible();
  await zongzhiPage.getByRole('button', { name: '报告办结' }).click();
  await zongzhiPage.getByRole('dialog').getByLabel('办理结果').fill('所属支部均已完成自查并形成报告');
  await zongzhiPage.getByRole('dialog').getByRole('button', { name: '报告办结' }).click();
  await expect(zongzhiPage.getByText('已报办结').first()).toBeVisible();

  // The 组织部 confirms it done.
  await page.reload();
  await page.getByRole('button', { name: '确认办结' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认办结' }).click();
  await expect(page.getByText('已办结').first()).toBeVisible();
  await page.goto('/supervised-tasks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('督办事项');
  await expectAccessible(page);

  // A second task due in two days, accepted; with the clock moved past it the lead sees it overdue.
  const second = await zzbApi.post('/api/supervised-tasks', {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      activityId: meeting.id,
      title: 'e2e 逾期督办事项',
      leadOrgId: zongzhiMe.user.roles[0]!.orgId,
      deadline: shanghaiDay(2),
      cadence: 'none',
    },
  });
  expect(second.ok(), await second.text()).toBeTruthy();
  const secondId = ((await second.json()) as { id: number }).id;
  try {
    setClockOffset(5);
    const later = shanghaiDay(5);
    const zongzhiApi = await playwright.request.newContext({ baseURL });
    await expect
      .poll(
        async () => {
          await apiSession(zongzhiApi, 'zongzhi');
          const inbox = (await (await zongzhiApi.get('/api/inbox')).json()) as { today: string };
          return inbox.today;
        },
        { timeout: 10_000 },
      )
      .toBe(later);
    const overdue = zongzhiPage.context();
    await overdue.clearCookies();
    await zongzhiPage.clock.setSystemTime(new Date(Date.now() + 5 * dayMs));
    await signIn(zongzhiPage, 'zongzhi');
    await zongzhiPage.goto('/inbox');
    await expect(zongzhiPage.getByText('督办事项已逾期：e2e 逾期督办事项')).toBeVisible();
    await zongzhiPage.goto(`/supervised-tasks/${secondId}`);
    await expect(zongzhiPage.getByText(/已逾期：办结期限/)).toBeVisible();
    await zongzhiApi.dispose();
  } finally {
    setClockOffset(0);
  }
  await zzbApi.dispose();
});
