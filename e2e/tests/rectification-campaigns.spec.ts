import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

const dayMs = 86_400_000;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Me = { user: { roles: { orgId: number | null; orgName: string | null }[] } };

/** The college's date (Asia/Shanghai) `offset` days from now. */
const shanghaiDay = (offset = 0) =>
  new Date(Date.now() + offset * dayMs + 8 * 3600_000).toISOString().slice(0, 10);
/** '4月15日', as the 待办 names a due date. */
const monthDay = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

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

/** Picks a day in an antd DatePicker by typing it. */
async function pickDay(page: Page, label: string, day: string) {
  const input = page.getByRole('dialog').getByLabel(label);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

test('the 组织部 issues a 问题清单 round; a branch registers a problem in it and submits its list; the 组织部 sees it submitted and who has not', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const name = `e2e 问题清单 ${Date.now() % 100_000}`;
  const listDue = shanghaiDay(10);

  // The 组织部 issues the round to the whole college from the menu's 问题清单.
  await signIn(page, 'zzb');
  await page.getByRole('menuitem', { name: '问题清单' }).click();
  await expect(page).toHaveURL(/\/rectification-campaigns$/);
  await page.getByRole('button', { name: '部署问题清单' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('名称').fill(name);
  await drawer.getByRole('button', { name: '全校：各党总支和直属党支部' }).click();
  await pickDay(page, '问题清单报送截止日期', listDue);
  await pickDay(page, '整改总结报送截止日期', shanghaiDay(60));
  await drawer.getByLabel('工作要求').fill('对照标准逐项查摆问题，明确责任人、措施和时限。');
  await drawer.getByRole('button', { name: /部\s*署/ }).click();
  await expect(page).toHaveURL(/\/rectification-campaigns\/\d+$/);
  const campaignId = Number(/\/rectification-campaigns\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('已提交 0/').first()).toBeVisible();

  // zhibu's branch secretary finds it in 待办, registers a problem with the list and submits it.
  const zhibu = await (await browser.newContext()).newPage();
  await signIn(zhibu, 'zhibu');
  const me = (await (await zhibu.request.get('/api/auth/me')).json()) as Me;
  const branch = me.user.roles[0]!.orgName!;
  await zhibu.goto('/inbox');
  await zhibu
    .getByRole('button', { name: `去处理：提交问题清单（截止 ${monthDay(listDue)}）：${name}` })
    .click();
  await expect(zhibu).toHaveURL(new RegExp(`/rectification-campaigns/${campaignId}$`));
  const own = zhibu.locator('.ant-card').filter({ hasText: `本单位：${branch}` });
  await expect(own.getByText('未提交').first()).toBeVisible();
  // A branch sees its own row only: no 报送情况 of others.
  await expect(zhibu.getByText('报送情况', { exact: true })).toHaveCount(0);

  const problem = `支部工作手册记录不完整（${name}）`;
  await own.getByRole('button', { name: '登记问题' }).click();
  const itemDrawer = zhibu.getByRole('dialog');
  await itemDrawer.getByLabel('问题').fill(problem);
  await pickDay(zhibu, '整改期限', shanghaiDay(40));
  await itemDrawer.getByLabel('整改措施').fill('组织委员逐月核对会议记录，会后3日内归档。');
  await itemDrawer.getByRole('button', { name: /登\s*记/ }).click();
  await expect(own.getByRole('link', { name: problem })).toBeVisible();

  await own.getByRole('button', { name: '提交问题清单' }).click();
  await expect(zhibu.getByRole('dialog').getByText('已登记 1 个问题')).toBeVisible();
  await zhibu
    .getByRole('dialog')
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await expect(own.getByText('已提交').first()).toBeVisible();
  await expect(own.getByRole('button', { name: '登记问题' })).toHaveCount(0);
  await expectAccessible(zhibu);

  // The item names its list.
  await own.getByRole('link', { name: problem }).click();
  await expect(zhibu.getByRole('link', { name: `问题清单：${name}` })).toBeVisible();
  // And the list leaves the 待办.
  await zhibu.goto('/inbox');
  await expect(zhibu.getByText(`提交问题清单（截止 ${monthDay(listDue)}）：${name}`)).toHaveCount(0);

  // The 组织部 sees the branch submitted, and who has not, first.
  await page.reload();
  await expect(page.getByText('已提交 1/').first()).toBeVisible();
  const table = page.locator('.ant-table').first();
  const branchRow = table.getByRole('row').filter({ hasText: branch });
  await expect(branchRow.getByText('已提交')).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText('未提交');
  await expect(page.getByRole('link', { name: problem })).toBeVisible();
  await expectAccessible(page);
});
