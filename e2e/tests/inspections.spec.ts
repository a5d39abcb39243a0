import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

const dayMs = 86_400_000;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Me = { user: { roles: { orgId: number | null; orgName: string | null }[] } };

/** The college's date (Asia/Shanghai) `offset` days from now. */
const shanghaiDay = (offset = 0) =>
  new Date(Date.now() + offset * dayMs + 8 * 3600_000).toISOString().slice(0, 10);

/** 'YYYY-MM-DD' two calendar months later, a day past the month's end clamped (as core's addMonths). */
function twoMonthsAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + 2;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
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

/** Types a day into an antd DatePicker found by its label. */
async function pickDay(scope: ReturnType<Page['getByRole']>, label: string, day: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

test('巡察: the 组织部 registers a round and records a unit’s feedback; the 总支 secretary sees the items in 待办 and submits the 整改报告; the 组织部 sees it', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const zongzhi = await (await browser.newContext()).newPage();
  await signIn(zongzhi, 'zongzhi');
  const me = (await (await zongzhi.request.get('/api/auth/me')).json()) as Me;
  const unitName = me.user.roles[0]!.orgName!;
  const name = `e2e 巡察 ${Date.now() % 100000}`;

  // 1. The 组织部 registers the round from the menu.
  await signIn(page, 'zzb');
  await page.getByRole('menuitem', { name: '巡察整改' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('巡察整改');
  await page.getByRole('button', { name: '登记巡察轮次' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('巡察名称').fill(name);
  await pickDay(drawer, '巡察开始日期', shanghaiDay(-40));
  await pickDay(drawer, '巡察结束日期', shanghaiDay(-10));
  const units = drawer.getByLabel('被巡察单位');
  await units.click();
  await units.fill(unitName);
  await page.locator('.ant-select-item-option:visible').filter({ hasText: unitName }).first().click();
  await drawer.getByLabel('巡察组第1人 姓名').fill('王建国');
  await drawer.getByLabel('巡察组第1人 单位职务').fill('纪委副书记');
  await drawer.getByLabel('巡察组第2人 姓名').fill('李红');
  await drawer.getByRole('button', { name: /登\s*记/ }).click();
  await expect(page).toHaveURL(/\/inspections\/\d+$/);
  const roundId = Number(/\/inspections\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('组长：王建国（纪委副书记）')).toBeVisible();
  await expect(page.getByText('待反馈').first()).toBeVisible();

  // 2. It records the feedback of the 总支 with two problems: each becomes a rectification item.
  await page.getByRole('button', { name: '录入巡察反馈' }).click();
  const feedback = page.getByRole('dialog');
  await feedback.getByLabel('反馈意见').fill('履行全面从严治党主体责任有差距。');
  await feedback.getByLabel('问题', { exact: true }).fill('e2e 党总支理论学习中心组专题研讨流于形式');
  await feedback.getByRole('button', { name: '添加问题' }).click();
  await feedback.getByLabel('问题', { exact: true }).nth(1).fill('e2e 党务工作例会研究党建工作不经常');
  await feedback.getByRole('button', { name: /录\s*入/ }).click();
  await expect(page.getByText('已录入反馈并生成整改事项')).toBeVisible();
  // The report is due two months after the feedback (recorded today).
  const due = twoMonthsAfter(shanghaiDay());
  await expect(page.getByText(due, { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /e2e 党总支理论学习中心组专题研讨流于形式/ })).toBeVisible();
  await expect(page.getByText('整改中').first()).toBeVisible();

  // 3. The 总支 secretary finds the report in 待办, opens the round at its unit, sees the items and reports.
  await zongzhi.goto('/inbox');
  await zongzhi
    .getByRole('button', { name: `去处理：提交巡察整改报告（截止 ${due}）` })
    .first()
    .click();
  await expect(zongzhi).toHaveURL(new RegExp(`/inspections/${roundId}\\?unit=`));
  await expect(zongzhi.getByRole('link', { name: /e2e 党务工作例会研究党建工作不经常/ })).toBeVisible();
  await zongzhi.getByRole('link', { name: /e2e 党务工作例会研究党建工作不经常/ }).click();
  await expect(zongzhi).toHaveURL(/\/rectifications\/\d+$/);
  await expect(zongzhi.getByRole('link', { name })).toBeVisible();
  await zongzhi.getByRole('link', { name }).click();
  await zongzhi.getByRole('button', { name: '提交整改报告' }).click();
  const report = zongzhi.getByRole('dialog');
  await expect(report.getByText('反馈问题')).toBeVisible();
  await report
    .getByLabel('整改情况报告')
    .fill('总支委员会专题研究巡察反馈意见，逐条制定整改措施，建立整改台账，书记履行第一责任人职责。');
  await report.getByRole('button', { name: /提\s*交/ }).click();
  await expect(zongzhi.getByText('已提交整改报告')).toBeVisible();
  await expect(zongzhi.getByText('已报告').first()).toBeVisible();
  await expectAccessible(zongzhi);

  // 4. The 组织部 sees the report with the figures counted when it came in.
  await page.reload();
  await expect(page.getByText(/书记履行第一责任人职责/)).toBeVisible();
  await expect(page.getByText('提交时的整改数据：')).toBeVisible();
  await expect(page.getByRole('button', { name: '退回整改报告' })).toBeVisible();
  await expect(page.getByRole('button', { name: '记录回头看' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/inspections');
  await expect(page.getByRole('link', { name })).toBeVisible();
  await expectAccessible(page);
});
